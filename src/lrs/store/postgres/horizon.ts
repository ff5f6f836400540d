/**
 * The consistency horizon of the PostgreSQL store: the stored time H up to which every
 * statement is committed and readable, on every node, now and later. Queries show only
 * statements stored at or before H, and `more` pages keep the first page's H, so a page never
 * gains later a statement that belongs before it — without a lock between writers.
 *
 * Why it holds:
 * - Writers connect with their own application_name; pg_stat_activity shows the start of each of
 *   their open transactions (xact_start) from the moment the transaction begins, and clears it
 *   only after its commit is visible to new snapshots.
 * - A writer stamps `stored` inside its transaction with clock_timestamp(), read after the
 *   transaction began — so after its xact_start was published — and never earlier than that
 *   start (statement-writer.ts: greatest(clock_timestamp(), transaction_timestamp())).
 * - H = min(this statement's start, xact_start of every open writer transaction) − 1 µs, moved
 *   back to the end of a whole millisecond (readHorizon). A writer open when pg_stat_activity was
 *   read stamps at or after its xact_start, so after H. A writer not yet published then stamps
 *   later still, after this statement began. So everything stamped at or before H belongs to a
 *   transaction that had ended (committed or rolled back) when pg_stat_activity was read.
 * - The rows are then read by a second statement, whose snapshot is taken after that read.
 * - The argument compares times of one clock, the database server's: it must not be stepped
 *   backwards (NTP slews it).
 *
 * One database clock serves every node, so no node's clock matters. A writer transaction that
 * hangs holds H back: the server ends it (idle_in_transaction_session_timeout and
 * statement_timeout on writer connections, pool.ts), and until then queries show statements up to
 * its start (a statement is readable by id as soon as it is acknowledged).
 */
import type { Pool } from 'pg';

/** Application name of the writer connections of a schema (PostgreSQL keeps 63 bytes). */
export function writerApplicationName(schema: string): string {
  return `boiduong-lrs-writer ${schema}`.slice(0, 63);
}

const HORIZON = `
  SELECT (extract(epoch FROM least(statement_timestamp(),
            (SELECT min(xact_start) FROM pg_stat_activity WHERE application_name = $1))) * 1000000)::bigint - 1 AS horizon`;

/** Microseconds since 1970 (as text: beyond 2^53 µs is far, but bigint stays exact in PostgreSQL). */
export type Micros = bigint;

/**
 * The horizon, moved back to the last microsecond of a whole millisecond: clients see stored
 * times in milliseconds and poll with `since` (exclusive) on them, so a query must show all of a
 * millisecond or none of it — else the rest of that millisecond would come again after `since`.
 */
export async function readHorizon(pool: Pool, schema: string): Promise<Micros> {
  const { rows } = await pool.query<{ horizon: string }>(HORIZON, [writerApplicationName(schema)]);
  const exact = BigInt(rows[0]!.horizon);
  return ((exact + 1n) / 1000n) * 1000n - 1n;
}

/** ISO 8601 with microseconds, as PostgreSQL reads a timestamptz exactly. */
export function microsIso(us: Micros): string {
  const ms = us / 1000n;
  const rest = us % 1000n;
  return `${new Date(Number(ms)).toISOString().slice(0, -1)}${rest.toString().padStart(3, '0')}Z`;
}

/** The xAPI stored time (milliseconds) of a stamp. */
export function storedIso(us: Micros): string {
  return new Date(Number(us / 1000n)).toISOString();
}

/**
 * X-Experience-API-Consistent-Through at millisecond precision: every statement whose
 * (millisecond) stored time is at or before it was stamped at or before H (for a horizon from
 * readHorizon, exactly those).
 */
export function consistentThroughIso(horizon: Micros): string {
  return new Date(Number((horizon + 1n) / 1000n) - 1).toISOString();
}
