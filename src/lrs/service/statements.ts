/**
 * Statement commands (store one or a batch) and queries (by id, filtered with `more` paging).
 * Holds the xAPI rules: ids, stored/authority/version set by the LRS, conflicts, voiding; the
 * store only keeps rows.
 */
import { randomUUID } from 'node:crypto';
import { type Principal, checkLaunchStatements, readsOnlyMine } from '../auth/index.js';
import { HttpError } from '../http/errors.js';
import type { XapiVersion } from '../http/version.js';
import type { Store, StatementQuery, StatementRow } from '../store/index.js';
import { VOIDED, validateStatement, StatementError } from '../validate/index.js';
import type { AttachmentContent } from './attachments.js';
import { statementRow } from './statement-rows.js';
import { sameStatement } from './statement-equal.js';

type Json = Record<string, unknown>;

export interface StoreOutcome {
  /** Ids in the order received (existing identical statements included). */
  readonly ids: string[];
}

/**
 * Stored times of writes this process has not yet acknowledged, per store. Everything stored
 * before the oldest of them is readable, which is what Consistent-Through promises; with no write
 * in flight that is "now". (Several LRS processes writing one PostgreSQL schema do not see each
 * other's writes in flight.)
 */
const inFlight = new WeakMap<Store, Map<number, string>>();
let writeSeq = 0;

export function consistentThrough(store: Store): string {
  let oldest: string | undefined;
  for (const stored of inFlight.get(store)?.values() ?? []) if (oldest === undefined || stored < oldest) oldest = stored;
  return oldest === undefined ? new Date().toISOString() : new Date(Date.parse(oldest) - 1).toISOString();
}

let lastStored = 0;
/** Stored times strictly increase within this process, so since/until agree with seq order. */
function nextStored(): string {
  const now = Math.max(Date.now(), lastStored + 1);
  lastStored = now;
  return new Date(now).toISOString();
}

/** Validates every statement or throws 400 naming the first problem. */
export function validateAll(statements: readonly unknown[], version: XapiVersion): Json[] {
  return statements.map((s, i) => {
    try {
      return validateStatement(s, version, statements.length > 1 ? `statements[${i}]` : 'statement');
    } catch (e) {
      if (e instanceof StatementError) throw new HttpError(400, e.message);
      throw e;
    }
  });
}

async function checkVoiding(store: Store, statements: readonly Json[]): Promise<void> {
  const targets = new Map<string, string>();
  for (const s of statements) {
    if ((s['verb'] as Json)['id'] !== VOIDED) continue;
    targets.set(((s['object'] as Json)['id'] as string).toLowerCase(), s['id'] as string);
  }
  if (targets.size === 0) return;
  const inBatch = new Map(statements.map((s) => [s['id'] as string, s]));
  const stored = await store.statementsByIds([...targets.keys()]);
  for (const target of targets.keys()) {
    const s = inBatch.get(target) ?? (stored.get(target) ? (JSON.parse(stored.get(target)!.body) as Json) : undefined);
    if (s && (s['verb'] as Json)['id'] === VOIDED) throw new HttpError(400, `statement ${target} is itself a voiding statement and cannot be voided`);
  }
}

/**
 * Stores statements atomically. Existing ids: an identical statement is accepted without a new
 * row, a different one is 409.
 */
export async function storeStatements(
  store: Store,
  input: readonly Json[],
  principal: Principal,
  version: XapiVersion,
  attachments: readonly AttachmentContent[] = [],
): Promise<StoreOutcome> {
  await checkLaunchStatements(store, input, principal);
  const statements: (Json & { id: string })[] = input.map((s) => ({ ...s, id: typeof s['id'] === 'string' ? s['id'].toLowerCase() : randomUUID() }));
  const seen = new Set<string>();
  for (const s of statements) {
    if (seen.has(s.id)) throw new HttpError(400, `statement id ${s.id} appears twice in the batch`);
    seen.add(s.id);
  }
  await checkVoiding(store, statements);
  const fresh = (await newStatements(store, statements)).map(normalize);
  const targets = await refTargets(store, statements, principal.key);
  const stored = nextStored();
  const rows = fresh.map((s) => {
    const full: Json = {
      ...s,
      timestamp: typeof s['timestamp'] === 'string' ? s['timestamp'] : stored,
      stored,
      authority: principal.authority,
      version: version === '2.0.0' ? '2.0.0' : typeof s['version'] === 'string' ? s['version'] : '1.0.0',
    };
    return withTarget(statementRow(full, principal.key), targets.get(refId(s) ?? ''));
  });
  const writes = inFlight.get(store) ?? new Map<number, string>();
  inFlight.set(store, writes);
  const write = ++writeSeq;
  writes.set(write, stored);
  try {
    let pending = rows;
    for (let attempt = 1; ; attempt++) {
      try {
        await store.insertStatements(pending, attachments);
        break;
      } catch (e) {
        // A concurrent request may have stored some of these ids in between (a page leaving
        // resends with keepalive what it was still sending): identical ones are done, a different
        // one is 409, and the rest are stored again without them.
        const left = new Set((await newStatements(store, statements)).map((s) => s.id));
        const rest = pending.filter((r) => left.has(r.id));
        if (rest.length === 0) break;
        if (rest.length === pending.length || attempt === 3) throw e;
        pending = rest;
      }
    }
  } finally {
    writes.delete(write);
  }
  return { ids: statements.map((s) => s.id) };
}

