/**
 * The SQLite store (the default): one file under the data directory, WAL journal,
 * synchronous=FULL so an acknowledged statement survives a crash or power loss. Reads run on
 * this thread's connection; writes go to the SqliteWriter (a thread of its own for a file).
 */
import type { Database } from 'better-sqlite3';
import { join } from 'node:path';
import type { AttachmentContent } from '../../protocol/index.js';
import type { DocumentKey, DocumentScope, StoredDocument } from '../../protocol/index.js';
import type {
  CredentialRecord,
  CredentialStore,
  ErasureCandidate,
  ErasureLogEntry,
  ErasureOutcome,
  ErasurePlan,
  ErasureStore,
  LaunchTokenRecord,
  RetentionOutcome,
  RetentionStore,
  StatementPage,
  StatementQuery,
  StatementRow,
  Store,
  StoredMonth,
  StoredStatement,
} from '../store.js';
import { openDatabase } from './connection.js';
import { SqliteCredentials } from './credentials.js';
import { SqliteDocuments } from './documents.js';
import { SqliteErasureReads } from './erasure.js';
import { storedMonths } from './retention.js';
import { SqliteStatements } from './statements.js';
import { LocalWriter, type SqliteWriter } from './writer.js';
import { WriterThread } from './writer-client.js';

export const SQLITE_FILE = 'lrs.sqlite';

export interface SqliteOptions {
  readonly dataDir?: string;
  readonly file?: string;
  /** Write on this thread even for a file (default: a writer thread for a file). */
  readonly writeInPlace?: boolean;
}

/** Credentials read here, written through the writer. */
class SplitCredentials implements CredentialStore {
  constructor(
    private readonly reads: SqliteCredentials,
    private readonly writer: SqliteWriter,
  ) {}
  putCredential(c: CredentialRecord): Promise<void> {
    return this.writer.putCredential(c);
  }
  getCredential(key: string): Promise<CredentialRecord | undefined> {
    return this.reads.getCredential(key);
  }
  listCredentials(): Promise<CredentialRecord[]> {
    return this.reads.listCredentials();
  }
  revokeCredential(key: string, at: string): Promise<boolean> {
    return this.writer.revokeCredential(key, at);
  }
  putLaunchToken(t: LaunchTokenRecord): Promise<void> {
    return this.writer.putLaunchToken(t);
  }
  getLaunchToken(token: string): Promise<LaunchTokenRecord | undefined> {
    return this.reads.getLaunchToken(token);
  }
  claimLaunchToken(token: string, now: string): Promise<LaunchTokenRecord | undefined> {
    return this.writer.claimLaunchToken(token, now);
  }
  setLaunchTokenData(token: string, data: string): Promise<void> {
    return this.writer.setLaunchTokenData(token, data);
  }
}

/** Erasure: the plan read here, applied by the writer. */
class SplitErasure implements ErasureStore {
  constructor(
    private readonly reads: SqliteErasureReads,
    private readonly writer: SqliteWriter,
  ) {}
  async statementsMentioning(agentKey: string): Promise<ErasureCandidate[]> {
    return this.reads.statementsMentioning(agentKey);
  }
  erase(plan: ErasurePlan): Promise<ErasureOutcome> {
    return this.writer.erase(plan);
  }
  async erasureLog(): Promise<ErasureLogEntry[]> {
    return this.reads.erasureLog();
  }
}

/** Retention: months counted here, deleted by the writer. */
class SplitRetention implements RetentionStore {
  constructor(
    private readonly db: Database,
    private readonly writer: SqliteWriter,
  ) {}
  async months(): Promise<StoredMonth[]> {
    return storedMonths(this.db);
  }
  dropMonthsBefore(cutoff: string): Promise<RetentionOutcome> {
    return this.writer.dropMonthsBefore(cutoff);
  }
}

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly stampsStored = false;
  readonly credentials: CredentialStore;
  readonly erasure: ErasureStore;
  readonly retention: RetentionStore;
  private readonly documents: SqliteDocuments;
  private readonly statements: SqliteStatements;

  private constructor(
    private readonly db: Database,
    private readonly writer: SqliteWriter,
  ) {
    this.documents = new SqliteDocuments(db);
    this.statements = new SqliteStatements(db);
    this.credentials = new SplitCredentials(new SqliteCredentials(db), writer);
    this.erasure = new SplitErasure(new SqliteErasureReads(db), writer);
    this.retention = new SplitRetention(db, writer);
  }

  /**
   * Opens (creating when needed) the database and applies pending migrations: `dataDir` holds
   * lrs.sqlite; `file` names the file directly (':memory:' for a throwaway store).
   */
  static open(options: SqliteOptions | string): SqliteStore {
    const o = typeof options === 'string' ? { file: options } : options;
    const file = o.file ?? join(o.dataDir ?? '.data', SQLITE_FILE);
    const db = openDatabase(file);
    const inPlace = file === ':memory:' || o.writeInPlace === true;
    return new SqliteStore(db, inPlace ? new LocalWriter(db) : new WriterThread(file));
  }

  /**
   * Starts the writer before the first write needs it. The writer thread otherwise starts with
   * the first write, so a CLI command that only reads never starts one.
   */
  ready(): Promise<void> {
    return this.writer.ready();
  }

  getDocument(key: DocumentKey): Promise<StoredDocument | undefined> {
    return this.documents.getDocument(key);
  }
  listDocumentIds(scope: DocumentScope, since?: string): Promise<string[]> {
    return this.documents.listDocumentIds(scope, since);
  }
  putDocument(doc: StoredDocument): Promise<void> {
    return this.writer.putDocument(doc);
  }
  deleteDocument(key: DocumentKey): Promise<void> {
    return this.writer.deleteDocument(key);
  }
  deleteDocuments(scope: DocumentScope): Promise<void> {
    return this.writer.deleteDocuments(scope);
  }

  insertStatements(rows: readonly StatementRow[], attachments: readonly AttachmentContent[]): Promise<void> {
    return this.writer.insertStatements(rows, attachments);
  }
  async statementsByIds(ids: readonly string[]): Promise<Map<string, StoredStatement>> {
    return this.statements.byIds(ids);
  }
  async queryStatements(q: StatementQuery): Promise<StatementPage> {
    return this.statements.query(q);
  }
  async consistentThrough(): Promise<string> {
    // Committed rows are visible at once; rows still waiting for their commit are not, so the
    // answer stops just before the oldest of them.
    const pending = this.writer.oldestPendingStored();
    return pending === undefined ? new Date().toISOString() : new Date(Date.parse(pending) - 1).toISOString();
  }
  async attachments(sha2s: readonly string[]): Promise<AttachmentContent[]> {
    return this.statements.attachments(sha2s);
  }
  async getActivityDefinition(activityId: string): Promise<Record<string, unknown> | undefined> {
    return this.statements.activityDefinition(activityId);
  }
  async close(): Promise<void> {
    await this.writer.close();
    this.db.close();
  }
}
