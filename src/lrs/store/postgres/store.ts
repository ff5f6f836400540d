/**
 * The PostgreSQL store: the same contract as the SQLite store, over a pg pool. A write is
 * acknowledged only after its COMMIT returns.
 */
import type { Pool } from 'pg';
import type { DocumentKey, DocumentScope, DocumentStore, StoredDocument } from '../../service/documents.js';
import { mergeActivityDefinition } from '../../http/activities.js';
import { PostgresDocuments } from './documents.js';
import { PostgresStatements } from './statements.js';
import { openPool } from './pool.js';
import type { PostgresOptions } from './pool.js';

export class PostgresStore implements DocumentStore {
  private readonly documents: PostgresDocuments;
  readonly statements: PostgresStatements;

  private constructor(
    readonly pool: Pool,
    readonly schema: string,
  ) {
    this.documents = new PostgresDocuments(pool);
    this.statements = new PostgresStatements(pool, mergeActivityDefinition);
  }

  static async open(options: PostgresOptions): Promise<PostgresStore> {
    const { pool, schema } = await openPool(options);
    return new PostgresStore(pool, schema);
  }

  getDocument(key: DocumentKey): Promise<StoredDocument | undefined> {
    return this.documents.getDocument(key);
  }
  listDocumentIds(scope: DocumentScope, since?: string): Promise<string[]> {
    return this.documents.listDocumentIds(scope, since);
  }
  putDocument(doc: StoredDocument): Promise<void> {
    return this.documents.putDocument(doc);
  }
  deleteDocument(key: DocumentKey): Promise<void> {
    return this.documents.deleteDocument(key);
  }
  deleteDocuments(scope: DocumentScope): Promise<void> {
    return this.documents.deleteDocuments(scope);
  }

  async getActivityDefinition(activityId: string): Promise<Record<string, unknown> | undefined> {
    const { rows } = await this.pool.query<{ definition: string }>('SELECT definition FROM activities WHERE id = $1', [activityId]);
    return rows[0] ? (JSON.parse(rows[0].definition) as Record<string, unknown>) : undefined;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
