/**
 * The PostgreSQL store: the same contract as the SQLite store, over a pg pool. A write is
 * acknowledged only after its COMMIT returns.
 */
import type { Pool } from 'pg';
import type { AttachmentContent } from '../../protocol/index.js';
import type { DocumentKey, DocumentScope, StoredDocument } from '../../protocol/index.js';
import type { StatementPage, StatementQuery, StatementRow, Store, StoredStatement } from '../store.js';
import { mergeActivityDefinition } from '../../protocol/index.js';
import { ChangeFeed } from './change-feed.js';
import { PostgresCredentials } from './credentials.js';
import { PostgresDocuments } from './documents.js';
import { PostgresStatements } from './statements.js';
import { openPool, openReadPool } from './pool.js';
import type { PostgresOptions } from './pool.js';

export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  private readonly documents: PostgresDocuments;
  readonly statements: PostgresStatements;
  readonly credentials: PostgresCredentials;

  /** Credential changes of every process on this schema; listens only once someone subscribes. */
  readonly changes: ChangeFeed;

  private constructor(
    readonly pool: Pool,
    readonly schema: string,
    options: PostgresOptions,
  ) {
    this.documents = new PostgresDocuments(pool);
    this.statements = new PostgresStatements(pool, mergeActivityDefinition);
    this.changes = new ChangeFeed(options.connectionString, schema, options.log);
    this.credentials = new PostgresCredentials(pool, this.changes);
  }

  static async open(options: PostgresOptions): Promise<PostgresStore> {
    const { pool, schema } = await openPool(options);
    return new PostgresStore(pool, schema, options);
  }

  /** The same store on a streaming replica: only its reads are used (replica.ts). */
  static async openReadOnly(options: PostgresOptions): Promise<PostgresStore> {
    const { pool, schema } = await openReadPool(options);
    return new PostgresStore(pool, schema, options);
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

  insertStatements(rows: readonly StatementRow[], attachments: readonly AttachmentContent[]): Promise<void> {
    return this.statements.insert(rows, attachments);
  }
  statementsByIds(ids: readonly string[]): Promise<Map<string, StoredStatement>> {
    return this.statements.byIds(ids);
  }
  queryStatements(q: StatementQuery): Promise<StatementPage> {
    return this.statements.query(q);
  }
  attachments(sha2s: readonly string[]): Promise<AttachmentContent[]> {
    return this.statements.attachments(sha2s);
  }
  async consistentThrough(): Promise<string> {
    const { rows } = await this.pool.query<{ stored: string | null }>('SELECT stored_text AS stored FROM statements ORDER BY seq DESC LIMIT 1');
    return rows[0]?.stored ?? new Date().toISOString();
  }

  async getActivityDefinition(activityId: string): Promise<Record<string, unknown> | undefined> {
    const { rows } = await this.pool.query<{ definition: string }>('SELECT definition FROM activities WHERE id = $1', [activityId]);
    return rows[0] ? (JSON.parse(rows[0].definition) as Record<string, unknown>) : undefined;
  }

  async close(): Promise<void> {
    await this.changes.close();
    await this.pool.end();
  }
}
