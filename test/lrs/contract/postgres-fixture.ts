/** A fresh PostgreSQL schema per test run, dropped afterwards. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { analyzeStale } from '../../../src/lrs/store/postgres/statistics.js';
import { writerApplicationName } from '../../../src/lrs/store/postgres/horizon.js';

export const PG_URL = process.env['BOIDUONG_TEST_PG'] ?? 'postgres://postgres@127.0.0.1:5432/test';

export function freshSchemaName(): string {
  return `bd_test_${randomBytes(6).toString('hex')}`;
}

/**
 * A connection holding activity `id`'s row lock in `schema`, in an open transaction: a write
 * that touches that activity's definition waits behind it until the caller COMMITs or end()s it.
 */
export async function holdActivityLock(schema: string, id: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`SET search_path TO ${schema}`);
    await client.query('BEGIN');
    await client.query('SELECT 1 FROM activities WHERE id = $1 FOR UPDATE', [id]);
    return client;
  } catch (e) {
    await client.end();
    throw e;
  }
}

/** Until a writer connection of the schema's LRS waits on a lock; fails after `withinMs`. */
export async function untilWriterWaitsOnLock(client: pg.Client, schema: string, withinMs: number): Promise<void> {
  for (let waited = 0; waited < withinMs; waited += 25) {
    const { rows } = await client.query("SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'", [writerApplicationName(schema)]);
    if (rows.length > 0) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no writer of ${schema} reached the lock within ${withinMs} ms`);
}

/**
 * Calls analyzeStale until it has analysed every one of `tables` (PostgreSQL's change counters
 * reach it within a second or so of the writes); returns every table it analysed meanwhile.
 * Fails after `withinMs`.
 */
export async function analysedUntil(pool: pg.Pool, schema: string, tables: readonly string[], withinMs: number): Promise<string[]> {
  const analysed: string[] = [];
  for (const until = Date.now() + withinMs; Date.now() < until; ) {
    analysed.push(...(await analyzeStale(pool, schema)));
    if (tables.every((t) => analysed.includes(t))) return analysed;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not analysed within ${withinMs} ms: ${tables.filter((t) => !analysed.includes(t)).join(', ')} (analysed: ${analysed.join(', ') || 'none'})`);
}
