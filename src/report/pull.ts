/**
 * Incremental pull from any conformant LRS with @xapi/xapi: pages in stored order from the
 * cache's watermark, following `more` links, each page committed to the cache before the
 * next is asked for. A failing or slow LRS is retried with backoff; a pull that gives up
 * leaves the cache consistent, and the next run resumes from the last committed page.
 */
import XAPI from '@xapi/xapi';
import type { CacheState, FactCache } from './cache.js';
import { toFact } from './facts.js';
import type { StatementFact } from './model.js';

export interface PullOptions {
  readonly endpoint: string;
  /** "Basic …" header value, or undefined for an open LRS. */
  readonly auth?: string;
  readonly pageSize?: number;
  readonly timeoutMs?: number;
  readonly retries?: number;
  readonly onPage?: (info: { pulled: number; total: number }) => void;
  /** Sleep between retries; tests shorten it. */
  readonly backoffMs?: number;
}

export interface PullResult {
  readonly state: CacheState;
  readonly pulled: number;
  readonly retried: number;
}

export class PullError extends Error {}

/** A fetch adapter with a timeout, so a hung LRS fails the request instead of the run. */
type Adapter = NonNullable<ConstructorParameters<typeof XAPI>[0]['adapter']>;

function fetchAdapter(timeoutMs: number): Adapter {
  // Generic like the library's adapter: the caller names the shape of the LRS's JSON answer.
  return async <T,>(req: { url: string; method: string; headers?: Record<string, string>; data?: unknown }): Promise<{ data: T; headers: Record<string, string>; status: number }> => {
    const res = await fetch(req.url, {
      method: req.method,
      headers: req.headers ?? {},
      ...(req.data !== undefined ? { body: typeof req.data === 'string' ? req.data : JSON.stringify(req.data) } : {}),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await res.text();
    if (!res.ok) throw new PullError(`LRS ${res.status}: ${body.slice(0, 200)}`);
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => (headers[k] = v));
    return { data: (body ? JSON.parse(body) : undefined) as T, headers, status: res.status };
  };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const minusOneMs = (iso: string): string => new Date(Date.parse(iso) - 1).toISOString();

export async function pull(cache: FactCache, options: PullOptions): Promise<PullResult> {
  const endpoint = options.endpoint.endsWith('/') ? options.endpoint : `${options.endpoint}/`;
  const xapi = new XAPI({
    endpoint,
    ...(options.auth ? { auth: options.auth } : {}),
    version: '1.0.3',
    adapter: fetchAdapter(options.timeoutMs ?? 30_000),
  });
  let state = await cache.open(endpoint);
  const retries = options.retries ?? 5;
  const backoff = options.backoffMs ?? 500;
  let pulled = 0;
  let retried = 0;

  const withRetry = async <T>(what: () => Promise<T>): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await what();
      } catch (e) {
        if (attempt >= retries) throw new PullError(`LRS không trả lời / LRS failed after ${attempt + 1} tries: ${(e as Error).message}`);
        retried++;
        await sleep(backoff * 2 ** attempt);
      }
    }
  };

  // Re-read the last millisecond: several statements can share a `stored` time, and
  // `since` is exclusive. Ids already kept from that edge are skipped.
  const since = state.watermark ? minusOneMs(state.watermark) : undefined;
  type Page = { data: { statements?: unknown[]; more?: string } };
  let response: Page = await withRetry(() =>
    xapi.getStatements({ ascending: true, limit: options.pageSize ?? 500, ...(since ? { since } : {}) }),
  );
  for (;;) {
    const statements = response.data.statements ?? [];
    const edge = new Set(state.edgeIds);
    const voided = new Set(state.voided);
    const facts: StatementFact[] = [];
    let watermark = state.watermark;
    for (const s of statements) {
      const fact = toFact(s);
      if (!fact || edge.has(fact.id)) continue;
      facts.push(fact);
      if (fact.voids) voided.add(fact.voids);
      if (fact.stored && (watermark === null || fact.stored > watermark)) watermark = fact.stored;
    }
    const edgeFloor = watermark ? minusOneMs(watermark) : '';
    const edgeIds = facts.filter((f) => f.stored >= edgeFloor).map((f) => f.id);
    if (state.watermark && state.watermark >= edgeFloor) edgeIds.push(...state.edgeIds);
    state = await cache.append(state, facts, { watermark, edgeIds: [...new Set(edgeIds)], voided: [...voided] });
    pulled += facts.length;
    options.onPage?.({ pulled, total: state.count });
    const more = response.data.more;
    if (!more || statements.length === 0) break;
    response = (await withRetry(() => xapi.getMoreStatements({ more }))) as Page;
  }
  return { state, pulled, retried };
}
