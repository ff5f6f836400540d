/**
 * The SQLite store (the default): one file under the data directory, WAL journal,
 * synchronous=FULL so an acknowledged statement survives a crash or power loss.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { mergeActivityDefinition } from '../../http/activities.js';
import type { AttachmentContent } from '../../service/attachments.js';
import type { DocumentKey, DocumentScope, StoredDocument } from '../../service/documents.js';
import type { StatementPage, StatementQuery, StatementRow, Store, StoredStatement } from '../store.js';
import { SqliteCredentials } from './credentials.js';
import { SqliteDocuments } from './documents.js';
import { migrate } from './migrations.js';
import { SqliteStatements } from './statements.js';

export const SQLITE_FILE = 'lrs.sqlite';

export interface SqliteOptions {
  readonly dataDir?: string;
  readonly file?: string;
}

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly credentials: SqliteCredentials;
  private readonly documents: SqliteDocuments;
  private readonly statements: SqliteStatements;

  private constructor(private readonly db: Database.Database) {
    this.documents = new SqliteDocuments(db);
    this.statements = new SqliteStatements(db, mergeActivityDefinition);
    this.credentials = new SqliteCredentials(db);
  }

  /**
   * Opens (creating when needed) the database and applies pending migrations: `dataDir` holds
   * lrs.sqlite; `file` names the file directly (':memory:' for a throwaway store).
   */
  static open(options: SqliteOptions | string): SqliteStore {
    const file = typeof options === 'string' ? options : (options.file ?? join(options.dataDir ?? '.data', SQLITE_FILE));
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return new SqliteStore(db);
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
  async statementsByIds(ids: readonly string[]): Promise<Map<string, StoredStatement>> {
    return this.statements.byIds(ids);
  }
  async queryStatements(q: StatementQuery): Promise<StatementPage> {
    return this.statements.query(q);
  }
  async consistentThrough(): Promise<string> {
    // Committed rows are visible at once; rows still waiting for the group commit are not, so the
    // answer stops just before the oldest of them.
    const pending = this.statements.oldestPendingStored();
    return pending === undefined ? new Date().toISOString() : new Date(Date.parse(pending) - 1).toISOString();
  }
  async attachments(sha2s: readonly string[]): Promise<AttachmentContent[]> {
    return this.statements.attachments(sha2s);
  }
  async getActivityDefinition(activityId: string): Promise<Record<string, unknown> | undefined> {
    return this.statements.activityDefinition(activityId);
  }
  async close(): Promise<void> {
    this.db.close();
  }
}
