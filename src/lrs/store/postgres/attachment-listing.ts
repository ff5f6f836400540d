/**
 * Which statements list each attachment. Contents are stored once per sha2 and shared, so one
 * can go only when no statement lists it any more: after an erasure deletes or rewrites the
 * learner's statements, after retention drops months. The rows exist only for statements with
 * attachments, partitioned by month with the statements (retention drops them together).
 *
 * A writer storing a statement that lists a content already stored locks that content's row
 * (ON CONFLICT DO UPDATE), and a deletion locks the contents it would delete before it looks
 * for statements still listing them, in a statement of its own (a new snapshot in READ
 * COMMITTED): a writer either committed before the look, and is seen, or waits for the deletion
 * and then stores the content again from its own request.
 */
import type { PoolClient } from 'pg';
import { ensureMonths, existingMonths } from './partitions.js';
import type { SqlStep } from './sql-step.js';

export const ATTACHMENT_LISTING_SQL = `
  CREATE TABLE statement_attachments (
    stored  timestamptz NOT NULL,
    seq     bigint NOT NULL,
    sha2    text NOT NULL,
    CONSTRAINT statement_attachments_key PRIMARY KEY (stored, seq, sha2)
  ) PARTITION BY RANGE (stored);
  CREATE INDEX statement_attachments_sha2 ON statement_attachments (sha2);
  ALTER TABLE erasures ADD COLUMN attachments_deleted integer NOT NULL DEFAULT 0;
`;

/** Migration 9: the months' partitions, then the listings of the statements already stored (every body read once). */
export async function backfillAttachmentListing(c: PoolClient): Promise<void> {
  await ensureMonths(c, await existingMonths(c));
  await c.query(`
    INSERT INTO statement_attachments (stored, seq, sha2)
    SELECT DISTINCT s.stored, s.seq, lower(a ->> 'sha2')
      FROM statements s
     CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(s.body::jsonb -> 'attachments') = 'array' THEN s.body::jsonb -> 'attachments' ELSE '[]'::jsonb END) a
     WHERE strpos(s.body, '"attachments"') > 0 AND a ->> 'sha2' IS NOT NULL`);
}

/** The contents of a write, in sha2 order (row locks in one order: writers never deadlock). */
export function attachmentContentsStep(contents: readonly { sha2: string; contentType: string; content: Buffer }[]): SqlStep | undefined {
  if (contents.length === 0) return undefined;
  const unique = new Map([...contents].sort((x, y) => (x.sha2 < y.sha2 ? -1 : x.sha2 > y.sha2 ? 1 : 0)).map((a) => [a.sha2, a]));
  return {
    // The update changes nothing but locks the row against a deletion running beside it.
    sql: `INSERT INTO attachments (sha2, content_type, content) SELECT * FROM unnest($1::text[], $2::text[], $3::bytea[])
          ON CONFLICT (sha2) DO UPDATE SET content_type = attachments.content_type`,
    params: [[...unique.keys()], [...unique.values()].map((a) => a.contentType), [...unique.values()].map((a) => a.content)],
  };
}

/** The listings of the rows a write inserted (their places from statement_ids, written before). */
export function attachmentListingStep(rows: readonly { id: string; attachments?: readonly string[] | undefined }[]): SqlStep | undefined {
  const ids: string[] = [], sha2s: string[] = [];
  for (const r of rows) {
    for (const sha2 of r.attachments ?? []) {
      ids.push(r.id);
      sha2s.push(sha2);
    }
  }
  if (ids.length === 0) return undefined;
  return {
    sql: `INSERT INTO statement_attachments (stored, seq, sha2)
          SELECT i.stored, i.seq, x.sha2 FROM unnest($1::uuid[], $2::text[]) AS x(id, sha2) JOIN statement_ids i ON i.id = x.id
          ON CONFLICT DO NOTHING`,
    params: [ids, sha2s],
  };
}

/**
 * Deletes the contents (these, or all) that no statement lists, inside the caller's transaction,
 * after it removed its listings; returns how many went.
 */
export async function deleteUnlistedAttachments(client: PoolClient, among?: readonly string[]): Promise<number> {
  if (among !== undefined && among.length === 0) return 0;
  const unlisted = 'NOT EXISTS (SELECT 1 FROM statement_attachments l WHERE l.sha2 = a.sha2)';
  const locked = await client.query<{ sha2: string }>(
    `SELECT a.sha2 FROM attachments a WHERE ${among ? 'a.sha2 = ANY($1::text[]) AND ' : ''}${unlisted} ORDER BY a.sha2 FOR UPDATE`,
    among ? [among] : [],
  );
  if (locked.rows.length === 0) return 0;
  const gone = await client.query(`DELETE FROM attachments a WHERE a.sha2 = ANY($1::text[]) AND ${unlisted}`, [locked.rows.map((r) => r.sha2)]);
  return gone.rowCount ?? 0;
}
