/**
 * The one Store interface every LRS database implements (SQLite by default, PostgreSQL at scale).
 *
 * Contract, checked by the suites in test/lrs/contract/ against every store:
 * - insertStatements stores the rows, their agent/activity index entries, the voiding marks,
 *   the attachments and the merged activity definitions in ONE transaction, and resolves only
 *   after it committed (a failure stores nothing). Rows get a strictly increasing `seq` in commit
 *   order; queries page on it with a cursor, never an offset.
 * - queryStatements never returns voided statements; statementsByIds does, with their flag.
 * - Document calls are each atomic; the rules (ETags, merge) live in service/documents.ts.
 * - Everything is async so the synchronous SQLite driver and the pooled PostgreSQL driver share it.
 *
 * The statement service (service/statements.ts) extracts the columns (verb, registration, agents,
 * activities) before calling the store, so stores hold no xAPI logic.
 *
 * Credentials and launch tokens (CredentialStore) are optional on a Store: a store that does not
 * provide `credentials` gets them from a SQLite file in the data directory (server.ts decides).
 * - Secrets are never stored: only `secretHash` (scrypt, see auth/secret.ts).
 * - claimLaunchToken is the one-time hand-out: it flips `fetched` atomically and returns the row
 *   only to the first caller, and only before `expires`.
 */
import type { AttachmentContent, DocumentKey, DocumentScope, StoredDocument } from '../protocol/index.js';

/** What a store provides for documents. Every call is atomic on its own; the rules live in service/documents.ts. */
export interface DocumentStore {
  getDocument(key: DocumentKey): Promise<StoredDocument | undefined>;
  /** Ids in the scope, updated strictly after `since` when given, in id order. */
  listDocumentIds(scope: DocumentScope, since?: string): Promise<string[]>;
  /** Inserts or replaces. */
  putDocument(doc: StoredDocument): Promise<void>;
  deleteDocument(key: DocumentKey): Promise<void>;
  /** Deletes every document in the scope (State: all states of an activity + agent [+ registration]). */
  deleteDocuments(scope: DocumentScope): Promise<void>;
}

/** A statement ready to store, with the columns the filters use already extracted. */
export interface StatementRow {
  readonly id: string;
  /** The statement JSON as it will be returned (stored, authority, version set). */
  readonly body: string;
  /** The same statement as an object (JSON.parse(body)), when the service has it: spares a parse. */
  readonly statement?: unknown;
  /** ISO 8601 UTC with milliseconds; equals the body's `stored`. */
  readonly stored: string;
  readonly verbId: string;
  readonly registration?: string | undefined;
  /**
   * Verb of the statement this one targets with a StatementRef, when stored: the verb filter
   * matches it too (xAPI: statements targeting a matching statement are returned). Agents and
   * activities of the target are already folded into `agents` / `activities` by the service.
   */
  readonly refVerbId?: string | undefined;
  /** Id of the statement this one voids, when its verb is voided. */
  readonly voidsId?: string | undefined;
  /** Agent keys (validate/identity.ts agentKey); direct = the actor or an Agent/Group object. */
  readonly agents: readonly { readonly key: string; readonly direct: boolean }[];
  /** Activity ids; direct = the object. */
  readonly activities: readonly { readonly id: string; readonly direct: boolean }[];
  /** Activity definitions found in this statement, merged into the canonical ones. */
  readonly definitions?: readonly { readonly id: string; readonly definition: Record<string, unknown> }[];
}

export interface StatementQuery {
  readonly agentKey?: string | undefined;
  readonly relatedAgents?: boolean | undefined;
  readonly verbId?: string | undefined;
  readonly activityId?: string | undefined;
  readonly relatedActivities?: boolean | undefined;
  readonly registration?: string | undefined;
  /** ISO 8601, exclusive lower bound on stored. */
  readonly since?: string | undefined;
  /** ISO 8601, inclusive upper bound on stored. */
  readonly until?: string | undefined;
  readonly ascending?: boolean | undefined;
  /** Continue after this seq (exclusive), in the query's order. */
  readonly after?: number | undefined;
  /** Only statements with seq <= this: the snapshot the first page saw. */
  readonly atMost?: number | undefined;
  readonly limit: number;
}

