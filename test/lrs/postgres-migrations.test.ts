/** A PostgreSQL schema written by an earlier version keeps its agents and documents after the migrations. */
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { MIGRATIONS } from '../../src/lrs/store/postgres/migrations.js';
import { dropSchema } from '../../src/lrs/store/postgres/pool.js';
import { PostgresStore } from '../../src/lrs/store/postgres/store.js';
import { accountKey } from '../../src/lrs/validate/identity.js';
import { PG_URL, freshSchemaName } from './contract/postgres-fixture.js';
import { toFact, type StatementFact } from '../../src/core/index.js';
import { accountAgent, idMaker, sitting } from '../support/player-statements.js';

const schemas: string[] = [];
afterAll(async () => {
  for (const s of schemas) await dropSchema(PG_URL, s);
});

/** A schema at version 2, with account agents and documents filed as "account:<homePage>|<name>". */
async function version2(schema: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}`);
    await c.query('CREATE TABLE bd_migrations (version integer PRIMARY KEY, name text NOT NULL, applied timestamptz NOT NULL DEFAULT now())');
    for (const m of MIGRATIONS.filter((m) => m.version <= 2)) {
      await c.query(m.sql);
      await c.query('INSERT INTO bd_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    }
    const { rows } = await c.query<{ seq: string }>(
      `INSERT INTO statements (id, stored, stored_text, verb_id, body) VALUES ('00000001-0000-4000-8000-000000000000', now(), '2026-01-01T00:00:01.000Z', 'http://adlnet.gov/expapi/verbs/answered', '{"n":1}') RETURNING seq`,
    );
    const seq = rows[0]!.seq;
    await c.query('INSERT INTO statement_agents (seq, agent_key, direct) VALUES ($1, $2, true), ($1, $3, false), ($1, $4, false)', [
      seq,
      'account:https://boiduong.example|hv|01',
      'mbox:mailto:gv@xa.example',
      'authority:bd-old',
    ]);
    const doc = `INSERT INTO documents (kind, activity_id, agent_key, registration, doc_id, content_type, content, etag, updated)
                 VALUES ('state', 'https://boiduong.example/au/1', $1, '', 'resume', 'application/json', $2, 'e', now())`;
    await c.query(doc, ['account:https://boiduong.example|hv|01', Buffer.from('{"page":2}')]);
    await c.query(doc, ['account:http://a.example|x|y', Buffer.from('{"page":5}')]);
    await c.query(doc, ['mbox:mailto:gv@xa.example', Buffer.from('{"page":9}')]);
  } finally {
    await c.end();
  }
}

describe('PostgreSQL migration 3', () => {
  it('rewrites the account keys of the agent index and of documents, losing nothing', async () => {
    const schema = freshSchemaName();
    schemas.push(schema);
    await version2(schema);
    const store = await PostgresStore.open({ connectionString: PG_URL, schema, maxConnections: 2 });
    try {
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
      const { rows } = await store.pool.query<{ n: string; v: number }>('SELECT (SELECT count(*) FROM documents) AS n, (SELECT max(version) FROM bd_migrations) AS v');
      expect([Number(rows[0]!.n), rows[0]!.v]).toEqual([3, MIGRATIONS.at(-1)!.version]);
    } finally {
      await store.close();
    }
  });
});

describe('PostgreSQL migration 6', () => {
  it('gives the statements stored before it their report facts, as a pull would read them', async () => {
    const schema = freshSchemaName();
    schemas.push(schema);
    const statements = sitting({
      actor: accountAgent('hv01', 'Nguyễn Văn An'),
      module: { courseActivityId: 'https://daotao.example.vn/xapi/courses/c1', courseTitle: 'Khóa 1', activityId: 'https://daotao.example.vn/xapi/courses/c1/modules/m1', title: 'Học phần 1', graded: true },
      start: Date.parse('2026-03-02T01:00:00Z'),
      pages: 2,
      questions: 2,
      mark: 7.5,
      pass: 5,
      nextId: idMaker(6),
    }).map((s) => ({ ...s, stored: '2026-03-02T02:00:00.000Z' }));
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    try {
      await c.query(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}`);
      await c.query('CREATE TABLE bd_migrations (version integer PRIMARY KEY, name text NOT NULL, applied timestamptz NOT NULL DEFAULT now())');
      for (const m of MIGRATIONS.filter((m) => m.version <= 3)) {
        if (m.sql.trim()) await c.query(m.sql);
        await c.query('INSERT INTO bd_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      }
      for (const s of statements) {
        await c.query('INSERT INTO statements (id, stored, stored_text, verb_id, body) VALUES ($1, $2::timestamptz, $2::text, $3, $4)', [s.id, s.stored, s.verb.id, JSON.stringify(s)]);
      }
    } finally {
      await c.end();
    }
    const store = await PostgresStore.open({ connectionString: PG_URL, schema, maxConnections: 2 });
    try {
      const { rows } = await store.pool.query<{ id: string; actor: string; verb: string; object: string; timestamp_ms: string; mark: number | null }>(
        'SELECT id, actor, verb, object, timestamp_ms, mark FROM report_facts ORDER BY seq',
      );
      const expected = statements.map((s) => toFact(s)!).map((f: StatementFact) => ({ id: f.id, actor: f.actor, verb: f.verb, object: f.object, timestamp_ms: String(Date.parse(f.timestamp)), mark: f.mark ?? null }));
      expect(rows).toEqual(expected);
      expect(rows.filter((r) => r.mark === 7.5)).toHaveLength(2);
    } finally {
      await store.close();
    }
  });
});
