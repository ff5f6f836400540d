/** A PostgreSQL schema written by an earlier version keeps its statements, agents and documents after the migrations. */
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { PoolClient } from 'pg';
import { MIGRATIONS } from '../../src/lrs/store/postgres/migrations.js';
import { dropSchema } from '../../src/lrs/store/postgres/pool.js';
import { PostgresStore } from '../../src/lrs/store/postgres/store.js';
import { ensureMonths } from '../../src/lrs/store/postgres/partitions.js';
import { backfillReportFacts } from '../../src/lrs/store/postgres/report-facts.js';
import { foldRollup, registerReportObjects } from '../../src/lrs/store/postgres/report-rollup.js';
import { accountKey } from '../../src/lrs/validate/identity.js';
import { PG_URL, freshSchemaName } from './contract/postgres-fixture.js';
import { toFact, type StatementFact } from '../../src/core/index.js';
import { accountAgent, idMaker, sitting } from '../support/player-statements.js';

const schemas: string[] = [];
afterAll(async () => {
  for (const s of schemas) await dropSchema(PG_URL, s);
});

const LATEST = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** A schema as the migrations up to `version` left it, filled by `fill` on the same connection. */
async function schemaAt(schema: string, version: number, fill: (c: pg.Client) => Promise<void>): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}`);
    await c.query('CREATE TABLE bd_migrations (version integer PRIMARY KEY, name text NOT NULL, applied timestamptz NOT NULL DEFAULT now())');
    for (const m of MIGRATIONS.filter((m) => m.version <= version)) {
      if (m.sql.trim() !== '') await c.query(m.sql);
      await m.run?.(c as unknown as PoolClient);
      await c.query('INSERT INTO bd_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    }
    await fill(c);
  } finally {
    await c.end();
  }
}

/** A schema at version 2, with account agents and documents filed as "account:<homePage>|<name>". */
async function version2(schema: string): Promise<void> {
  await schemaAt(schema, 2, async (c) => {
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
  });
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
      expect([Number(rows[0]!.n), rows[0]!.v]).toEqual([3, LATEST]);
    } finally {
      await store.close();
    }
  });
});

const HV = 'account:["https://boiduong.example","hv-01"]';
const GV = 'mbox:mailto:gv@xa.example';
const ANSWERED = 'http://adlnet.gov/expapi/verbs/answered';
const VOIDED = 'http://adlnet.gov/expapi/verbs/voided';
const REG = '6f1c2f4e-0000-4000-8000-00000000000a';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/**
 * A schema at version 3 with six statements over two months (October and November 2026): one
 * with a registration, one voided by another, agents and activities indexed.
 */
async function version3(schema: string): Promise<void> {
  await schemaAt(schema, 3, async (c) => {
    const stored = ['2026-10-30T23:59:59.998Z', '2026-10-31T23:59:59.999Z', '2026-11-01T00:00:00.000Z', '2026-11-02T08:00:00.000Z', '2026-11-03T08:00:00.000Z', '2026-11-04T08:00:00.000Z'];
    for (const [i, at] of stored.entries()) {
      const n = i + 1;
      const voids = n === 5 ? id(2) : null;
      await c.query(
        `INSERT INTO statements (id, stored, stored_text, verb_id, registration, voids_id, voided, body) VALUES ($1, $2::timestamptz, $2::text, $3, $4, $5, $6, $7)`,
        [id(n), at, voids ? VOIDED : ANSWERED, n === 4 ? REG : null, voids, n === 2, JSON.stringify({ id: id(n), n, stored: at })],
      );
      await c.query(
        `INSERT INTO statement_agents (seq, agent_key, direct) SELECT seq, $2, true FROM statements WHERE id = $1 UNION ALL SELECT seq, $3, false FROM statements WHERE id = $1`,
        [id(n), HV, GV],
      );
      await c.query(`INSERT INTO statement_activities (seq, activity_id, direct) SELECT seq, $2, true FROM statements WHERE id = $1`, [id(n), `https://boiduong.example/q${n % 2}`]);
    }
  });
}

