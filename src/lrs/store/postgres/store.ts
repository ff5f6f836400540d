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
import type { QueryBound, StatementPage, StatementQuery, StatementRow, Store, StoredStatement } from '../store.js';
import { mergeActivityDefinition } from '../../protocol/index.js';
import { ChangeFeed } from './change-feed.js';
import { PostgresCredentials } from './credentials.js';
import { PostgresDocuments } from './documents.js';
import { PostgresStatements } from './statements.js';
import { consistentThroughIso } from './horizon.js';
import { existingMonths } from './partitions.js';
import { PostgresErasure } from './erasure.js';
import { PostgresRetention } from './retention.js';
import { openPool, openReadPool } from './pool.js';
import { foldRollup } from './report-rollup.js';
import { analyzeStale } from './statistics.js';
import { SettledDefinitions } from './settled-definitions.js';
import type { PostgresOptions } from './pool.js';

// A standby's pg_stat_activity does not show the primary's writers: a horizon read there would
// pass statements still being written (horizon.ts).
/** How often a node folds new report facts into the rollup. */
const ROLLUP_FOLD_MS = 5_000;
/**
 * How often a node, after a fold, checks the planner's statistics (statistics.ts): as often as
 * autovacuum looks at a database by default (autovacuum_naptime). Every fold would analyse a
 * growing table at each tenth of growth, dozens of times in its first minutes.
 */
const ANALYZE_EVERY_MS = 60_000;

const NO_HORIZON_ON_REPLICA = 'a read replica cannot tell which statements are still being written: query it only inside a bound read on the primary (Store.queryBound)';

/** Timers of a node, changed by tests. */
export interface StoreTimings {
  /** 0: no fold timer (tests fold and analyse when they choose). */
  readonly rollupFoldMs?: number;
  readonly analyzeEveryMs?: number;
  /** How long a merged definition is not checked again (settled-definitions.ts); 0: always checked. */
  readonly settledDefinitionsMs?: number;
}

export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  readonly stampsStored = true;
  private readonly documents: PostgresDocuments;
  readonly statements: PostgresStatements;
  readonly credentials: PostgresCredentials;
  readonly retention: PostgresRetention;
  readonly erasure: PostgresErasure;

  /** Credential changes of every process on this schema; listens only once someone subscribes. */
  readonly changes: ChangeFeed;
  private foldTimer: NodeJS.Timeout | undefined;
  /** The fold and the statistics check in progress, if any. */
  private upkeep: Promise<unknown> | undefined;
  private analyzedAt = -Infinity;

  private constructor(
    readonly pool: Pool,
    private readonly writers: Pool,
    readonly schema: string,
    months: Set<string>,
    options: PostgresOptions & StoreTimings,
    /** A streaming replica: it reads only, and only inside a bound read on the primary. */
    private readonly replica = false,
  ) {
    this.documents = new PostgresDocuments(pool);
    const settled = new SettledDefinitions(options.settledDefinitionsMs);
    this.statements = new PostgresStatements(pool, writers, schema, mergeActivityDefinition, months, settled);
    this.changes = new ChangeFeed(options.connectionString, schema, options.log);
    this.credentials = new PostgresCredentials(pool, this.changes);
    this.retention = new PostgresRetention(pool);
    this.erasure = new PostgresErasure(pool, schema);
  }

  static async open(options: PostgresOptions & StoreTimings): Promise<PostgresStore> {
    const { pool, writers, schema } = await openPool(options);
    const months = new Set(await existingMonths(pool));
    const store = new PostgresStore(pool, writers, schema, months, options);
    store.foldEvery(options.rollupFoldMs ?? ROLLUP_FOLD_MS, options.analyzeEveryMs ?? ANALYZE_EVERY_MS, options.log);
    return store;
  }

  /**
   * Folds new report facts into the rollup on a timer, off the insert path; nodes take turns
   * (report-rollup.ts), and a report folds what is left before it reads, so the lag never shows.
   * After a fold, at most every `analyzeMs`, the tables that changed much since their last
   * ANALYZE are analysed (statistics.ts): the report's and the fold's plans depend on it where
   * autovacuum is off.
   */
  private foldEvery(ms: number, analyzeMs: number, log: ((message: string) => void) | undefined): void {
    if (ms <= 0) return;
    const analyzeDue = (): Promise<unknown> => {
      if (Date.now() - this.analyzedAt < analyzeMs) return Promise.resolve();
      this.analyzedAt = Date.now();
      return analyzeStale(this.pool, this.schema);
    };
    this.foldTimer = setInterval(() => {
      this.upkeep ??= foldRollup(this.pool, this.schema)
        .catch((e: Error) => log?.(`report rollup fold failed: ${e.message}`))
        .then(analyzeDue)
        .catch((e: Error) => log?.(`ANALYZE of the store's tables failed: ${e.message}`))
        .finally(() => (this.upkeep = undefined));
    }, ms);
    this.foldTimer.unref();
  }

  /** The same store on a streaming replica: only its reads are used (replica.ts). */
  static async openReadOnly(options: PostgresOptions): Promise<PostgresStore> {
    const { pool, schema } = await openReadPool(options);
    // No writer pool: nothing writes through a replica, and a standby would refuse it.
    return new PostgresStore(pool, pool, schema, new Set(await existingMonths(pool)), options, true);
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
    if (this.replica && q.atMost === undefined) return Promise.reject(new Error(NO_HORIZON_ON_REPLICA));
    return this.statements.query(q);
  }
  attachments(sha2s: readonly string[]): Promise<AttachmentContent[]> {
    return this.statements.attachments(sha2s);
  }
  async consistentThrough(): Promise<string> {
    return (await this.queryBound()).consistentThrough;
  }

  async queryBound(): Promise<QueryBound> {
    if (this.replica) throw new Error(NO_HORIZON_ON_REPLICA);
    const h = await this.statements.horizon();
    return { head: String(h), consistentThrough: consistentThroughIso(h) };
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
    clearInterval(this.foldTimer);
    await this.upkeep;
    await this.changes.close();
    await Promise.all([this.pool.end(), ...(this.writers !== this.pool ? [this.writers.end()] : [])]);
  }
}
