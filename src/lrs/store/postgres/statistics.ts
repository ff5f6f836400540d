/**
 * The planner's statistics of the store's tables, kept current by the LRS when nothing else
 * does. PostgreSQL plans every query from them; autovacuum gathers them, but where it is off or
 * behind (a server set up for bulk loads, a month's partition filling faster than its turn
 * comes) a table never analysed is planned with guesses: that almost every report fact voids
 * another, that a third of the store lies above the fold's watermark. The report's queries then
 * read every fact of the store, several times over (measured at one million statements: 1.9 s
 * for a province's digest without statistics, 0.1 s with them; docs/scale.md).
 *
 * So each node after a fold, at most once a minute (store.ts), and a report before it reads
 * (report-digest.ts), analyse the tables that have changed by more rows since their last
 * analysis than would make autovacuum analyse them, by the server's own autovacuum settings.
 * Where autovacuum keeps up, it has already done so and nothing is left here to do.
 */
import type { Pool } from 'pg';
import { quoteIdent } from './migrations.js';

const UNDEFINED_TABLE = '42P01';

/** One node at a time analyses a schema: the others would only sample the same tables again. */
export const analyzeLockKey = (schema: string): string => `boiduong-lrs-analyze:${schema}`;

// Partitions and plain tables, not the partitioned parents: the plans of a query on a parent use
// each partition's own statistics, and ANALYZE of a parent would sample every partition again.
// (PostgreSQL's counters restart at zero after a crash: a table is then analysed once it has
// changed by that much again. ANALYZE of a column list would skip the statements' bodies, the
// costliest column to sample, but it leaves the counters as they were: the table would look
// stale at every pass.)
const STALE = `
  SELECT c.relname AS table
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_stat_user_tables s ON s.relid = c.oid
   WHERE n.nspname = $1 AND c.relkind = 'r'
     AND s.n_mod_since_analyze > current_setting('autovacuum_analyze_threshold')::float8
         + current_setting('autovacuum_analyze_scale_factor')::float8 * greatest(c.reltuples, 0)
   ORDER BY c.relname`;

/**
 * Analyses the schema's tables whose statistics are stale; returns their names (none when
 * another node is analysing this schema). A table autovacuum is analysing at that moment is
 * skipped, not waited for.
 */
export async function analyzeStale(pool: Pool, schema: string): Promise<string[]> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    const { rows: locked } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [analyzeLockKey(schema)]);
    if (!locked[0]!.ok) return [];
    try {
      const { rows } = await client.query<{ table: string }>(STALE, [schema]);
      const analysed: string[] = [];
      for (const { table } of rows) {
        try {
          await client.query(`ANALYZE (SKIP_LOCKED) ${quoteIdent(schema)}.${quoteIdent(table)}`);
          analysed.push(table);
        } catch (e) {
          // A month retention dropped since the list was read: the others are still analysed.
          if ((e as { code?: string }).code !== UNDEFINED_TABLE) throw e;
        }
      }
      return analysed;
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [analyzeLockKey(schema)]).catch((e: Error) => {
        // A connection still holding the lock must not go back to the pool: the other nodes would never analyse.
        broken = e;
      });
    }
  } finally {
    client.release(broken);
  }
}
