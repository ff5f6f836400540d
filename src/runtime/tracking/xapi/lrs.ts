/**
 * The few LRS calls an AU makes, over fetch: statements, the State API, agent profiles, the
 * cmi5 token fetch. Every call resolves (status 0 for a network failure) so callers decide.
 */
import type { Agent, Statement } from '../../../core/index.js';

export const XAPI_VERSION = '1.0.3';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface DocumentKey {
  readonly activityId: string;
  readonly agent: Agent;
  readonly registration?: string;
}

/** The headers of an xAPI request. */
export function xapiHeaders(json: boolean, authorization: string | undefined): Record<string, string> {
  const h: Record<string, string> = { 'X-Experience-API-Version': XAPI_VERSION };
  if (authorization) h['Authorization'] = authorization;
  if (json) h['Content-Type'] = 'application/json';
  return h;
}

/** `endpoint` is the LRS's base URL with its trailing slash. */
export function xapiUrl(endpoint: string, resource: string, params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, v);
  const s = q.toString();
  return `${endpoint}${resource}${s ? `?${s}` : ''}`;
}

export function stateUrl(endpoint: string, key: DocumentKey, stateId: string): string {
  return xapiUrl(endpoint, 'activities/state', { activityId: key.activityId, agent: JSON.stringify(key.agent), registration: key.registration, stateId });
}

export function agentProfileUrl(endpoint: string, agent: Agent, profileId: string): string {
  return xapiUrl(endpoint, 'agents/profile', { agent: JSON.stringify(agent), profileId });
}

/** A document's JSON; undefined when absent, unreadable, unreachable or without credentials. */
export async function readJson(fetchFn: FetchLike, url: string, authorization: string | undefined): Promise<unknown> {
  if (!authorization) return undefined;
  try {
    const res = await fetchFn(url, { headers: xapiHeaders(false, authorization) });
    if (!res.ok) return undefined;
    return JSON.parse(await res.text()) as unknown;
  } catch {
    return undefined;
  }
}

export class LrsClient {
  constructor(
    readonly endpoint: string,
    private readonly authorization: string | undefined,
    private readonly fetchFn: FetchLike = (i, init) => globalThis.fetch(i, init),
  ) {}

  /** The Authorization header this launch was given (a cmi5 token is bound to its session). */
  get credentials(): string | undefined {
    return this.authorization;
  }

  private headers(json: boolean, authorization = this.authorization): Record<string, string> {
    return xapiHeaders(json, authorization);
  }

  private url(resource: string, params: Record<string, string | undefined>): string {
    return xapiUrl(this.endpoint, resource, params);
  }

  /**
   * POST a batch in order; resolves with the HTTP status (0: network error). `authorization`
   * sends statements of an earlier session with that session's own credentials.
   */
  async postStatements(statements: readonly Statement[], keepalive = false, authorization = this.authorization): Promise<number> {
    if (!authorization) return 401;
    try {
      const res = await this.fetchFn(this.url('statements', {}), {
        method: 'POST',
        headers: this.headers(true, authorization),
        body: JSON.stringify(statements),
        keepalive,
      });
      return res.status;
    } catch {
      return 0;
    }
  }

  /** One statement by id, as the LRS stored it; undefined when absent, not readable or unreachable. */
  async getStatement(id: string, authorization = this.authorization): Promise<unknown> {
    if (!authorization) return undefined;
    try {
      const res = await this.fetchFn(this.url('statements', { statementId: id }), { headers: this.headers(false, authorization) });
      if (!res.ok) return undefined;
      return JSON.parse(await res.text()) as unknown;
    } catch {
      return undefined;
    }
  }

  /** A State API document, undefined when absent or unreachable. */
  async getState(key: DocumentKey, stateId: string): Promise<unknown> {
    return readJson(this.fetchFn, stateUrl(this.endpoint, key, stateId), this.authorization);
  }

  async putState(key: DocumentKey, stateId: string, value: unknown, keepalive = false): Promise<number> {
    try {
      const res = await this.fetchFn(stateUrl(this.endpoint, key, stateId), {
        method: 'PUT',
        headers: this.headers(true),
        body: JSON.stringify(value),
        keepalive,
      });
      return res.status;
    } catch {
      return 0;
    }
  }

  async getAgentProfile(agent: Agent, profileId: string): Promise<unknown> {
    return readJson(this.fetchFn, agentProfileUrl(this.endpoint, agent, profileId), this.authorization);
  }
}

/**
 * cmi5: POST the fetch URL once for the session's auth token. The token is kept in
 * sessionStorage (a second POST is refused by the LMS) and never beyond the session.
 */
export async function cmi5AuthToken(fetchUrl: string, session: Pick<Storage, 'getItem' | 'setItem'> | undefined, fetchFn: FetchLike): Promise<string | undefined> {
  const key = `boiduong.cmi5.token:${fetchUrl}`;
  const kept = session?.getItem(key);
  if (kept) return kept;
  try {
    const res = await fetchFn(fetchUrl, { method: 'POST' });
    if (!res.ok) return undefined;
    const body = JSON.parse(await res.text()) as Record<string, unknown>;
    const token = body['auth-token'];
    if (typeof token !== 'string' || token === '') return undefined;
    session?.setItem(key, token);
    return token;
  } catch {
    return undefined;
  }
}
