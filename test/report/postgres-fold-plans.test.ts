/**
 * The rollup's fold, run by every node every few seconds, must read the new facts by their key
 * and never every fact. In a national run through three nodes, a store of 9 million facts
 * without statistics (autovacuum off) was read whole 48 times in an hour: for the voiding
 * statements of a step PostgreSQL guessed thousands of voiders and joined their targets with a
 * sequential scan of the facts. On a store of 100,000 folded facts, kept without statistics, a
 * fold of new statements with voiders among them runs no sequential scan of the facts' or the
 * rollup's partition.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { PoolClient } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropSchema } from '../../src/lrs/store/postgres/index.js';
import { ensureMonths, monthOf } from '../../src/lrs/store/postgres/partitions.js';
import { foldRollupUntil } from '../../src/lrs/store/postgres/report-rollup.js';
import { PostgresStore } from '../../src/lrs/store/postgres/store.js';
import type { StatementRow } from '../../src/lrs/store/store.js';
import { PG_URL, freshSchemaName } from '../lrs/contract/postgres-fixture.js';

const schema = freshSchemaName();
const FOLDED = 100_000;
const MODULE = 'https://daotao.example.vn/xapi/courses/c/modules/m1';
const VOIDED = 'http://adlnet.gov/expapi/verbs/voided';
const ANSWERED = 'http://adlnet.gov/expapi/verbs/answered';
let store: PostgresStore;
let client: pg.Client;
/** The partitions of report_facts and report_rollup this month's rows are in. */
let partitions: string[];

const account = (n: number) => ({ objectType: 'Agent', account: { homePage: 'https://daotao.example.vn', name: `hv${n}` } });

function row(statement: Record<string, unknown> & { id: string; verb: { id: string } }, voidsId?: string): StatementRow {
  return {
    id: statement.id,
    stored: new Date().toISOString(),
    body: JSON.stringify(statement),
    verbId: statement.verb.id,
    agents: [],
    activities: [],
    ...(voidsId !== undefined ? { voidsId } : {}),
  };
}

/** Folds up to the newest fact on a connection of its own, and counts the sequential scans of the partitions it made. */
async function foldCountingScans(): Promise<{ facts: number; scans: number }> {
  const scans = async (): Promise<number> => {
    const { rows } = await client.query<{ n: string }>('SELECT sum(seq_scan) AS n FROM pg_stat_user_tables WHERE schemaname = $1 AND relname = ANY($2::text[])', [schema, partitions]);
    return Number(rows[0]!.n);
  };
  const folder = await store.pool.connect();
  try {
    // Whatever this connection did before is counted first.
    await folder.query('SELECT pg_stat_force_next_flush()');
    await folder.query('SELECT 1');
    const before = await scans();
    const { rows } = await folder.query<{ top: string }>('SELECT max(stored)::text AS top FROM report_facts');
    const { facts } = await foldRollupUntil(folder, schema, rows[0]!.top);
    await folder.query('SELECT pg_stat_force_next_flush()');
    await folder.query('SELECT 1');
    return { facts, scans: (await scans()) - before };
  } finally {
    folder.release();
  }
}

beforeAll(async () => {
  store = await PostgresStore.open({ connectionString: PG_URL, schema, maxConnections: 3, writerConnections: 1, rollupFoldMs: 0 });
  client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
  await client.connect();
  await ensureMonths(client as unknown as PoolClient, [monthOf(Date.now())]);
  const month = monthOf(Date.now()).replace('-', 'm');
  partitions = [`report_facts_y${month}`, `report_rollup_y${month}`];
  // No statistics, whatever this server's autovacuum does: as on a store whose autovacuum is behind.
  for (const p of partitions) await client.query(`ALTER TABLE ${p} SET (autovacuum_enabled = false)`);
  // Facts from the start of the month, folded before the test's own.
  await client.query(
    `INSERT INTO report_facts (stored, seq, id, actor, verb, object, timestamp_ms, vietnam_day, mark, success, completion)
     SELECT date_trunc('month', now(), 'UTC') + i * interval '1 microsecond', -i, gen_random_uuid(), 'hv' || (i % 5000), $2, $3 || '/q' || (i % 40),
            (extract(epoch FROM now()) * 1000)::bigint, current_date, NULL, NULL, NULL
     FROM generate_series(1, $1) AS i`,
    [FOLDED, ANSWERED, MODULE],
  );
  expect((await foldCountingScans()).facts).toBe(FOLDED);
}, 120_000);

afterAll(async () => {
  await client?.end();
  await store?.close();
  await dropSchema(PG_URL, schema);
});

describe('the fold of new facts on a store without statistics', () => {
  it('reads the new facts, the voided ones and their groups by their keys, never a whole partition', async () => {
    const answers = Array.from({ length: 40 }, (_, i) => ({
      id: randomUUID(),
      actor: account(i % 8),
      verb: { id: ANSWERED },
      object: { id: `${MODULE}/q${i}` },
      result: { success: true },
      timestamp: new Date().toISOString(),
    }));
    await store.insertStatements(answers.map((s) => row(s)), []);
    const voiders = answers.slice(0, 5).map((target) => ({
      id: randomUUID(),
      actor: account(0),
      verb: { id: VOIDED },
      object: { objectType: 'StatementRef', id: target.id },
      timestamp: new Date().toISOString(),
    }));
    await store.insertStatements(voiders.map((s) => row(s, s.object.id)), []);

    const fold = await foldCountingScans();
    expect(fold.facts).toBe(45);
    expect(fold.scans).toBe(0);
    // The voided statements left their groups: the fold did recompute them.
    const { rows } = await client.query<{ voided: string }>('SELECT sum(voided) AS voided FROM report_rollup');
    expect(Number(rows[0]!.voided)).toBe(5);
  }, 60_000);
});
