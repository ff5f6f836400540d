/**
 * Every write of the SQLite store goes through one SqliteWriter: statements (group-committed),
 * documents, credentials and launch tokens. A file store runs it on a thread of its own
 * (writer-client.ts) so commits and their fsyncs never block the HTTP thread; an in-memory store
 * runs it in place (LocalWriter). Reads stay on the caller's connection: WAL lets them proceed
 * while the writer commits.
 */
import type { Database } from 'better-sqlite3';
import { mergeActivityDefinition } from '../../protocol/index.js';
import type { AttachmentContent } from '../../protocol/index.js';
import type { DocumentKey, DocumentScope, StoredDocument } from '../../protocol/index.js';
import type { CredentialRecord, ErasureOutcome, ErasurePlan, LaunchTokenRecord, RetentionOutcome, StatementRow } from '../store.js';
import { SqliteCredentials } from './credentials.js';
import { applyErasure } from './erasure.js';
import { deleteMonthsBefore } from './retention.js';
import { SqliteDocuments } from './documents.js';
import { GroupCommit } from './group-commit.js';
import { StatementWriter, type InsertRequest } from './statement-writer.js';

export interface SqliteWrites {
  insertStatements(rows: readonly StatementRow[], attachments: readonly AttachmentContent[]): Promise<void>;
  putDocument(doc: StoredDocument): Promise<void>;
  deleteDocument(key: DocumentKey): Promise<void>;
  deleteDocuments(scope: DocumentScope): Promise<void>;
  putCredential(c: CredentialRecord): Promise<void>;
  revokeCredential(key: string, at: string): Promise<boolean>;
  putLaunchToken(t: LaunchTokenRecord): Promise<void>;
  claimLaunchToken(token: string, now: string): Promise<LaunchTokenRecord | undefined>;
  setLaunchTokenData(token: string, data: string): Promise<void>;
  erase(plan: ErasurePlan): Promise<ErasureOutcome>;
  dropMonthsBefore(cutoff: string): Promise<RetentionOutcome>;
}

/** The method names a writer thread accepts (checked before a message is dispatched). */
export const WRITE_METHODS = [
  'insertStatements',
  'putDocument',
  'deleteDocument',
  'deleteDocuments',
  'putCredential',
  'revokeCredential',
  'putLaunchToken',
  'claimLaunchToken',
  'setLaunchTokenData',
  'erase',
  'dropMonthsBefore',
] as const satisfies readonly (keyof SqliteWrites)[];

export interface SqliteWriter extends SqliteWrites {
  /** Resolves once the writer can take writes (a server starts its thread before the first request). */
  ready(): Promise<void>;
  /** Stored time of the oldest statement accepted but not yet committed, if any. */
  oldestPendingStored(): string | undefined;
  /** Resolves once every accepted write has committed (or failed). */
  close(): Promise<void>;
}

/** Stored time of the oldest row among these insert requests. */
export function oldestStored(requests: Iterable<{ readonly rows: readonly StatementRow[] }>): string | undefined {
  let oldest: string | undefined;
  for (const q of requests) for (const r of q.rows) if (oldest === undefined || r.stored < oldest) oldest = r.stored;
  return oldest;
}

/** The writer on a connection of the calling thread. */
export class LocalWriter implements SqliteWriter {
  private readonly statements: GroupCommit<InsertRequest>;
  private readonly documents: SqliteDocuments;
  private readonly credentials: SqliteCredentials;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly db: Database) {
    const writer = new StatementWriter(db, mergeActivityDefinition);
    this.statements = new GroupCommit((group) => writer.commit(group));
    this.documents = new SqliteDocuments(db);
    this.credentials = new SqliteCredentials(db);
  }

  insertStatements(rows: readonly StatementRow[], attachments: readonly AttachmentContent[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    const done = this.statements.push({ rows, attachments });
    this.inFlight.add(done);
    const forget = () => this.inFlight.delete(done);
    done.then(forget, forget);
    return done;
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
  putCredential(c: CredentialRecord): Promise<void> {
    return this.credentials.putCredential(c);
  }
  revokeCredential(key: string, at: string): Promise<boolean> {
    return this.credentials.revokeCredential(key, at);
  }
  putLaunchToken(t: LaunchTokenRecord): Promise<void> {
    return this.credentials.putLaunchToken(t);
  }
  claimLaunchToken(token: string, now: string): Promise<LaunchTokenRecord | undefined> {
    return this.credentials.claimLaunchToken(token, now);
  }
  setLaunchTokenData(token: string, data: string): Promise<void> {
    return this.credentials.setLaunchTokenData(token, data);
  }
  async erase(plan: ErasurePlan): Promise<ErasureOutcome> {
    return applyErasure(this.db, plan);
  }
  async dropMonthsBefore(cutoff: string): Promise<RetentionOutcome> {
    return deleteMonthsBefore(this.db, cutoff);
  }
  async ready(): Promise<void> {}
  oldestPendingStored(): string | undefined {
    return oldestStored(this.statements.waiting());
  }
  async close(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }
}
