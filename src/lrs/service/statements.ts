/**
 * Statement commands (store one or a batch) and queries (by id, filtered with `more` paging).
 * Holds the xAPI rules: ids, stored/authority/version set by the LRS, conflicts, voiding; the
 * store only keeps rows. Refusals are XapiErrors (400, 403, 409); http/ turns them into answers.
 */
import { randomUUID } from 'node:crypto';
import { type Principal, checkLaunchStatements, readsOnlyMine } from '../auth/index.js';
import { XapiError, activityList, isVoiding, parseRecorded, refTargetId } from '../protocol/index.js';
import type {
  Activity,
  AttachmentContent,
  Context,
  IdentifiedStatement,
  RecordedStatement,
  Statement,
  StatementObject,
  XapiVersion,
} from '../protocol/index.js';
import type { Store, StatementQuery, StatementRow } from '../store/index.js';
import { validateStatement } from '../validate/index.js';
import { statementRow } from './statement-rows.js';
import { sameStatement } from './statement-equal.js';

export interface StoreOutcome {
  /** Ids in the order received (existing identical statements included). */
  readonly ids: string[];
}

/** Validates every statement or throws StatementError (400) naming the first problem. */
export function validateAll(statements: readonly unknown[], version: XapiVersion): Statement[] {
  return statements.map((s, i) => validateStatement(s, version, statements.length > 1 ? `statements[${i}]` : 'statement'));
}

/**
 * The statement service of one running LRS over one store. Over a single-writer store (SQLite)
 * it owns the two clocks the xAPI rules need: the stored times it hands out (strictly
 * increasing, so since/until agree with seq order) and the writes not yet acknowledged (for
 * Consistent-Through). A store with several writers (PostgreSQL, several LRS nodes) stamps
 * stored itself and answers Consistent-Through from the database (Store.stampsStored).
 */
export class StatementService {
  /** Stored times of writes this service has not yet acknowledged, by write number. */
  private readonly inFlight = new Map<number, string>();
  private writeSeq = 0;
  private lastStored = 0;

  constructor(readonly store: Store) {}

  /** X-Experience-API-Consistent-Through: every statement stored at or before it is readable. */
  consistentThrough(): Promise<string> {
    return this.store.stampsStored ? this.store.consistentThrough() : Promise.resolve(this.ownWritesThrough());
  }

  /**
   * Everything stored before the oldest write in flight is readable; with no write in flight
   * that is the end of the last whole millisecond (a write starting now may be stored in this one).
   */
  private ownWritesThrough(): string {
    let oldest: string | undefined;
    for (const stored of this.inFlight.values()) if (oldest === undefined || stored < oldest) oldest = stored;
    return new Date((oldest === undefined ? Date.now() : Date.parse(oldest)) - 1).toISOString();
  }

  private nextStored(): string {
    const now = Math.max(Date.now(), this.lastStored + 1);
    this.lastStored = now;
    return new Date(now).toISOString();
  }

  /**
   * Stores statements atomically. Existing ids: an identical statement is accepted without a new
   * row, a different one is 409.
   */
  async storeStatements(
    input: readonly Statement[],
    principal: Principal,
    version: XapiVersion,
    attachments: readonly AttachmentContent[] = [],
  ): Promise<StoreOutcome> {
    const store = this.store;
    await checkLaunchStatements(store, input, principal);
    const statements = withIds(input);
    await checkVoiding(store, statements);
    // No read for ids already stored: the insert refuses those (statement_ids, the SQLite id
    // index), and insertRows then accepts identical ones and answers 409 for the others. A read
    // first would cost every request a round trip to the store for the rare resend.
    const fresh = statements.map(normalize);
    const targets = await refTargets(store, statements, principal.key);
    const stored = this.nextStored();
    const rows = fresh.map((s) => ({
      ...withTarget(statementRow(recorded(s, stored, principal, version), principal.key), targets.get(refTargetId(s) ?? '')),
      timestampFromStored: s.timestamp === undefined,
    }));
    const write = ++this.writeSeq;
    this.inFlight.set(write, stored);
    try {
      await insertRows(store, statements, rows, attachments);
    } finally {
      this.inFlight.delete(write);
    }
    return { ids: statements.map((s) => s.id) };
  }

