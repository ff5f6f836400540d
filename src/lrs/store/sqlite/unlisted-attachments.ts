/**
 * Attachment contents are stored once per sha2 and shared; one goes when no statement lists it
 * (statement_attachments) any more. Runs inside the writer's transaction, after the caller
 * removed its listings; the single writer means no statement can list a content meanwhile.
 */
import type { Database } from 'better-sqlite3';

const UNLISTED = 'NOT EXISTS (SELECT 1 FROM statement_attachments l WHERE l.sha2 = attachments.sha2)';

/** Deletes these contents (or all) that no statement lists; returns how many went. */
export function deleteUnlistedAttachments(db: Database, among?: readonly string[]): number {
  if (among === undefined) return db.prepare(`DELETE FROM attachments WHERE ${UNLISTED}`).run().changes;
  if (among.length === 0) return 0;
  return db.prepare(`DELETE FROM attachments WHERE sha2 IN (SELECT value FROM json_each(?)) AND ${UNLISTED}`).run(JSON.stringify(among)).changes;
}
