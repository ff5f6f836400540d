/**
 * Where one GET reads statements from: the primary store, or a read replica that holds every
 * commit up to `through`. Consistent-Through then never claims more than the store read holds.
 *
 * The writer's own bound is taken when the GET arrives, before anything is read (http/app.ts):
 * taken after the query, it could count a write that committed while the query ran on a snapshot
 * without it.
 */
import type { AttachmentContent } from '../protocol/index.js';
import type { Principal } from '../auth/index.js';
import type { StatementQuery, Store } from '../store/index.js';
import { queryStatements, statementById } from './statements.js';
import type { ByIdResult, QueryResult } from './statements.js';

export interface ReadSource {
  readonly store: Store;
  /** ISO 8601: the source holds every write committed by then; absent for the primary. */
  readonly through?: string | undefined;
}

export class StatementReader {
  constructor(
    private readonly source: ReadSource,
    /** The writing service's Consistent-Through when the GET arrived (its writes then in flight). */
    private readonly writtenThrough: string,
  ) {}

  queryStatements(q: StatementQuery): Promise<QueryResult> {
    return queryStatements(this.source.store, q);
  }

  statementById(id: string, voided: boolean, principal: Principal): Promise<ByIdResult | undefined> {
    return statementById(this.source.store, id, voided, principal);
  }

  attachments(sha2s: readonly string[]): Promise<AttachmentContent[]> {
    return this.source.store.attachments(sha2s);
  }

  /** The writer's Consistent-Through, no later than what the source holds. */
  consistentThrough(): string {
    const own = this.writtenThrough;
    const held = this.source.through;
    return held !== undefined && held < own ? held : own;
  }
}
