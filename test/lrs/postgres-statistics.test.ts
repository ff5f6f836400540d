/**
 * Where autovacuum is off (as on the machines these tests run on) or behind, the LRS gathers the
 * planner's statistics itself: a table is analysed once it has changed by more rows than would
 * make autovacuum analyse it, by one node at a time, and the nodes' fold timer does it on its own.
 * The tables' own autovacuum is switched off here, so the test means the same on a server where
 * it runs.
 */
import pg from 'pg';
import type { PoolClient } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropSchema } from '../../src/lrs/store/postgres/index.js';
import { ensureMonths, monthOf, partitionName } from '../../src/lrs/store/postgres/partitions.js';
import { analyzeLockKey, analyzeStale } from '../../src/lrs/store/postgres/statistics.js';
import { PostgresStore } from '../../src/lrs/store/postgres/store.js';
import { PG_URL, analysedUntil, freshSchemaName } from './contract/postgres-fixture.js';

const schema = freshSchemaName();
const facts = partitionName('report_facts', monthOf(Date.now()));
let store: PostgresStore;
let client: pg.Client;
let seq = 0;

/**
 * `n` report facts through `c`, stored now or at `at`; their counts reach PostgreSQL's statistics
 * once its backend has flushed them.
 */
async function addFacts(n: number, c: pg.Client = client, at?: string): Promise<void> {
  await c.query(
    `INSERT INTO report_facts (stored, seq, id, actor, verb, object, timestamp_ms, vietnam_day)
     SELECT t.at, $1 + i, gen_random_uuid(), 'hv' || (i % 50), 'http://adlnet.gov/expapi/verbs/experienced',
            'https://daotao.example.vn/xapi/m1', (extract(epoch FROM t.at) * 1000)::bigint, t.at::date
     FROM generate_series(1, $2) AS i, (SELECT coalesce($3::timestamptz, now()) AS at) AS t`,
    [seq, n, at ?? null],
  );
  seq += n;
  await c.query('SELECT pg_stat_force_next_flush()');
}

async function hasStatistics(table: string, c: pg.Client = client, inSchema = schema): Promise<boolean> {
  const { rows } = await c.query('SELECT 1 FROM pg_stats WHERE schemaname = $1 AND tablename = $2', [inSchema, table]);
  return rows.length > 0;
}

beforeAll(async () => {
  store = await PostgresStore.open({ connectionString: PG_URL, schema, maxConnections: 3, rollupFoldMs: 0 });
  client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
  await client.connect();
  await ensureMonths(client as unknown as PoolClient, [monthOf(Date.now())]);
  await client.query(`ALTER TABLE ${facts} SET (autovacuum_enabled = off)`);
});

afterAll(async () => {
  await client?.end();
  await store?.close();
  await dropSchema(PG_URL, schema);
});

describe("the planner's statistics", () => {
  it('are gathered for a table once it has changed enough, and not again until it changes that much again', async () => {
    await addFacts(2_000);
    expect(await hasStatistics(facts)).toBe(false);
    await analysedUntil(store.pool, schema, [facts], 15_000);
    expect(await hasStatistics(facts)).toBe(true);
    const { rows } = await client.query<{ n: number }>('SELECT reltuples AS n FROM pg_class WHERE oid = $1::regclass', [facts]);
    expect(rows[0]!.n).toBe(2_000);

    // Below autovacuum's threshold (50 rows and a tenth of the table's): left as it is.
    await addFacts(100);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await analyzeStale(store.pool, schema)).not.toContain(facts);
    await addFacts(300);
    await analysedUntil(store.pool, schema, [facts], 15_000);
  });

  it('are gathered by one node at a time: while another holds the schema, a node leaves them', async () => {
    await addFacts(3_000);
    const other = new pg.Client({ connectionString: PG_URL });
    await other.connect();
    try {
      await other.query('SELECT pg_advisory_lock(hashtext($1))', [analyzeLockKey(schema)]);
      await new Promise((r) => setTimeout(r, 1_500));
      expect(await analyzeStale(store.pool, schema)).toEqual([]);
      await other.query('SELECT pg_advisory_unlock(hashtext($1))', [analyzeLockKey(schema)]);
      await analysedUntil(store.pool, schema, [facts], 15_000);
    } finally {
      await other.end();
    }
  });

  it('pass over a month retention drops between their list and its ANALYZE, and gather the rest', async () => {
    const old = '2025-06';
    const dropped = partitionName('report_facts', old);
    await ensureMonths(client as unknown as PoolClient, [old]);
    await client.query(`ALTER TABLE ${dropped} SET (autovacuum_enabled = off)`);
    await addFacts(2_000, client, '2025-06-15 08:00Z');
    await addFacts(3_000);
    await new Promise((r) => setTimeout(r, 1_500));
    // The drop comes right after the node has read which tables are stale, as retention's would
    // from another node: the list still names the month, which no longer exists.
    const pool = new pg.Pool({ connectionString: PG_URL, max: 1 });
    const dropper = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
    await dropper.connect();
    let listed: string[] = [];
    const racing = {
      connect: async () => {
        const c = await pool.connect();
        const query = c.query.bind(c) as (text: string, values?: unknown[]) => Promise<pg.QueryResult>;
        return Object.assign(Object.create(c) as PoolClient, {
          query: async (text: string, values?: unknown[]) => {
            const result = await query(text, values);
            if (text.includes('n_mod_since_analyze')) {
              listed = result.rows.map((r: { table: string }) => r.table);
              await dropper.query(`DROP TABLE ${dropped}`);
            }
            return result;
          },
          release: (e?: Error | boolean) => c.release(e),
        });
      },
    } as unknown as pg.Pool;
    try {
      const analysed = await analyzeStale(racing, schema);
      expect(listed).toContain(dropped);
      expect(analysed).not.toContain(dropped);
      expect(analysed).toContain(facts);
      expect(await hasStatistics(facts)).toBe(true);
      // The schema's lock was let go: another connection takes it at once.
      const { rows } = await dropper.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [analyzeLockKey(schema)]);
      expect(rows[0]!.ok).toBe(true);
      await dropper.query('SELECT pg_advisory_unlock(hashtext($1))', [analyzeLockKey(schema)]);
    } finally {
      await dropper.end();
      await pool.end();
    }
  });

  it("are gathered by the nodes' own timer, after the fold", async () => {
    const timed = freshSchemaName();
    const node = await PostgresStore.open({ connectionString: PG_URL, schema: timed, maxConnections: 2, rollupFoldMs: 100, analyzeEveryMs: 200 });
    const c = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${timed}` });
    await c.connect();
    try {
      await ensureMonths(c as unknown as PoolClient, [monthOf(Date.now())]);
      await c.query(`ALTER TABLE ${facts} SET (autovacuum_enabled = off)`);
      await addFacts(1_000, c);
      let analysed = false;
      for (const until = Date.now() + 20_000; !analysed && Date.now() < until; ) {
        await new Promise((r) => setTimeout(r, 100));
        analysed = await hasStatistics(facts, c, timed);
      }
      expect(analysed).toBe(true);
    } finally {
      await c.end();
      await node.close();
      await dropSchema(PG_URL, timed);
    }
  });
});
