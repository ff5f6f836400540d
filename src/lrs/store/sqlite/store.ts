/**
 * The SQLite store (default): one file under the data directory, WAL journal, synchronous=FULL so
 * a committed transaction survives a crash or power loss before the request is answered.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { mergeActivityDefinition } from '../../http/activities.js';
import type { AttachmentContent } from '../../service/attachments.js';
import type { DocumentKey, DocumentScope, StoredDocument } from '../../service/documents.js';
import type { StatementPage, StatementQuery, StatementRow, Store, StoredStatement } from '../store.js';
import { SqliteDocuments } from './documents.js';
import { SqliteStatements } from './statements.js';

export interface SqliteOptions {
  /** Data directory; the database is <dir>/lrs.sqlite. ':memory:' for a throw-away store. */
  readonly dataDir: string;
}

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  private readonly documents: SqliteDocuments;
  private readonly statements: SqliteStatements;

  private constructor(private readonly db: Database.Database) {
    this.documents = new SqliteDocuments(db);
    this.statements = new SqliteStatements(db, mergeActivityDefinition);
  }

  static open(options: SqliteOptions): SqliteStore {
    let file = ':memory:';
    if (options.dataDir !== ':memory:') {
      mkdirSync(options.dataDir, { recursive: true });
      file = join(options.dataDir, 'lrs.sqlite');
    }
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    return new SqliteStore(db);
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
    return this.statements.head().stored ?? new Date().toISOString();
  }
  async attachments(sha2s: readonly string[]): Promise<AttachmentContent[]> {
    return this.statements.attachments(sha2s);
  }
  async getActivityDefinition(activityId: string): Promise<Record<string, unknown> | undefined> {
    const row = this.db.prepare('SELECT definition FROM activities WHERE id = ?').get(activityId) as { definition: string } | undefined;
    return row ? (JSON.parse(row.definition) as Record<string, unknown>) : undefined;
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

  async close(): Promise<void> {
    this.db.close();
  }
}