describe('PostgreSQL migration 4', () => {
  it('moves a version-3 schema into monthly partitions, keeping order, filters, voiding and unique ids', async () => {
    const schema = freshSchemaName();
    schemas.push(schema);
    await version3(schema);
    const store = await PostgresStore.open({ connectionString: PG_URL, schema, maxConnections: 2, writerConnections: 1 });
    try {
      const ns = async (q: object) => (await store.queryStatements({ limit: 10, ...q })).bodies.map((b) => (JSON.parse(b) as { n: number }).n);
      expect(await ns({})).toEqual([6, 5, 4, 3, 1]);
      expect(await ns({ agentKey: HV, ascending: true })).toEqual([1, 3, 4, 5, 6]);
      expect(await ns({ agentKey: GV })).toEqual([]);
      expect(await ns({ agentKey: GV, relatedAgents: true, until: '2026-11-01T00:00:00.000Z' })).toEqual([3, 1]);
      expect(await ns({ activityId: 'https://boiduong.example/q1' })).toEqual([5, 3, 1]);
      expect(await ns({ registration: REG })).toEqual([4]);
      expect(await ns({ verbId: ANSWERED, since: '2026-10-31T23:59:59.999Z' })).toEqual([6, 4, 3]);
      // Paging crosses the month boundary.
      const first = await store.queryStatements({ limit: 2, ascending: true });
      const second = await store.queryStatements({ limit: 2, ascending: true, after: first.last, atMost: first.head });
      expect([...first.bodies, ...second.bodies].map((b) => (JSON.parse(b) as { n: number }).n)).toEqual([1, 3, 4, 5]);
      expect((await store.statementsByIds([id(2)])).get(id(2))?.voided).toBe(true);

      const { rows } = await store.pool.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'statements'::regclass ORDER BY 1`,
      );
      expect(rows.map((r) => r.name).slice(0, 2)).toEqual(['statements_y2026m10', 'statements_y2026m11']);
      const { rows: counts } = await store.pool.query<{ oct: string; nov: string; ids: string }>(
        `SELECT (SELECT count(*) FROM statements_y2026m10) AS oct, (SELECT count(*) FROM statements_y2026m11) AS nov, (SELECT count(*) FROM statement_ids) AS ids`,
      );
      expect(counts[0]).toEqual({ oct: '2', nov: '4', ids: '6' });

      // New statements take the next numbers and come after the old ones; an old id stays taken.
      const body = (n: number, i: string) => JSON.stringify({ id: i, n, stored: new Date().toISOString() });
      const fresh = '00000000-0000-4000-8000-0000000000ff';
      const row = (i: string, n: number) => ({ id: i, stored: new Date().toISOString(), body: body(n, i), verbId: ANSWERED, agents: [{ key: HV, direct: true }], activities: [] });
      await store.insertStatements([row(fresh, 7)], []);
      expect(await ns({ agentKey: HV, limit: 2 })).toEqual([7, 6]);
      await expect(store.insertStatements([row(id(3), 8)], [])).rejects.toThrow();
      expect(await ns({ limit: 2 })).toEqual([7, 6]);
    } finally {
      await store.close();
    }
  });
});

/** The module IRI of module n of the course the migration tests' sittings are in. */
const moduleOf = (n: number): string => `https://daotao.example.vn/xapi/courses/c1/modules/m${n}`;

/**
 * One learner's sitting of module 1 in March and of module 2 in April 2026, stored the same day
 * an hour later; `storedStepMs` apart from one statement to the next (0: all at one instant).
 */
function sittingsInMarchAndApril(mark: (n: number) => number, firstId: number, storedStepMs: number) {
  const sittingStored = (start: string, stored: string, n: number) =>
    sitting({
      actor: accountAgent('hv01', 'Nguyễn Văn An'),
      module: { courseActivityId: 'https://daotao.example.vn/xapi/courses/c1', courseTitle: 'Khóa 1', activityId: moduleOf(n), title: `Học phần ${n}`, graded: true },
      start: Date.parse(start),
      pages: 2,
      questions: 2,
      mark: mark(n),
      pass: 5,
      nextId: idMaker(firstId + n),
    }).map((s, i) => ({ ...s, stored: new Date(Date.parse(stored) + i * storedStepMs).toISOString() }));
  return [...sittingStored('2026-03-02T01:00:00Z', '2026-03-02T02:00:00.000Z', 1), ...sittingStored('2026-04-02T01:00:00Z', '2026-04-02T02:00:00.000Z', 2)];
}

/** Writes statements as an old schema holds them: rows and ids only, in March's and April's partitions. */
async function insertMonthsRaw(c: pg.Client, statements: readonly { id: string; stored: string; verb: { id: string } }[]): Promise<void> {
  await ensureMonths(c as unknown as PoolClient, ['2026-03', '2026-04']);
  for (const s of statements) {
    await c.query(
      `WITH ins AS (INSERT INTO statements (stored, id, verb_id, body) VALUES ($2::timestamptz, $1, $3, $4) RETURNING stored, seq, id)
       INSERT INTO statement_ids (id, stored, seq) SELECT id, stored, seq FROM ins`,
      [s.id, s.stored, s.verb.id, JSON.stringify(s)],
    );
  }
}

describe('PostgreSQL migration 6', () => {
  it('gives the statements stored before it, in their monthly partitions, their report facts as a pull would read them', async () => {
    const schema = freshSchemaName();
    schemas.push(schema);
    const statements = sittingsInMarchAndApril(() => 7.5, 6, 0);
    await schemaAt(schema, 4, (c) => insertMonthsRaw(c, statements));
    const store = await PostgresStore.open({ connectionString: PG_URL, schema, maxConnections: 2 });
    try {
      const { rows } = await store.pool.query<{ id: string; actor: string; verb: string; object: string; timestamp_ms: string; mark: number | null }>(
        'SELECT id, actor, verb, object, timestamp_ms, mark FROM report_facts ORDER BY stored, seq',
      );
      const expected = statements.map((s) => toFact(s)!).map((f: StatementFact) => ({ id: f.id, actor: f.actor, verb: f.verb, object: f.object, timestamp_ms: String(Date.parse(f.timestamp)), mark: f.mark ?? null }));
      expect(rows).toEqual(expected);
      expect(rows.filter((r) => r.mark === 7.5)).toHaveLength(4);
      // Each month's facts sit in that month's partition, which retention drops with its statements.
      const { rows: months } = await store.pool.query<{ mar: string; apr: string }>(
        'SELECT (SELECT count(*) FROM report_facts_y2026m03) AS mar, (SELECT count(*) FROM report_facts_y2026m04) AS apr',
      );
      expect(months[0]).toEqual({ mar: String(statements.length / 2), apr: String(statements.length / 2) });
    } finally {
      await store.close();
    }
  });
});

/** The rollup's rows of the two modules, as the fold of sittingsInMarchAndApril() must leave them. */
async function moduleRows(pool: pg.Pool, statements: readonly Parameters<typeof toFact>[0][], mark: (n: number) => number): Promise<void> {
  const { rows } = await pool.query<{ object: string; day: string; month: string; live: number; first: string; best: string; mark: number }>(
    `SELECT object, vietnam_day::text AS day, tableoid::regclass::text AS month, live, (first).id AS first, (best).id AS best, (best).mark AS mark
       FROM report_rollup WHERE object = ANY($1) ORDER BY object`,
    [[moduleOf(1), moduleOf(2)]],
  );
  const facts = statements.map((s) => toFact(s)!);
  const expected = [1, 2].map((n) => {
    const own = facts.filter((f) => f.object === moduleOf(n));
    const best = own.filter((f) => f.mark !== undefined && /passed|failed/.test(f.verb))[0]!;
    return { object: moduleOf(n), day: `2026-0${n + 2}-02`, month: `report_rollup_y2026m0${n + 2}`, live: own.length, first: own[0]!.id, best: best.id, mark: mark(n) };
  });
  expect(rows).toEqual(expected);
  // Statements about anything else (the course, pages, questions) count for the learner: one '' row per day, no picks.
  const { rows: other } = await pool.query<{ objects: string[]; live: string; picks: string }>(
    `SELECT array_agg(DISTINCT object) AS objects, sum(live) AS live, count(*) FILTER (WHERE first IS NOT NULL OR best IS NOT NULL) AS picks
       FROM report_rollup WHERE NOT object = ANY($1)`,
    [[moduleOf(1), moduleOf(2)]],
  );
  expect(other[0]).toEqual({ objects: [''], live: String(facts.filter((f) => f.object !== moduleOf(1) && f.object !== moduleOf(2)).length), picks: '0' });
}

describe('PostgreSQL migration 7', () => {
  it('rolls a version-6 schema\'s report facts up per learner, registered module and day, in their months, once the first fold runs', async () => {
    const schema = freshSchemaName();
    schemas.push(schema);
    const statements = sittingsInMarchAndApril((n) => 5 + n, 70, 1);
    await schemaAt(schema, 6, async (c) => {
      await insertMonthsRaw(c, statements);
      await c.query('DELETE FROM report_facts');
      await backfillReportFacts(c as unknown as PoolClient);
    });
    const store = await PostgresStore.open({ connectionString: PG_URL, schema, maxConnections: 2 });
    try {
      const { rows: before } = await store.pool.query<{ n: string }>('SELECT count(*) AS n FROM report_rollup');
      expect(before[0]!.n).toBe('0');
      expect(await registerReportObjects(store.pool, schema, [moduleOf(1), moduleOf(2)])).toEqual([moduleOf(1), moduleOf(2)]);
      expect((await foldRollup(store.pool, schema)).facts).toBe(statements.length);
      await moduleRows(store.pool, statements, (n) => 5 + n);
    } finally {
      await store.close();
    }
  });
});

describe('PostgreSQL migration 8', () => {
  it('empties a version-7 rollup folded per object and folds it again with rows of their own for the modules a report registers', async () => {
    const schema = freshSchemaName();
    schemas.push(schema);
    const statements = sittingsInMarchAndApril((n) => 6 + n, 90, 2);
    await schemaAt(schema, 7, async (c) => {
      await insertMonthsRaw(c, statements);
      await c.query('DELETE FROM report_facts');
      await backfillReportFacts(c as unknown as PoolClient);
      // Version 7's fold: a row per object.
      await c.query("UPDATE report_rollup_state SET watermark = now(); INSERT INTO report_rollup (month, actor, object, vietnam_day, live, voided, member_stored, member_seq) SELECT date_trunc('month', stored, 'UTC'), actor, object, vietnam_day, count(*), 0, array_agg(stored), array_agg(seq) FROM report_facts GROUP BY 1, 2, 3, 4");
    });
    const store = await PostgresStore.open({ connectionString: PG_URL, schema, maxConnections: 2 });
    try {
      const { rows: after } = await store.pool.query<{ n: string; w: string }>('SELECT (SELECT count(*) FROM report_rollup) AS n, (SELECT watermark::text FROM report_rollup_state) AS w');
      expect(after[0]).toEqual({ n: '0', w: '-infinity' });
      // Folded first, registered after: the '' rows give the module's facts up to its own rows.
      expect((await foldRollup(store.pool, schema)).facts).toBe(statements.length);
      const { rows: objects } = await store.pool.query<{ object: string }>('SELECT DISTINCT object FROM report_rollup');
      expect(objects).toEqual([{ object: '' }]);
      expect(await registerReportObjects(store.pool, schema, [moduleOf(2), moduleOf(1), moduleOf(1)])).toEqual([moduleOf(1), moduleOf(2)]);
      expect(await registerReportObjects(store.pool, schema, [moduleOf(1)])).toEqual([]);
      await moduleRows(store.pool, statements, (n) => 6 + n);
    } finally {
      await store.close();
    }
  });
});

describe('PostgreSQL migration 9', () => {
  it('lists the attachments of the statements stored before it, in their months, so erasure and retention know what is still listed', async () => {
    const schema = freshSchemaName();
    schemas.push(schema);
    const id = (n: number) => `0000000${n}-0000-4000-8000-000000000000`;
    const statements = [
      { id: id(1), stored: '2026-03-02T08:00:00.000Z', verb: { id: 'v' }, attachments: [{ sha2: 'AB12' }, { sha2: 'cd34' }, { sha2: 'ab12' }] },
      { id: id(2), stored: '2026-04-02T08:00:00.000Z', verb: { id: 'v' }, attachments: [{ sha2: 'cd34' }] },
      { id: id(3), stored: '2026-04-03T08:00:00.000Z', verb: { id: 'v' }, result: { response: 'no "attachments" list here' } },
    ];
    await schemaAt(schema, 8, (c) => insertMonthsRaw(c, statements));
    const store = await PostgresStore.open({ connectionString: PG_URL, schema, maxConnections: 2 });
    try {
      const { rows } = await store.pool.query<{ month: string; id: string; sha2: string }>(
        `SELECT l.tableoid::regclass::text AS month, i.id::text AS id, l.sha2 FROM statement_attachments l JOIN statement_ids i ON i.stored = l.stored AND i.seq = l.seq ORDER BY 1, 2, 3`,
      );
      expect(rows).toEqual([
        { month: 'statement_attachments_y2026m03', id: id(1), sha2: 'ab12' },
        { month: 'statement_attachments_y2026m03', id: id(1), sha2: 'cd34' },
        { month: 'statement_attachments_y2026m04', id: id(2), sha2: 'cd34' },
      ]);
      expect((await store.pool.query('SELECT attachments_deleted FROM erasures')).fields.map((f) => f.name)).toEqual(['attachments_deleted']);
    } finally {
      await store.close();
    }
  });
});

describe('PostgreSQL migration 10', () => {
  it('turns the statement bodies\' statistics off in the partitions made before it, and the partitions made after take it', async () => {
    const schema = freshSchemaName();
    schemas.push(schema);
    await schemaAt(schema, 9, async (c) => {
      await ensureMonths(c as unknown as PoolClient, ['2026-03', '2026-04']);
      // As a version-9 server left them: every column with the server's default statistics.
      await c.query('ALTER TABLE statements ALTER COLUMN body SET STATISTICS -1');
    });
    const targets = async (p: pg.Pool): Promise<Record<string, number>> => {
      const { rows } = await p.query<{ t: string; target: number }>(
        `SELECT c.relname AS t, a.attstattarget AS target FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
          WHERE c.relnamespace = $1::regnamespace AND c.relname LIKE 'statements%' AND c.relkind IN ('r', 'p') AND a.attname = 'body' ORDER BY 1`,
        [schema],
      );
      return Object.fromEntries(rows.map((r) => [r.t, r.target]));
    };
    const store = await PostgresStore.open({ connectionString: PG_URL, schema, maxConnections: 2 });
    try {
      // The months before it, and the current and next ones the store made on opening.
      const opened = await targets(store.pool);
      expect(opened).toMatchObject({ statements: 0, statements_y2026m03: 0, statements_y2026m04: 0 });
      expect(Object.keys(opened).length).toBeGreaterThanOrEqual(4);
      expect(new Set(Object.values(opened))).toEqual(new Set([0]));
      const c = await store.pool.connect();
      try {
        await ensureMonths(c, ['2031-05']);
      } finally {
        c.release();
      }
      expect((await targets(store.pool))['statements_y2031m05']).toBe(0);
    } finally {
      await store.close();
    }
  });
});
