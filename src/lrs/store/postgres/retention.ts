/**
 * Retention in PostgreSQL: whole months go at once by dropping their partitions, report facts
 * included (no row-by-row delete, no table bloat); only their rows of statement_ids, which is not
 * partitioned, are deleted.
 * Activity definitions stay (shared by activity id); attachment contents go when no statement
 * kept lists them.
 */
import type { Pool } from 'pg';
import type { RetentionOutcome, RetentionStore, StoredMonth } from '../store.js';
import { deleteUnlistedAttachments } from './attachment-listing.js';
import { inTransaction } from './transaction.js';
import { PARTITIONED, existingMonths, nextMonth, partitionName } from './partitions.js';

const monthStart = (month: string): string => `${month}-01 00:00:00+00`;

export class PostgresRetention implements RetentionStore {
  constructor(private readonly pool: Pool) {}

  async months(): Promise<StoredMonth[]> {
    const out: StoredMonth[] = [];
    for (const month of await existingMonths(this.pool)) {
      const { rows } = await this.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${partitionName('statements', month)}`);
      out.push({ month, statements: Number(rows[0]!.n) });
    }
    return out;
  }

  /**
   * One transaction: the months' ids, then their partitions. DROP holds an exclusive lock on
   * the parent tables until the commit, so the ids go first and the lock is held briefly.
   */
  async dropMonthsBefore(cutoff: string): Promise<RetentionOutcome> {
    return inTransaction(this.pool, async (client) => {
      const gone: StoredMonth[] = [];
      for (const month of await existingMonths(client)) {
        if (month >= cutoff) continue;
        const r = await client.query('DELETE FROM statement_ids WHERE stored >= $1::timestamptz AND stored < $2::timestamptz', [monthStart(month), monthStart(nextMonth(month))]);
        gone.push({ month, statements: r.rowCount ?? 0 });
      }
      for (const { month } of gone) for (const table of PARTITIONED) await client.query(`DROP TABLE ${partitionName(table, month)}`);
      return { months: gone, attachmentsDeleted: gone.length > 0 ? await deleteUnlistedAttachments(client) : 0 };
    });
  }
}
