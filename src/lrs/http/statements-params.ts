/**
 * GET /statements query parameters → a StatementQuery, and the opaque `more` token that carries
 * a query with its cursor (seq of the last row sent and the snapshot head).
 */
import { Buffer } from 'node:buffer';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { type Principal, readsOnlyMine } from '../auth/index.js';
import { authorityKey, type StatementFormat } from '../service/index.js';
import type { StatementQuery } from '../store/index.js';
import { actor, agentKey, timeBound, indexedIri, isUuid, timestamp } from '../validate/index.js';
import { HttpError, badRequest } from './errors.js';

export const MAX_LIMIT = 500;

export const FILTERS = [
  'agent',
  'verb',
  'activity',
  'registration',
  'related_activities',
  'related_agents',
  'since',
  'until',
  'limit',
  'format',
  'attachments',
  'ascending',
] as const;

export interface ListRequest {
  readonly query: StatementQuery;
  readonly format: StatementFormat;
  readonly attachments: boolean;
}

function bool(q: URLSearchParams, name: string): boolean {
  const v = q.get(name);
  if (v === null) return false;
  if (v !== 'true' && v !== 'false') throw badRequest(`${name} must be true or false`);
  return v === 'true';
}

export function formatParam(q: URLSearchParams): StatementFormat {
  const f = q.get('format') ?? 'exact';
  if (f !== 'exact' && f !== 'ids' && f !== 'canonical') throw badRequest('format must be exact, ids or canonical');
  return f;
}

export function attachmentsParam(q: URLSearchParams): boolean {
  return bool(q, 'attachments');
}

function time(q: URLSearchParams, name: string): string | undefined {
  const v = q.get(name);
  if (v === null) return undefined;
  // A malformed value throws StatementError: 400 naming the parameter.
  timestamp(v, name, false);
  // The validator takes a decimal comma (ISO 8601), which Date.parse does not.
  const t = v.replace(',', '.');
  return timeBound(Date.parse(/[zZ]|[+-]\d\d(:?\d\d)?$/.test(t) ? t : `${t}Z`));
}

function agentFilter(raw: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw badRequest('agent must be a JSON Agent or identified Group');
  }
  // A malformed agent throws StatementError: 400 naming it.
  const key = agentKey(actor(parsed, 'agent'));
  if (!key) throw badRequest('agent must have an identifier (mbox, mbox_sha1sum, openid or account)');
  return key;
}

export function listRequest(q: URLSearchParams, principal: Principal): ListRequest {
  for (const name of q.keys()) {
    if (!(FILTERS as readonly string[]).includes(name)) throw badRequest(`unknown parameter ${name}`);
  }
  for (const name of new Set(q.keys())) if (q.getAll(name).length > 1) throw badRequest(`parameter ${name} given more than once`);
  const limitRaw = q.get('limit');
  let limit = MAX_LIMIT;
  if (limitRaw !== null) {
    if (!/^\d+$/.test(limitRaw)) throw badRequest('limit must be a non-negative integer');
    const n = Number(limitRaw);
    limit = n === 0 ? MAX_LIMIT : Math.min(n, MAX_LIMIT);
  }
  const verb = q.get('verb');
  const activity = q.get('activity');
  const registration = q.get('registration');
  if (verb !== null) indexedIri(verb, 'verb');
  if (activity !== null) indexedIri(activity, 'activity');
  if (registration !== null && !isUuid(registration)) throw badRequest('registration must be a UUID');
  let agent = q.get('agent') === null ? undefined : agentFilter(q.get('agent')!);
  let relatedAgents = bool(q, 'related_agents');
  let reg = registration?.toLowerCase();
  if (principal.launch) {
    if (reg !== undefined && reg !== principal.launch.registration) throw new HttpError(403, `this launch token reads only registration ${principal.launch.registration}`);
    reg = principal.launch.registration;
  } else if (readsOnlyMine(principal.scopes)) {
    if (agent !== undefined) throw new HttpError(403, 'a statements/read/mine key cannot filter by agent; it reads only its own statements');
    agent = authorityKey(principal.key);
    relatedAgents = true;
  }
  const query: StatementQuery = {
    agentKey: agent,
    relatedAgents,
    verbId: verb ?? undefined,
    activityId: activity ?? undefined,
    relatedActivities: bool(q, 'related_activities'),
    registration: reg,
    since: time(q, 'since'),
    until: time(q, 'until'),
    ascending: bool(q, 'ascending'),
    limit,
  };
  return { query, format: formatParam(q), attachments: attachmentsParam(q) };
}

interface Token {
  readonly l: ListRequest;
  /** Principal key: a token is only honoured for the credential it was issued to. */
  readonly k: string;
}

/** What signs a principal's links: its key name and the key derived from its stored secret hash. */
export interface LinkSigner {
  readonly key: string;
  readonly signingKey: Buffer;
}

// Tokens are signed so a client cannot widen its query (e.g. drop the read/mine restriction). The
// key comes from the credential's stored hash (auth/authenticate.ts), so every node sharing the
// credentials checks a token any of them issued, and it is refused once the key is revoked.
const sign = (payload: string, key: Buffer): string => createHmac('sha256', key).update(payload).digest('base64url');

export function moreToken(list: ListRequest, principal: LinkSigner): string {
  const payload = Buffer.from(JSON.stringify({ l: list, k: principal.key } satisfies Token)).toString('base64url');
  return `${payload}.${sign(payload, principal.signingKey)}`;
}

export function fromMoreToken(token: string, principal: LinkSigner): ListRequest {
  const [payload, mac] = token.split('.');
  if (!payload || !mac || !sameMac(sign(payload, principal.signingKey), mac)) {
    throw badRequest('the more token is not valid for this key (altered, or issued to another key or before the key was replaced): query again without more');
  }
  let t: Token;
  try {
    t = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Token;
  } catch {
    throw badRequest('the more token is not valid');
  }
  if (typeof t !== 'object' || t === null || typeof t.l !== 'object' || t.k !== principal.key) throw badRequest('the more token is not valid for this key');
  return t.l;
}

function sameMac(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