export interface StatementPage {
  readonly bodies: string[];
  /** seq of the last row returned; the cursor for the next page when `more`. */
  readonly last?: number;
  readonly more: boolean;
  /** Highest seq committed when the query ran. */
  readonly head: number;
}

export interface StoredStatement {
  readonly body: string;
  readonly voided: boolean;
}

/** An HTTP Basic credential; `key` is the user name, the secret is kept only as a hash. */
export interface CredentialRecord {
  readonly key: string;
  readonly secretHash: string;
  readonly name: string;
  /** xAPI scope names, e.g. statements/write. */
  readonly scopes: readonly string[];
  /** ISO 8601 UTC. */
  readonly created: string;
  readonly revoked?: string | undefined;
}

/** A registration-bound token for one cmi5 launch; `data` is JSON owned by auth/launch.ts. */
export interface LaunchTokenRecord {
  readonly token: string;
  readonly data: string;
  readonly fetched: boolean;
  /** ISO 8601 UTC. */
  readonly expires: string;
}

/** What a process is told about credential changes made by any process sharing the store. */
export interface ChangeListener {
  /** The credential `key` was created, replaced or revoked somewhere. */
  changed(key: string): void;
  /** Changes may have been missed (the notification connection was lost): forget what is remembered. */
  lost(): void;
}

export interface CredentialChanges {
  /** Starts listening on first use; returns the call that stops this listener. */
  subscribe(listener: ChangeListener): () => void;
}

export interface CredentialStore {
  /** Present when other processes' changes are pushed (PostgreSQL LISTEN/NOTIFY); absent → poll. */
  readonly changes?: CredentialChanges | undefined;
  putCredential(c: CredentialRecord): Promise<void>;
  getCredential(key: string): Promise<CredentialRecord | undefined>;
  listCredentials(): Promise<CredentialRecord[]>;
  /** Marks the credential revoked; false when no such (unrevoked) key. */
  revokeCredential(key: string, at: string): Promise<boolean>;
  putLaunchToken(t: LaunchTokenRecord): Promise<void>;
  getLaunchToken(token: string): Promise<LaunchTokenRecord | undefined>;
  /** Atomically marks the token fetched; returns it only if it was unfetched and not expired at `now`. */
  claimLaunchToken(token: string, now: string): Promise<LaunchTokenRecord | undefined>;
  /** Replaces the token's data (after the claim, to record the secret's hash). */
  setLaunchTokenData(token: string, data: string): Promise<void>;
}

export interface Store extends DocumentStore {
  /** Credentials in the same database; absent → the server keeps them in a SQLite file. */
  readonly credentials?: CredentialStore | undefined;
  readonly kind: 'sqlite' | 'postgres';
  insertStatements(rows: readonly StatementRow[], attachments: readonly AttachmentContent[]): Promise<void>;
  statementsByIds(ids: readonly string[]): Promise<Map<string, StoredStatement>>;
  queryStatements(q: StatementQuery): Promise<StatementPage>;
  /**
   * A time through which every committed statement is readable. The HTTP header
   * X-Experience-API-Consistent-Through is derived from the writes in flight instead
   * (service/statements.ts consistentThrough), which stays current when nothing is written.
   */
  consistentThrough(): Promise<string>;
  attachments(sha2s: readonly string[]): Promise<AttachmentContent[]>;
  getActivityDefinition(activityId: string): Promise<Record<string, unknown> | undefined>;
  close(): Promise<void>;
}

/**
 * A read-only copy of the store (a PostgreSQL streaming replica) and how far it has caught up.
 * Reads go to it only once it holds everything the primary had committed when the read arrived,
 * so a client reads its own writes whichever node took them.
 */
export interface ReadReplica {
  readonly store: Store;
  /**
   * Resolves with a time t (ms since the epoch) no earlier than `since` such that the replica
   * holds every write the primary had committed at t; undefined when that takes longer than the
   * replica's wait bound or the replica cannot be asked (the caller then reads from the primary).
   */
  caughtUp(since: number): Promise<number | undefined>;
  close(): Promise<void>;
}
