/** A store written by an earlier version keeps answering its filters and documents after the migrations. */
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIGRATIONS } from '../../src/lrs/store/sqlite/migrations.js';
import { SqliteStore } from '../../src/lrs/store/sqlite/store.js';
import { accountKey } from '../../src/lrs/validate/identity.js';

const hv = (n: number) => accountKey('https://boiduong.example', `hv-${n}`);

const dir = mkdtempSync(join(tmpdir(), 'bd-lrs-migrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A database at version 2, with two statements filed under text keys as version 2 did. */
function version2(file: string): void {
  const db = new Database(file);
  db.exec('CREATE TABLE bd_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)');
  for (const m of MIGRATIONS.filter((m) => m.version <= 2)) {
    db.exec(m.sql);
    db.prepare('INSERT INTO bd_migrations VALUES (?, ?, ?)').run(m.version, m.name, '2026-01-01T00:00:00.000Z');
  }
  const add = db.prepare('INSERT INTO statements (id, stored, verb_id, body) VALUES (?, ?, ?, ?)');
  const agent = db.prepare('INSERT INTO statement_agents (agent_key, seq, direct) VALUES (?, ?, ?)');
  const activity = db.prepare('INSERT INTO statement_activities (activity_id, seq, direct) VALUES (?, ?, ?)');
  for (const n of [1, 2]) {
    const seq = add.run(`0000000${n}-0000-4000-8000-000000000000`, `2026-01-01T00:00:0${n}.000Z`, 'http://adlnet.gov/expapi/verbs/answered', JSON.stringify({ n })).lastInsertRowid;
    agent.run(`account:https://boiduong.example|hv-${n}`, seq, 1);
    agent.run('authority:bd-old', seq, 0);
    activity.run('https://boiduong.example/q1', seq, 1);
    activity.run('https://boiduong.example/course', seq, 0);
  }
  db.close();
}

describe('SQLite migrations', () => {
  it('moves the agent and activity index rows of version 2 to integer ids (and their account keys to the new form)', async () => {
    const file = join(dir, 'lrs.sqlite');
    version2(file);
    const store = SqliteStore.open({ file });
    const ns = async (q: object) => (await store.queryStatements({ limit: 10, ...q })).bodies.map((b) => (JSON.parse(b) as { n: number }).n);
    expect(await ns({ agentKey: hv(2) })).toEqual([2]);
    expect(await ns({ agentKey: 'authority:bd-old' })).toEqual([]);
    expect(await ns({ agentKey: 'authority:bd-old', relatedAgents: true })).toEqual([2, 1]);
    expect(await ns({ activityId: 'https://boiduong.example/q1' })).toEqual([2, 1]);
    expect(await ns({ activityId: 'https://boiduong.example/course', relatedActivities: true, agentKey: hv(1) })).toEqual([1]);
    // New statements file under the same ids as the migrated ones.
    await store.insertStatements(
      [
        {
          id: '00000003-0000-4000-8000-000000000000',
          stored: '2026-01-01T00:00:03.000Z',
          body: JSON.stringify({ n: 3 }),
          verbId: 'http://adlnet.gov/expapi/verbs/answered',
          agents: [{ key: hv(1), direct: true }],
          activities: [{ id: 'https://boiduong.example/q1', direct: true }],
        },
      ],
      [],
    );
    expect(await ns({ agentKey: hv(1) })).toEqual([3, 1]);
    expect(await ns({ activityId: 'https://boiduong.example/q1', ascending: true })).toEqual([1, 2, 3]);
    await store.close();
    const tables = new Database(file, { readonly: true }).prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name GLOB 'statement_*' ORDER BY name").pluck().all();
    expect(tables).toEqual(['statement_activity_ids', 'statement_agent_ids', 'statement_attachments']);
  });
});

/** A database at version 3, with account agents and documents filed as "account:<homePage>|<name>". */
function version3(file: string): void {
  const db = new Database(file);
  db.exec('CREATE TABLE bd_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)');
  for (const m of MIGRATIONS.filter((m) => m.version <= 3)) {
    db.exec(m.sql);
    db.prepare('INSERT INTO bd_migrations VALUES (?, ?, ?)').run(m.version, m.name, '2026-01-01T00:00:00.000Z');
  }
  const seq = db
    .prepare('INSERT INTO statements (id, stored, verb_id, body) VALUES (?, ?, ?, ?)')
    .run('00000001-0000-4000-8000-000000000000', '2026-01-01T00:00:01.000Z', 'http://adlnet.gov/expapi/verbs/answered', JSON.stringify({ n: 1 })).lastInsertRowid;
  const key = db.prepare('INSERT INTO agent_keys (key) VALUES (?)');
  const index = db.prepare('INSERT INTO statement_agent_ids (agent, seq, direct) VALUES (?, ?, ?)');
  index.run(key.run('account:https://boiduong.example|hv|01').lastInsertRowid, seq, 1);
  index.run(key.run('mbox:mailto:gv@xa.example').lastInsertRowid, seq, 0);
  index.run(key.run('authority:bd-old').lastInsertRowid, seq, 0);
  const doc = db.prepare(
    "INSERT INTO documents (kind, activity_id, agent_key, registration, doc_id, content_type, content, etag, updated) VALUES ('state', 'https://boiduong.example/au/1', ?, '', ?, 'application/json', ?, 'e', '2026-01-01T00:00:00.000Z')",
  );
  doc.run('account:https://boiduong.example|hv|01', 'resume', Buffer.from('{"page":2}'));
  doc.run('account:http://a.example|x|y', 'resume', Buffer.from('{"page":5}'));
  doc.run('mbox:mailto:gv@xa.example', 'resume', Buffer.from('{"page":9}'));
  db.close();
}

describe('SQLite migration 4', () => {
  it('rewrites the account keys of the agent index and of documents, losing nothing', async () => {
    const file = join(dir, 'v3.sqlite');
    version3(file);
    const store = SqliteStore.open({ file });
    const ns = async (q: object) => (await store.queryStatements({ limit: 10, ...q })).bodies.map((b) => (JSON.parse(b) as { n: number }).n);
    const account = accountKey('https://boiduong.example', 'hv|01');
    expect(await ns({ agentKey: account })).toEqual([1]);
    expect(await ns({ agentKey: 'mbox:mailto:gv@xa.example', relatedAgents: true })).toEqual([1]);
    expect(await ns({ agentKey: 'authority:bd-old', relatedAgents: true })).toEqual([1]);
    expect(await ns({ agentKey: 'account:https://boiduong.example|hv|01' })).toEqual([]);
    const state = async (agentKey: string) =>
      (await store.getDocument({ kind: 'state', activityId: 'https://boiduong.example/au/1', agentKey, registration: '', docId: 'resume' }))?.content.toString();
    expect(await state(account)).toBe('{"page":2}');
    // The key two accounts shared goes to the one the document resources still accept.
    expect(await state(accountKey('http://a.example', 'x|y'))).toBe('{"page":5}');
    expect(await state('mbox:mailto:gv@xa.example')).toBe('{"page":9}');
    await store.close();
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(3);
    expect(db.prepare('SELECT max(version) FROM bd_migrations').pluck().get()).toBe(MIGRATIONS[MIGRATIONS.length - 1]!.version);
    db.close();
  });
});

describe('SQLite migration 6', () => {
  it('lists the attachments of the statements stored before it, so erasure and retention know what is still listed', async () => {
    const file = join(dir, 'v5.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE bd_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)');
    for (const m of MIGRATIONS.filter((m) => m.version <= 5)) {
      db.exec(m.sql);
      m.run?.(db);
      db.prepare('INSERT INTO bd_migrations VALUES (?, ?, ?)').run(m.version, m.name, '2026-01-01T00:00:00.000Z');
    }
    const add = db.prepare('INSERT INTO statements (id, stored, verb_id, body) VALUES (?, ?, ?, ?)');
    const bodies = [{ attachments: [{ sha2: 'AB12' }, { sha2: 'cd34' }] }, { attachments: [{ sha2: 'cd34' }] }, { result: { response: 'no "attachments" list here' } }];
    bodies.forEach((b, i) => add.run(`0000000${i + 1}-0000-4000-8000-000000000000`, `2026-01-01T00:00:0${i + 1}.000Z`, 'v', JSON.stringify(b)));
    db.close();
    const store = SqliteStore.open({ file });
    await store.close();
    const after = new Database(file, { readonly: true });
    try {
      expect(after.prepare('SELECT sha2, seq FROM statement_attachments ORDER BY seq, sha2').all()).toEqual([
        { sha2: 'ab12', seq: 1 },
        { sha2: 'cd34', seq: 1 },
        { sha2: 'cd34', seq: 2 },
      ]);
    } finally {
      after.close();
    }
  });
});