/** contextActivities values are returned as arrays even when sent as one object (xAPI 2.4.6.2). */
function normalizeContext(ctx: unknown): unknown {
  if (typeof ctx !== 'object' || ctx === null) return ctx;
  const c = ctx as Json;
  const ca = c['contextActivities'];
  if (typeof ca !== 'object' || ca === null) return ctx;
  const out: Json = {};
  for (const [k, v] of Object.entries(ca as Json)) out[k] = Array.isArray(v) ? v : [v];
  return { ...c, contextActivities: out };
}

function normalize<T extends Json>(s: T): T {
  const out: Json = { ...s };
  if (s['context'] !== undefined) out['context'] = normalizeContext(s['context']);
  const obj = s['object'] as Json;
  if (obj['objectType'] === 'SubStatement' && obj['context'] !== undefined) out['object'] = { ...obj, context: normalizeContext(obj['context']) };
  return out as T;
}

function refId(s: Json): string | undefined {
  const obj = s['object'] as Json;
  return obj['objectType'] === 'StatementRef' ? String(obj['id']).toLowerCase() : undefined;
}

/** Rows of the statements targeted by StatementRefs (stored or in this batch), by target id. */
async function refTargets(store: Store, statements: readonly Json[], credentialKey: string): Promise<Map<string, StatementRow>> {
  const ids = [...new Set(statements.map(refId).filter((x): x is string => x !== undefined))];
  const out = new Map<string, StatementRow>();
  if (ids.length === 0) return out;
  const inBatch = new Map(statements.map((s) => [s['id'] as string, s]));
  const stored = await store.statementsByIds(ids.filter((id) => !inBatch.has(id)));
  for (const id of ids) {
    const body = inBatch.get(id) ?? (stored.has(id) ? (JSON.parse(stored.get(id)!.body) as Json) : undefined);
    if (body) out.set(id, statementRow({ ...body, id, stored: '' }, credentialKey));
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

async function newStatements<T extends Json & { id: string }>(store: Store, statements: readonly T[]): Promise<T[]> {
  const existing = await store.statementsByIds(statements.map((s) => s.id));
  const fresh: T[] = [];
  for (const s of statements) {
    const old = existing.get(s.id);
    if (!old) fresh.push(s);
    else if (!sameStatement(JSON.parse(old.body) as Json, s)) throw new HttpError(409, `a different statement with id ${s.id} is already stored`);
  }
  return fresh;
}

export interface ByIdResult {
  readonly statement: Json;
  readonly stored: string;
}

/**
 * Whether the principal may read this statement. The same rules as the list filters
 * (statements-params.ts listRequest): a launch token reads only its registration, a
 * statements/read/mine key only what it stored (the LRS sets `authority` to the storing key).
 */
function readableBy(statement: Json, principal: Principal): boolean {
  if (principal.launch) {
    const ctx = statement['context'] as Json | undefined;
    const reg = ctx?.['registration'];
    return typeof reg === 'string' && reg.toLowerCase() === principal.launch.registration;
  }
  if (!readsOnlyMine(principal.scopes)) return true;
  const account = (statement['authority'] as Json | undefined)?.['account'] as Json | undefined;
  return account?.['name'] === principal.key;
}

/**
 * statementId (voided: false) or voidedStatementId (voided: true); undefined → 404, also for a
 * statement the principal may not read, so that it cannot tell one from an unknown id.
 */
export async function statementById(store: Store, id: string, voided: boolean, principal: Principal): Promise<ByIdResult | undefined> {
  const found = (await store.statementsByIds([id.toLowerCase()])).get(id.toLowerCase());
  if (!found || found.voided !== voided) return undefined;
  const statement = JSON.parse(found.body) as Json;
  if (!readableBy(statement, principal)) return undefined;
  return { statement, stored: statement['stored'] as string };
}

export interface QueryResult {
  readonly statements: Json[];
  readonly next?: StatementQuery;
}

export async function queryStatements(store: Store, q: StatementQuery): Promise<QueryResult> {
  const page = await store.queryStatements(q);
  const statements = page.bodies.map((b) => JSON.parse(b) as Json);
  if (!page.more || page.last === undefined) return { statements };
  return { statements, next: { ...q, after: page.last, atMost: page.head } };
}
