/** A store written before migration 3 keeps answering its agent and activity filters after it. */
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIGRATIONS } from '../../src/lrs/store/sqlite/migrations.js';
import { SqliteStore } from '../../src/lrs/store/sqlite/store.js';

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
  it('moves the agent and activity index rows of version 2 to integer ids', async () => {
    const file = join(dir, 'lrs.sqlite');
    version2(file);
    const store = SqliteStore.open({ file });
    const ns = async (q: object) => (await store.queryStatements({ limit: 10, ...q })).bodies.map((b) => (JSON.parse(b) as { n: number }).n);
    expect(await ns({ agentKey: 'account:https://boiduong.example|hv-2' })).toEqual([2]);
    expect(await ns({ agentKey: 'authority:bd-old' })).toEqual([]);
    expect(await ns({ agentKey: 'authority:bd-old', relatedAgents: true })).toEqual([2, 1]);
    expect(await ns({ activityId: 'https://boiduong.example/q1' })).toEqual([2, 1]);
    expect(await ns({ activityId: 'https://boiduong.example/course', relatedActivities: true, agentKey: 'account:https://boiduong.example|hv-1' })).toEqual([1]);
    // New statements file under the same ids as the migrated ones.
    await store.insertStatements(
      [
        {
          id: '00000003-0000-4000-8000-000000000000',
          stored: '2026-01-01T00:00:03.000Z',
          body: JSON.stringify({ n: 3 }),
          verbId: 'http://adlnet.gov/expapi/verbs/answered',
          agents: [{ key: 'account:https://boiduong.example|hv-1', direct: true }],
          activities: [{ id: 'https://boiduong.example/q1', direct: true }],
        },
      ],
      [],
    );
    expect(await ns({ agentKey: 'account:https://boiduong.example|hv-1' })).toEqual([3, 1]);
    expect(await ns({ activityId: 'https://boiduong.example/q1', ascending: true })).toEqual([1, 2, 3]);
    await store.close();
    const tables = new Database(file, { readonly: true }).prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name GLOB 'statement_*' ORDER BY name").pluck().all();
    expect(tables).toEqual(['statement_activity_ids', 'statement_agent_ids']);
  });
});
