/**
 * A content the erasure would delete while another node is storing a statement that lists it
 * again: the erasure must not delete it under the writer (attachment-listing.ts). The writer's
 * transaction is held open by hand between its statements, so the interleaving is the one a
 * race would need, every time.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { attachmentContentsStep, deleteUnlistedAttachments } from '../../src/lrs/store/postgres/attachment-listing.js';
import { dropSchema } from '../../src/lrs/store/postgres/pool.js';
import { PostgresStore } from '../../src/lrs/store/postgres/store.js';
import { sha256Hex } from '../../src/lrs/service/attachments.js';
import { PG_URL, freshSchemaName } from './contract/postgres-fixture.js';

const schemas: string[] = [];
afterAll(async () => {
  for (const s of schemas) await dropSchema(PG_URL, s);
});

describe('PostgreSQL: deleting unlisted attachments beside a writer', () => {
  it('keeps a content a writer still in flight lists again, and deletes it once nothing does', async () => {
    const schema = freshSchemaName();
    schemas.push(schema);
    const store = await PostgresStore.open({ connectionString: PG_URL, schema, maxConnections: 3, writerConnections: 1 });
    const content = Buffer.from('Bài thu hoạch (tệp đính kèm dùng chung)');
    const sha2 = sha256Hex(content);
    const attachment = { sha2, contentType: 'text/plain', content };
    const row = (id: string) => ({ id, stored: new Date().toISOString(), body: JSON.stringify({ id }), verbId: 'v', agents: [], activities: [], attachments: [sha2] });
    const writer = await store.pool.connect();
    const eraser = await store.pool.connect();
    try {
      const first = randomUUID();
      await store.insertStatements([row(first)], [attachment]);
      // The writer of a second statement listing the content: its content step ran, no commit yet.
      await writer.query('BEGIN');
      const step = attachmentContentsStep([attachment])!;
      await writer.query(step.sql, step.params as unknown[]);
      // The erasure of the first statement removes its listing and looks for contents nobody lists.
      await eraser.query('BEGIN');
      await eraser.query('DELETE FROM statement_attachments');
      const erasing = deleteUnlistedAttachments(eraser, [sha2]);
      await new Promise((r) => setTimeout(r, 300));
      const second = randomUUID();
      const { rows } = await writer.query<{ stored: string; seq: string }>(`INSERT INTO statements (stored, id, verb_id, body) VALUES (now(), $1, 'v', '{}') RETURNING stored, seq`, [second]);
      await writer.query('INSERT INTO statement_attachments (stored, seq, sha2) VALUES ($1, $2, $3)', [rows[0]!.stored, rows[0]!.seq, sha2]);
      await writer.query('COMMIT');
      expect(await erasing).toBe(0);
      await eraser.query('COMMIT');
      expect((await store.attachments([sha2])).map((a) => a.content.toString())).toEqual([content.toString()]);

      // With no statement listing it, it goes.
      await eraser.query('BEGIN');
      await eraser.query('DELETE FROM statement_attachments');
      expect(await deleteUnlistedAttachments(eraser, [sha2])).toBe(1);
      await eraser.query('COMMIT');
      expect(await store.attachments([sha2])).toEqual([]);
    } finally {
      await writer.query('ROLLBACK').catch(() => undefined);
      await eraser.query('ROLLBACK').catch(() => undefined);
      writer.release();
      eraser.release();
      await store.close();
    }
  });
});
