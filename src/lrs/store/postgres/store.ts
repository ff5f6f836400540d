/**
 * The PostgreSQL store: the same contract as the SQLite store, over a pg pool (reads, documents)
 * and a pool of statement writers. A write is acknowledged only after its COMMIT returns. Several
 * LRS nodes may share one schema: writers take no lock between them, stored times come from the
 * database clock, and Consistent-Through from the database (horizon.ts).
 */
import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import type { AttachmentContent } from '../../protocol/index.js';
import type { DocumentKey, DocumentScope, StoredDocument } from '../../protocol/index.js';
import type { StatementPage, StatementQuery, StatementRow, Store, StoredStatement } from '../store.js';
import { mergeActivityDefinition } from '../../protocol/index.js';
import { PostgresCredentials } from './credentials.js';
import { PostgresDocuments } from './documents.js';
import { PostgresStatements } from './statements.js';
import { consistentThroughIso } from './horizon.js';
import { existingMonths } from './partitions.js';
import { PostgresErasure } from './erasure.js';
import { PostgresRetention } from './retention.js';
import { openPool } from './pool.js';
import type { PostgresOptions } from './pool.js';

export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  readonly stampsStored = true;
  private readonly documents: PostgresDocuments;
  readonly statements: PostgresStatements;
  readonly credentials: PostgresCredentials;
  readonly retention: PostgresRetention;
  readonly erasure: PostgresErasure;

  private constructor(
    readonly pool: Pool,
    private readonly writers: Pool,
    readonly schema: string,
    months: Set<string>,
  ) {
    this.documents = new PostgresDocuments(pool);
    this.statements = new PostgresStatements(pool, writers, schema, mergeActivityDefinition, months);
    this.credentials = new PostgresCredentials(pool);
    this.retention = new PostgresRetention(pool);
    this.erasure = new PostgresErasure(pool);
  }

  static async open(options: PostgresOptions): Promise<PostgresStore> {
    const { pool, writers, schema } = await openPool(options);
    const months = new Set(await existingMonths(pool));
    return new PostgresStore(pool, writers, schema, months);
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
    return consistentThroughIso(await this.statements.horizon());
  }

  /** The first node to ask makes the secret; ON CONFLICT keeps whichever was first committed. */
  async sharedSecret(name: string): Promise<Buffer> {
    await this.pool.query('INSERT INTO shared_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, randomBytes(32)]);
    const { rows } = await this.pool.query<{ value: Buffer }>('SELECT value FROM shared_secrets WHERE name = $1', [name]);
    return rows[0]!.value;
  }

  async getActivityDefinition(activityId: string): Promise<Record<string, unknown> | undefined> {
    const { rows } = await this.pool.query<{ definition: string }>('SELECT definition FROM activities WHERE id = $1', [activityId]);
    return rows[0] ? (JSON.parse(rows[0].definition) as Record<string, unknown>) : undefined;
  }

  async close(): Promise<void> {
    await Promise.all([this.pool.end(), this.writers.end()]);
  }
}