  statementById(id: string, voided: boolean, principal: Principal): Promise<ByIdResult | undefined> {
    return statementById(this.store, id, voided, principal);
  }

  queryStatements(q: StatementQuery): Promise<QueryResult> {
    return queryStatements(this.store, q);
  }
}

/** Ids lower-cased, missing ones given; an id twice in one batch is refused. */
function withIds(input: readonly Statement[]): IdentifiedStatement[] {
  const statements = input.map((s) => ({ ...s, id: s.id !== undefined ? s.id.toLowerCase() : randomUUID() }));
  const seen = new Set<string>();
  for (const s of statements) {
    if (seen.has(s.id)) throw new XapiError(400, `statement id ${s.id} appears twice in the batch`);
    seen.add(s.id);
  }
  return statements;
}

/** The statement as kept: the LRS sets stored, authority and version, and timestamp when absent. */
function recorded(s: IdentifiedStatement, stored: string, principal: Principal, version: XapiVersion): RecordedStatement {
  return {
    ...s,
    timestamp: s.timestamp ?? stored,
    stored,
    authority: principal.authority,
    version: version === '2.0.0' ? '2.0.0' : (s.version ?? '1.0.0'),
  };
}

/**
 * Inserts the rows. A concurrent request may have stored some of these ids in between (a page
 * leaving resends with keepalive what it was still sending): identical ones are done, a different
 * one is 409, and the rest are stored again without them.
 */
async function insertRows(
  store: Store,
  statements: readonly IdentifiedStatement[],
  rows: readonly StatementRow[],
  attachments: readonly AttachmentContent[],
): Promise<void> {
  let pending = rows;
  for (let attempt = 1; ; attempt++) {
    try {
      await store.insertStatements(pending, attachments);
      return;
    } catch (e) {
      const left = new Set((await newStatements(store, statements)).map((s) => s.id));
      const rest = pending.filter((r) => left.has(r.id));
      if (rest.length === 0) return;
      if (rest.length === pending.length || attempt === 3) throw e;
      pending = rest;
    }
  }
}

async function checkVoiding(store: Store, statements: readonly IdentifiedStatement[]): Promise<void> {
  const targets = new Set<string>();
  for (const s of statements) {
    const target = isVoiding(s) ? refTargetId(s) : undefined;
    if (target !== undefined) targets.add(target);
  }
  if (targets.size === 0) return;
  const inBatch = new Map<string, Statement>(statements.map((s) => [s.id, s]));
  const stored = await store.statementsByIds([...targets]);
  for (const target of targets) {
    const body = stored.get(target)?.body;
    const s = inBatch.get(target) ?? (body !== undefined ? parseRecorded(body) : undefined);
    if (s && isVoiding(s)) throw new XapiError(400, `statement ${target} is itself a voiding statement and cannot be voided`);
  }
}

/** contextActivities values are returned as arrays even when sent as one object (xAPI 2.4.6.2). */
function normalizeContext(ctx: Context): Context {
  const ca = ctx.contextActivities;
  if (ca === undefined) return ctx;
  const lists: Record<string, readonly Activity[]> = {};
  for (const [list, v] of Object.entries(ca)) lists[list] = activityList(v);
  return { ...ctx, contextActivities: lists };
}

function normalizeObject(obj: StatementObject): StatementObject {
  return obj.objectType === 'SubStatement' && obj.context !== undefined ? { ...obj, context: normalizeContext(obj.context) } : obj;
}

