/**
 * Where one GET reads statements from: the primary store, or a read replica that has replayed
 * everything inside a bound read on the primary. Consistent-Through then never claims more than
 * the store read holds.
 *
 * A replica's Consistent-Through comes with its source; the primary's is the writing service's
 * (http/app.ts takes a single writer's when the GET arrives, before anything is read).
 */
import type { AttachmentContent } from '../protocol/index.js';
import type { Principal } from '../auth/index.js';
import type { StatementQuery, Store } from '../store/index.js';
import { queryStatements, statementById } from './statements.js';
import type { ByIdResult, QueryResult } from './statements.js';

export interface ReadSource {
  readonly store: Store;
  /**
   * For a replica: the primary's bound (Store.queryBound) read before the replica was waited
   * for; a first page stays inside it, a `more` page keeps its own.
   */
  readonly atMost?: string | undefined;
  /** For a replica: Consistent-Through of its answers (the bound's, capped by what it holds). */
  readonly through?: string | undefined;
}

export class StatementReader {
  constructor(
    private readonly source: ReadSource,
    /** The writing service's Consistent-Through for this GET. */
    private readonly writtenThrough: () => Promise<string>,
  ) {}

  queryStatements(q: StatementQuery): Promise<QueryResult> {
    const atMost = this.source.atMost;
    return queryStatements(this.source.store, q.atMost === undefined && atMost !== undefined ? { ...q, atMost } : q);
  }

  statementById(id: string, voided: boolean, principal: Principal): Promise<ByIdResult | undefined> {
    return statementById(this.source.store, id, voided, principal);
  }

  attachments(sha2s: readonly string[]): Promise<AttachmentContent[]> {
    return this.source.store.attachments(sha2s);
  }

  /** A replica's own; else the writer's, as the primary holds every acknowledged write. */
  consistentThrough(): Promise<string> {
    return this.source.through !== undefined ? Promise.resolve(this.source.through) : this.writtenThrough();
  }
}
