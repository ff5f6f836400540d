/** Document rows (State, Activity Profile, Agent Profile) in PostgreSQL. */
import type { Pool } from 'pg';
import type { DocumentKey, DocumentScope, StoredDocument } from '../../protocol/index.js';
import type { DocumentStore } from '../store.js';
import { fromRow, scopeParams, type DocumentRow } from '../document-rows.js';

const KEY_WHERE = 'kind = $1 AND activity_id = $2 AND agent_key = $3 AND registration = $4';

export class PostgresDocuments implements DocumentStore {
  constructor(private readonly pool: Pool) {}

  async getDocument(key: DocumentKey): Promise<StoredDocument | undefined> {
    const { rows } = await this.pool.query<DocumentRow>(`SELECT * FROM documents WHERE ${KEY_WHERE} AND doc_id = $5`, [
      ...scopeParams(key),
      key.docId,
    ]);
    return rows[0] ? fromRow(rows[0]) : undefined;
  }

  async listDocumentIds(scope: DocumentScope, since?: string): Promise<string[]> {
    const params: unknown[] = scopeParams(scope);
    let sql = `SELECT doc_id FROM documents WHERE ${KEY_WHERE}`;
    if (since !== undefined) {
      params.push(since);
      sql += ` AND updated > $5`;
    }
    const { rows } = await this.pool.query<{ doc_id: string }>(`${sql} ORDER BY doc_id`, params);
    return rows.map((r) => r.doc_id);
  }

  async putDocument(doc: StoredDocument): Promise<void> {
    await this.pool.query(
      `INSERT INTO documents (kind, activity_id, agent_key, registration, doc_id, content_type, content, etag, updated)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (kind, activity_id, agent_key, registration, doc_id)
       DO UPDATE SET content_type = EXCLUDED.content_type, content = EXCLUDED.content, etag = EXCLUDED.etag, updated = EXCLUDED.updated`,
      [...scopeParams(doc), doc.docId, doc.contentType, doc.content, doc.etag, doc.updated],
    );
  }

  async deleteDocument(key: DocumentKey): Promise<void> {
    await this.pool.query(`DELETE FROM documents WHERE ${KEY_WHERE} AND doc_id = $5`, [...scopeParams(key), key.docId]);
  }

  async deleteDocuments(scope: DocumentScope): Promise<void> {
    await this.pool.query(`DELETE FROM documents WHERE ${KEY_WHERE}`, scopeParams(scope));
  }
}
