/**
 * Document rows (State, Activity Profile, Agent Profile) in SQLite. The SQLite store's
 * migrations include DOCUMENTS_DDL; better-sqlite3 is synchronous, so each call is atomic.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { DocumentKey, DocumentScope, StoredDocument } from '../../protocol/index.js';
import type { DocumentStore } from '../store.js';
import { fromRow, scopeParams, type DocumentRow } from '../document-rows.js';

export const DOCUMENTS_DDL = `
  CREATE TABLE IF NOT EXISTS documents (
    kind          TEXT NOT NULL,
    activity_id   TEXT NOT NULL DEFAULT '',
    agent_key     TEXT NOT NULL DEFAULT '',
    registration  TEXT NOT NULL DEFAULT '',
    doc_id        TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    content       BLOB NOT NULL,
    etag          TEXT NOT NULL,
    updated       TEXT NOT NULL,
    PRIMARY KEY (kind, activity_id, agent_key, registration, doc_id)
  ) WITHOUT ROWID;
`;

const KEY_WHERE = 'kind = ? AND activity_id = ? AND agent_key = ? AND registration = ?';

export class SqliteDocuments implements DocumentStore {
  private readonly get: Statement<unknown[], DocumentRow>;
  private readonly list: Statement<unknown[], { doc_id: string }>;
  private readonly listSince: Statement<unknown[], { doc_id: string }>;
  private readonly put: Statement;
  private readonly del: Statement;
  private readonly delAll: Statement;

  constructor(db: Database) {
    db.exec(DOCUMENTS_DDL);
    this.get = db.prepare(`SELECT * FROM documents WHERE ${KEY_WHERE} AND doc_id = ?`);
    this.list = db.prepare(`SELECT doc_id FROM documents WHERE ${KEY_WHERE} ORDER BY doc_id`);
    // updated is ISO 8601 UTC with milliseconds everywhere, so text order is time order.
    this.listSince = db.prepare(`SELECT doc_id FROM documents WHERE ${KEY_WHERE} AND updated > ? ORDER BY doc_id`);
    this.put = db.prepare(
      `INSERT INTO documents (kind, activity_id, agent_key, registration, doc_id, content_type, content, etag, updated)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (kind, activity_id, agent_key, registration, doc_id)
       DO UPDATE SET content_type = excluded.content_type, content = excluded.content, etag = excluded.etag, updated = excluded.updated`,
    );
    this.del = db.prepare(`DELETE FROM documents WHERE ${KEY_WHERE} AND doc_id = ?`);
    this.delAll = db.prepare(`DELETE FROM documents WHERE ${KEY_WHERE}`);
  }

  async getDocument(key: DocumentKey): Promise<StoredDocument | undefined> {
    const row = this.get.get(...scopeParams(key), key.docId);
    return row ? fromRow(row) : undefined;
  }

  async listDocumentIds(scope: DocumentScope, since?: string): Promise<string[]> {
    const rows = since === undefined ? this.list.all(...scopeParams(scope)) : this.listSince.all(...scopeParams(scope), since);
    return rows.map((r) => r.doc_id);
  }

  async putDocument(doc: StoredDocument): Promise<void> {
    this.put.run(...scopeParams(doc), doc.docId, doc.contentType, doc.content, doc.etag, doc.updated);
  }

  async deleteDocument(key: DocumentKey): Promise<void> {
    this.del.run(...scopeParams(key), key.docId);
  }

  async deleteDocuments(scope: DocumentScope): Promise<void> {
    this.delAll.run(...scopeParams(scope));
  }
}