function normalize(s: IdentifiedStatement): IdentifiedStatement {
  const out: IdentifiedStatement = { ...s, object: normalizeObject(s.object) };
  return s.context === undefined ? out : { ...out, context: normalizeContext(s.context) };
}

/** Rows of the statements targeted by StatementRefs (stored or in this batch), by target id. */
async function refTargets(store: Store, statements: readonly IdentifiedStatement[], credentialKey: string): Promise<Map<string, StatementRow>> {
  const ids = [...new Set(statements.map(refTargetId).filter((x): x is string => x !== undefined))];
  const out = new Map<string, StatementRow>();
  if (ids.length === 0) return out;
  const inBatch = new Map<string, Statement>(statements.map((s) => [s.id, s]));
  const stored = await store.statementsByIds(ids.filter((id) => !inBatch.has(id)));
  for (const id of ids) {
    const body = stored.get(id)?.body;
    const target = inBatch.get(id) ?? (body !== undefined ? parseRecorded(body) : undefined);
    if (target) out.set(id, statementRow({ ...target, id, stored: '' }, credentialKey));
  }
  return out;
}

/** A statement targeting another matches the filters its target matches (xAPI: Filter Conditions for StatementRefs). */
function withTarget(row: StatementRow, target: StatementRow | undefined): StatementRow {
  if (!target) return row;
  return {
    ...row,
    refVerbId: target.verbId,
    registration: row.registration ?? target.registration,
    agents: [...row.agents, ...target.agents.filter((a) => !a.key.startsWith('authority:'))],
    activities: [...row.activities, ...target.activities],
  };
}

async function newStatements<T extends IdentifiedStatement>(store: Store, statements: readonly T[]): Promise<T[]> {
  const existing = await store.statementsByIds(statements.map((s) => s.id));
  const fresh: T[] = [];
  for (const s of statements) {
    const old = existing.get(s.id);
    if (!old) fresh.push(s);
    else if (!sameStatement(parseRecorded(old.body), s)) throw new XapiError(409, `a different statement with id ${s.id} is already stored`);
  }
  return fresh;
}

export interface ByIdResult {
  readonly statement: RecordedStatement;
  readonly stored: string;
}

/**
 * Whether the principal may read this statement. The same rules as the list filters
 * (statements-params.ts listRequest): a launch token reads only its registration, a
 * statements/read/mine key only what it stored (the LRS sets `authority` to the storing key).
 */
function readableBy(statement: RecordedStatement, principal: Principal): boolean {
  if (principal.launch) {
    const reg = statement.context?.registration;
    return typeof reg === 'string' && reg.toLowerCase() === principal.launch.registration;
  }
  if (!readsOnlyMine(principal.scopes)) return true;
  return statement.authority.account?.name === principal.key;
}

/**
 * statementId (voided: false) or voidedStatementId (voided: true); undefined → 404, also for a
 * statement the principal may not read, so that it cannot tell one from an unknown id.
 */
export async function statementById(store: Store, id: string, voided: boolean, principal: Principal): Promise<ByIdResult | undefined> {
  const found = (await store.statementsByIds([id.toLowerCase()])).get(id.toLowerCase());
  if (!found || found.voided !== voided) return undefined;
  const statement = parseRecorded(found.body);
  if (!readableBy(statement, principal)) return undefined;
  return { statement, stored: statement.stored };
}

export interface QueryResult {
  readonly statements: RecordedStatement[];
  readonly next?: StatementQuery;
  /** Consistent-Through as of this query, when the store computed it on the way. */
  readonly consistentThrough?: string | undefined;
}

export async function queryStatements(store: Store, q: StatementQuery): Promise<QueryResult> {
  const page = await store.queryStatements(q);
  const statements = page.bodies.map(parseRecorded);
  const through = page.consistentThrough !== undefined ? { consistentThrough: page.consistentThrough } : {};
  if (!page.more || page.last === undefined) return { statements, ...through };
  return { statements, next: { ...q, after: page.last, atMost: page.head }, ...through };
}
