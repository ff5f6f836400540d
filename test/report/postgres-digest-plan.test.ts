/**
 * A province's report on a national store must read its own learners' rows, never scan every
 * province's: at 100 million statements the scan of the facts for the few above the fold's
 * watermark was most of 26 s of PostgreSQL CPU (docs/scale.md). On a store of 240,000 facts,
 * analysed by the LRS itself (statistics.ts; the tables' autovacuum is off here, as it may be on a
 * real server), the plans PostgreSQL makes for a small roster's digest read no table that holds many
 * rows from end to end: the facts above the watermark are a range of the facts' key, the
 * roster's rows are found through the rollup's keys. (Which plan reads the day counts of a large
 * roster best depends on the store's size: only bench:national shows that.)
 */
import pg from 'pg';
import type { PoolClient } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropSchema } from '../../src/lrs/store/postgres/index.js';
import { ensureMonths, monthOf, partitionName } from '../../src/lrs/store/postgres/partitions.js';
import { digestQueries } from '../../src/lrs/store/postgres/report-digest.js';
import { foldRollup, registerReportObjects } from '../../src/lrs/store/postgres/report-rollup.js';
import { PostgresStore } from '../../src/lrs/store/postgres/store.js';
import { PG_URL, analysedUntil, freshSchemaName } from '../lrs/contract/postgres-fixture.js';

const schema = freshSchemaName();
const FACTS = 240_000;
const ACTORS = 40_000;
const MODULES = [1, 2, 3, 4].map((n) => `https://daotao.example.vn/xapi/courses/c/modules/m${n}`);
let store: PostgresStore;
let client: pg.Client;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/** The tables (partitions included) read whole by the plan of `sql`, among those holding more than a few rows. */
async function scannedWhole(sql: string, params: unknown[]): Promise<string[]> {
  const { rows } = await client.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`EXPLAIN (FORMAT JSON) ${sql}`, params);
  const scanned = nodes(rows[0]!['QUERY PLAN'][0]!.Plan).filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name']!);
  const { rows: sizes } = await client.query<{ name: string; rows: number }>(
    'SELECT c.relname AS name, c.reltuples AS rows FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1',
    [schema],
  );
  const big = new Set(sizes.filter((r) => r.rows > 1_000).map((r) => r.name));
  return [...new Set(scanned.filter((name) => big.has(name)))].sort();
}

beforeAll(async () => {
  store = await PostgresStore.open({ connectionString: PG_URL, schema, maxConnections: 2, rollupFoldMs: 0 });
  client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
  await client.connect();
  await ensureMonths(client as unknown as PoolClient, [monthOf(Date.now())]);
  const partitions = (['report_facts', 'report_rollup', 'report_rollup_counts'] as const).map((t) => partitionName(t, monthOf(Date.now())));
  for (const p of partitions) await client.query(`ALTER TABLE ${p} SET (autovacuum_enabled = off)`);
  // Every learner's pages, questions and module results over the last hour, in stored order.
  await client.query(
    `INSERT INTO report_facts (stored, seq, id, actor, verb, object, timestamp_ms, vietnam_day, mark, success, completion)
     SELECT now() - (($1 - i) * interval '10 ms'), i, gen_random_uuid(), 'hv' || (i % $2),
            CASE WHEN i % 7 = 0 THEN 'http://adlnet.gov/expapi/verbs/completed' ELSE 'http://adlnet.gov/expapi/verbs/experienced' END,
            CASE WHEN i % 7 = 0 THEN ($3::text[])[1 + i % 4] ELSE ($3::text[])[1 + i % 4] || '/pages/' || (i % 5) END,
            (extract(epoch FROM now()) * 1000)::bigint, current_date - (i % 3), NULL, NULL, i % 7 = 0
     FROM generate_series(1, $1) AS i`,
    [FACTS, ACTORS, MODULES],
  );
  await registerReportObjects(store.pool, schema, MODULES);
  expect((await foldRollup(store.pool, schema)).facts).toBe(FACTS);
  await client.query('SELECT pg_stat_force_next_flush()');
  const analysed = await analysedUntil(store.pool, schema, partitions, 30_000);
  expect([...new Set(analysed.filter((t) => partitions.includes(t)))].sort()).toEqual([...partitions].sort());
}, 120_000);

afterAll(async () => {
  await client?.end();
  await store?.close();
  await dropSchema(PG_URL, schema);
});

describe("the plans of a roster's report", () => {
  it('read the facts above the watermark as a range and the roster by the keys, not every province\'s rows', async () => {
    const { rows } = await client.query<{ watermark: string; rollup: string }>(
      'SELECT (SELECT watermark::text FROM report_rollup_state) AS watermark, (SELECT count(*) FROM report_rollup) AS rollup',
    );
    expect(Number(rows[0]!.rollup)).toBeGreaterThan(ACTORS);
    const queries = digestQueries(true, rows[0]!.watermark, false);
    const roster = Array.from({ length: 60 }, (_, i) => `hv${i * 100}`);
    expect(await scannedWhole(queries.counts, [roster])).toEqual([]);
    expect(await scannedWhole(queries.candidates, [roster, '2099-12-31', MODULES])).toEqual([]);
    // Without a roster the report reads everything: the check sees a scan when there is one.
    const everyone = digestQueries(false, rows[0]!.watermark, false);
    expect(await scannedWhole(everyone.perActor, [null, '2099-12-31'])).not.toEqual([]);
  });
});
