/**
 * Monthly partitions (UTC) of the statement tables. The statements, their agent and activity
 * index rows and their report facts of one month live in partitions of the same name suffix, so
 * retention drops a month of all four at once and a query bounded by stored time reads only its
 * months.
 *
 * A partition is created as a plain table and then attached: ATTACH takes a SHARE UPDATE
 * EXCLUSIVE lock on the parent, which does not block writers or readers (CREATE TABLE … PARTITION
 * OF would lock them out). Nodes creating the same month at once serialise on an advisory lock
 * and the second finds the table there.
 */
import type { PoolClient } from 'pg';

/**
 * The tables partitioned by month of stored; `statement_ids` is not (ids are unique across months).
 * report_facts comes with migration 6, the rollup's tables (by the month of their facts) with 7 and
 * statement_attachments with 9:
 * earlier migrations create months before those tables exist.
 */
export const PARTITIONED = ['statements', 'statement_agents', 'statement_activities', 'report_facts', 'report_rollup', 'report_rollup_counts', 'statement_attachments'] as const;

/**
 * Columns no query filters, joins or sorts on, whose statistics ANALYZE would still gather: for
 * the bodies it sorts a sample of texts of a kilobyte or more in the collation's order, half the
 * time of analysing a month of statements (1 million stored: 35–40 s, 18–19 s without). A
 * partition does not take its parent's setting, neither from LIKE nor when attached.
 */
export const STATISTICS_OFF: Readonly<Partial<Record<(typeof PARTITIONED)[number], readonly string[]>>> = { statements: ['body'] };

/** STATISTICS_OFF of `table` on `relation`: the table itself or one of its partitions. */
async function turnStatisticsOff(client: PoolClient, table: (typeof PARTITIONED)[number], relation: string): Promise<void> {
  for (const column of STATISTICS_OFF[table] ?? []) await client.query(`ALTER TABLE ${relation} ALTER COLUMN ${column} SET STATISTICS 0`);
}

/** Migration 10: STATISTICS_OFF on the partitioned tables, which passes it to the partitions they have. */
export async function statisticsOff(client: PoolClient): Promise<void> {
  for (const table of PARTITIONED) await turnStatisticsOff(client, table, table);
}

const MONTH = /^(\d{4})-(\d{2})$/;

/** yyyy-mm of an instant, in UTC. */
export function monthOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}

export function nextMonth(month: string): string {
  const [y, m] = parseMonth(month);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

function parseMonth(month: string): [number, number] {
  const m = MONTH.exec(month);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new Error(`not a month (yyyy-mm): ${month}`);
  return [Number(m[1]), Number(m[2])];
}

/** statements_y2026m12 */
export function partitionName(table: (typeof PARTITIONED)[number], month: string): string {
  const [y, m] = parseMonth(month);
  return `${table}_y${y}m${String(m).padStart(2, '0')}`;
}

/** The month of a partition's name, or undefined for a table that is not one of ours. */
export function monthOfPartition(name: string): string | undefined {
  const m = /_y(\d{4})m(\d{2})$/.exec(name);
  return m ? `${m[1]}-${m[2]}` : undefined;
}

/** Months that have partitions of `statements`, ascending. */
export async function existingMonths(client: Pick<PoolClient, 'query'>): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = 'statements'::regclass`,
  );
  return rows.map((r) => monthOfPartition(r.name)).filter((m): m is string => m !== undefined).sort();
}

async function exists(client: PoolClient, table: string): Promise<boolean> {
  const { rows } = await client.query<{ exists: boolean }>('SELECT to_regclass($1) IS NOT NULL AS exists', [table]);
  return rows[0]!.exists;
}

/**
 * Creates the partitions of these months that do not exist yet, inside the caller's transaction
 * (the caller commits). The search_path of the connection names the schema.
 */
export async function ensureMonths(client: PoolClient, months: readonly string[]): Promise<void> {
  const schema = (await client.query<{ s: string }>('SELECT current_schema() AS s')).rows[0]!.s;
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`boiduong-lrs-partitions:${schema}`]);
  for (const month of months) {
    const from = `${month}-01 00:00:00+00`;
    const to = `${nextMonth(month)}-01 00:00:00+00`;
    for (const table of PARTITIONED) {
      if (!(await exists(client, table))) continue;
      const name = partitionName(table, month);
      if (await exists(client, name)) continue;
      await client.query(`CREATE TABLE ${name} (LIKE ${table} INCLUDING DEFAULTS)`);
      await turnStatisticsOff(client, table, name);
      await client.query(`ALTER TABLE ${table} ATTACH PARTITION ${name} FOR VALUES FROM ('${from}') TO ('${to}')`);
    }
  }
}
