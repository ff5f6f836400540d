/**
 * Retention in SQLite: the months (UTC, from the stored text) before the cutoff are deleted with
 * their index rows, and the attachment contents no statement kept lists, in one transaction on the writer's connection. SQLite has no partitions, so
 * this deletes row by row; the file keeps its size (its pages are reused by later statements).
 */
import type { Database } from 'better-sqlite3';
import type { RetentionOutcome, StoredMonth } from '../store.js';
import { deleteUnlistedAttachments } from './unlisted-attachments.js';

// stored is ISO 8601 UTC text, so its first 7 characters are the month.
const MONTHS = `SELECT substr(stored, 1, 7) AS month, count(*) AS statements FROM statements GROUP BY 1 ORDER BY 1`;

export function storedMonths(db: Database): StoredMonth[] {
  return db.prepare(MONTHS).all() as StoredMonth[];
}

export function deleteMonthsBefore(db: Database, cutoff: string): RetentionOutcome {
  if (!/^\d{4}-\d{2}$/.test(cutoff)) throw new Error(`not a month (yyyy-mm): ${cutoff}`);
  return db
    .transaction((): RetentionOutcome => {
      const gone = storedMonths(db).filter((m) => m.month < cutoff);
      const before = `${cutoff}-01T00:00:00.000Z`;
      const old = 'seq IN (SELECT seq FROM statements WHERE stored < ?)';
      db.prepare(`DELETE FROM statement_agent_ids WHERE ${old}`).run(before);
      db.prepare(`DELETE FROM statement_activity_ids WHERE ${old}`).run(before);
      db.prepare(`DELETE FROM statement_attachments WHERE ${old}`).run(before);
      db.prepare('DELETE FROM statements WHERE stored < ?').run(before);
      return { months: gone, attachmentsDeleted: gone.length > 0 ? deleteUnlistedAttachments(db) : 0 };
    })
    .immediate();
}
