/**
 * The one Store interface every LRS database implements (SQLite by default, PostgreSQL at scale).
 *
 * Contract, checked by the suites in test/lrs/contract/ against every store:
 * - insertStatements stores the rows, their agent/activity index entries, the voiding marks,
 *   the attachments and the merged activity definitions in ONE transaction, and resolves only
 *   after it committed (a failure stores nothing).
 * - queryStatements pages with an opaque cursor (`last` → `after`) inside a bound (`head` →
 *   `atMost`) fixed by the first page, never an offset: a page never gains, later, a statement
 *   that belongs before it. SQLite (one writer) pages on `seq`, which is commit order; PostgreSQL
 *   (writers on several nodes committing in parallel) pages on (stored, seq) below its
 *   consistency horizon (postgres/horizon.ts).
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
  /**
   * The statement came without a timestamp, so the body's timestamp is its stored time: a store
   * that stamps `stored` itself (stampsStored) sets both.
   */
  readonly timestampFromStored?: boolean | undefined;
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
  /**
   * sha2 (lower-case hex) of the attachments the statement lists. A stored content goes when no
   * statement lists it any more (erasure, retention): contents are shared by hash.
   */
  readonly attachments?: readonly string[];
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
  /** Continue after this cursor (a previous page's `last`), in the query's order. */
  readonly after?: string | undefined;
  /** The bound the first page saw (its `head`): later pages stay inside it. */
  readonly atMost?: string | undefined;
  readonly limit: number;
  /**
   * Every committed statement, ignoring the consistency horizon: for the LRS's own rule checks
   * (a cmi5 session's earlier statements), which must see a statement as soon as it was
   * acknowledged. Paging such a query may miss statements committed meanwhile.
   */
  readonly everyCommitted?: boolean | undefined;
}

export interface StatementPage {
  readonly bodies: string[];
  /** Cursor of the last row returned (opaque, valid on every node); the next page's `after`. */
  readonly last?: string;
  readonly more: boolean;
  /** The bound of this query (opaque); the next page's `atMost`. */
  readonly head: string;
  /** Consistent-Through as of this query, when the store computed it on the way. */
  readonly consistentThrough?: string | undefined;
}

export interface QueryBound {
  /** Opaque, as StatementPage.head: a query's `atMost`. */
  readonly head: string;
  /** X-Experience-API-Consistent-Through of an answer read inside the bound. */
  readonly consistentThrough: string;
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

/** A calendar month of stored statements (UTC), as retention sees it. */
export interface StoredMonth {
  /** yyyy-mm */
  readonly month: string;
  readonly statements: number;
}

export interface RetentionOutcome {
  readonly months: readonly StoredMonth[];
  readonly attachmentsDeleted: number;
}

/** Whole months of statements, dropped at once (PostgreSQL: one partition per month). */
export interface RetentionStore {
  months(): Promise<StoredMonth[]>;
  /**
   * Drops every month before `month` (yyyy-mm, exclusive), with the attachment contents no
   * statement kept lists; returns what went.
   */
  dropMonthsBefore(month: string): Promise<RetentionOutcome>;
}

/** A statement of one learner, for the erasure plan (service/erasure.ts). */
export interface ErasureCandidate {
  /** Opaque reference of the row inside the store. */
  readonly ref: string;
  readonly body: string;
}

/** What one erasure changes, in one transaction, and what it logs (never the erased data). */
export interface ErasurePlan {
  readonly agentKey: string;
  readonly deleteRefs: readonly string[];
  /**
   * Rows kept with the learner replaced: their new body and the sha2 of the attachments it still
   * lists; their agent index moves to `replacementKey`.
   */
  readonly rewrites: readonly { readonly ref: string; readonly body: string; readonly attachments: readonly string[] }[];
  readonly replacementKey: string;
  readonly log: { readonly at: string; readonly operator: string; readonly reference: string; readonly mode: 'delete' | 'anonymise' };
}

export interface ErasureOutcome {
  readonly statementsDeleted: number;
  readonly statementsRewritten: number;
  readonly documentsDeleted: number;
  /** Attachment contents no statement lists any more once the learner's are gone or rewritten. */
  readonly attachmentsDeleted: number;
}

export interface ErasureLogEntry extends ErasureOutcome {
  readonly at: string;
  readonly operator: string;
  readonly reference: string;
  readonly mode: 'delete' | 'anonymise';
}

/** Per-learner erasure: statements that mention the agent, and the plan applied atomically. */
export interface ErasureStore {
  /** Every stored statement (voided or not) whose agent index holds this key. */
  statementsMentioning(agentKey: string): Promise<ErasureCandidate[]>;
  erase(plan: ErasurePlan): Promise<ErasureOutcome>;
  erasureLog(): Promise<ErasureLogEntry[]>;
}

export interface Store extends DocumentStore {
  /** Credentials in the same database; absent → the server keeps them in a SQLite file. */
  readonly credentials?: CredentialStore | undefined;
  readonly kind: 'sqlite' | 'postgres';
  /**
   * The store sets `stored` itself, from the database clock inside the writing transaction, and
   * answers Consistent-Through from the database (PostgreSQL: writers on several nodes). A single
   * writer (SQLite) keeps the service's stored times and its clock of writes in flight.
   */
  readonly stampsStored: boolean;
  readonly retention?: RetentionStore | undefined;
  /**
   * A random secret kept in the database under `name`, the same for every node of the store
   * (made by the first that asks); absent → each process makes its own.
   */
  sharedSecret?(name: string): Promise<Buffer>;
  readonly erasure?: ErasureStore | undefined;
  insertStatements(rows: readonly StatementRow[], attachments: readonly AttachmentContent[]): Promise<void>;
  statementsByIds(ids: readonly string[]): Promise<Map<string, StoredStatement>>;
  queryStatements(q: StatementQuery): Promise<StatementPage>;
  /**
   * A time through which every statement is readable by queries, now and later. With
   * stampsStored this is X-Experience-API-Consistent-Through, valid across nodes; otherwise the
   * service derives the header from its own writes in flight (service/statements.ts).
   */
  consistentThrough(): Promise<string>;
  /**
   * The bound a query started now stays inside (its `atMost`) with the Consistent-Through that
   * goes with it, read where the writers are seen (PostgreSQL: the horizon, on the primary). A
   * replica's queries are given this bound: a standby does not see the primary's open writers, so
   * it cannot compute one.
   */
  queryBound?(): Promise<QueryBound>;
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
   * Resolves with a time t (ms since the epoch) later than `since` such that the replica
   * holds every write the primary had committed at t; undefined when that takes longer than the
   * replica's wait bound or the replica cannot be asked (the caller then reads from the primary).
   */
  caughtUp(since: number): Promise<number | undefined>;
  close(): Promise<void>;
}
