/**
 * Incremental pull from any conformant LRS with @xapi/xapi: pages in stored order from the
 * cache's watermark, following `more` links, each page committed to the cache before the
 * next is asked for. A failing or slow LRS is retried with backoff; a pull that gives up
 * leaves the cache consistent, and the next run resumes from the last committed page.
 */
import XAPI from '@xapi/xapi';
import { lrsKey, type CacheState, type FactCache } from './cache.js';
import { toFact } from '../core/index.js';
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

/**
 * What went wrong with the LRS, told apart because the officer's next step differs: a wrong key
 * is fixed in the command line, a refused connection means the LRS is not running, a name that
 * does not resolve or a network that cannot be reached is a wrong address or a cable, a timeout
 * is a slow or stuck LRS.
 */
export type PullFailure = 'auth' | 'refused' | 'unreachable' | 'timeout' | 'server' | 'http' | 'bad-response' | 'network';

/** Failures worth asking again after a pause; the others will not change by waiting. */
const TRANSIENT: ReadonlySet<PullFailure> = new Set(['timeout', 'server', 'network']);

export class PullError extends Error {
  constructor(
    readonly kind: PullFailure,
    readonly endpoint: string,
    readonly detail: string,
    readonly status?: number,
    readonly tries = 1,
  ) {
    super(`${kind}: ${detail}`);
  }

  /** One line for the officer, in the report's language. */
  describe(lang: 'vi' | 'en'): string {
    const at = this.endpoint;
    const tries = this.tries > 1 ? (lang === 'en' ? ` (${this.tries} tries)` : ` (đã thử ${this.tries} lần)`) : '';
    const vi: Record<PullFailure, string> = {
      auth: `LRS ${at} từ chối: sai khóa hoặc mật khẩu (HTTP ${this.status}). Kiểm tra --auth khóa:mật khẩu hoặc biến BOIDUONG_LRS_AUTH; khóa cần quyền đọc bản ghi.`,
      refused: `LRS ${at} từ chối kết nối: không có dịch vụ nào chạy ở cổng này. Kiểm tra LRS đã chạy và số cổng trong --lrs.`,
      unreachable: `Không tìm thấy máy chủ LRS ${at} (${this.detail}). Kiểm tra tên máy chủ trong --lrs và kết nối mạng.`,
      timeout: `LRS ${at} không trả lời trong thời hạn chờ${tries}. Thử lại sau, hoặc kiểm tra LRS có đang quá tải.`,
      server: `LRS ${at} gặp lỗi (HTTP ${this.status})${tries}: ${this.detail}`,
      http: `LRS ${at} không nhận yêu cầu (HTTP ${this.status}): ${this.detail}. Kiểm tra địa chỉ --lrs có đúng là địa chỉ xAPI (thường kết thúc bằng /xapi).`,
      'bad-response': `Địa chỉ ${at} không trả lời như một LRS (${this.detail}). Kiểm tra --lrs là địa chỉ xAPI.`,
      network: `Mất kết nối tới LRS ${at}${tries}: ${this.detail}`,
    };
    const en: Record<PullFailure, string> = {
      auth: `LRS ${at} refused the credentials: wrong key or secret (HTTP ${this.status}). Check --auth key:secret or BOIDUONG_LRS_AUTH; the key needs read access to statements.`,
      refused: `LRS ${at} refused the connection: nothing listens on that port. Check that the LRS runs and the port in --lrs.`,
      unreachable: `LRS host ${at} cannot be reached (${this.detail}). Check the host name in --lrs and the network.`,
      timeout: `LRS ${at} did not answer in time${tries}. Try again later, or check whether the LRS is overloaded.`,
      server: `LRS ${at} failed (HTTP ${this.status})${tries}: ${this.detail}`,
      http: `LRS ${at} did not accept the request (HTTP ${this.status}): ${this.detail}. Check that --lrs is the xAPI endpoint (usually ending in /xapi).`,
      'bad-response': `${at} does not answer like an LRS (${this.detail}). Check that --lrs is the xAPI endpoint.`,
      network: `The connection to LRS ${at} broke${tries}: ${this.detail}`,
    };
    return (lang === 'en' ? en : vi)[this.kind];
  }
}

const UNREACHABLE = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_NONAME']);

/** Classify what fetch threw: the cause's system error code says which failure it was. */
function fetchFailure(e: unknown, endpoint: string): PullError {
  const err = e as { name?: string; message?: string; cause?: { code?: string; name?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.cause?.name === 'TimeoutError') return new PullError('timeout', endpoint, 'timeout');
  const code = err.cause?.code ?? '';
  if (code === 'ECONNREFUSED') return new PullError('refused', endpoint, code);
  if (UNREACHABLE.has(code)) return new PullError('unreachable', endpoint, code);
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') return new PullError('timeout', endpoint, code);
  return new PullError('network', endpoint, code || err.cause?.message || err.message || String(e));
}

/** A fetch adapter with a timeout, so a hung LRS fails the request instead of the run. */
type Adapter = NonNullable<ConstructorParameters<typeof XAPI>[0]['adapter']>;

function fetchAdapter(timeoutMs: number, endpoint: string): Adapter {
  return (async (req: { url: string; method: string; headers?: Record<string, string>; data?: unknown }) => {
    let res: Response;
    let body: string;
    try {
      res = await fetch(req.url, {
        method: req.method,
        headers: req.headers ?? {},
        ...(req.data !== undefined ? { body: typeof req.data === 'string' ? req.data : JSON.stringify(req.data) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
      body = await res.text();
    } catch (e) {
      throw fetchFailure(e, endpoint);
    }
    if (res.status === 401 || res.status === 403) throw new PullError('auth', endpoint, body.slice(0, 200), res.status);
    if (res.status >= 500) throw new PullError('server', endpoint, body.slice(0, 200), res.status);
    if (!res.ok) throw new PullError('http', endpoint, body.slice(0, 200), res.status);
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => (headers[k] = v));
    let data: unknown;
    try {
      data = body ? JSON.parse(body) : undefined;
    } catch {
      throw new PullError('bad-response', endpoint, `HTTP ${res.status}, ${res.headers.get('content-type') ?? 'no content type'}`, res.status);
    }
    return { data, headers, status: res.status };
  }) as Adapter;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const minusOneMs = (iso: string): string => new Date(Date.parse(iso) - 1).toISOString();

/** The xAPI client the report pulls with and `class import` sends with: one error vocabulary. */
export function lrsClient(options: { endpoint: string; auth?: string; timeoutMs?: number }): XAPI {
  const endpoint = lrsKey(options.endpoint);
  return new XAPI({
    endpoint,
    ...(options.auth ? { auth: options.auth } : {}),
    version: '1.0.3',
    adapter: fetchAdapter(options.timeoutMs ?? 30_000, endpoint),
  });
}

export async function pull(cache: FactCache, options: PullOptions): Promise<PullResult> {
  const endpoint = lrsKey(options.endpoint);
  const xapi = lrsClient(options);
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
        const failure = e instanceof PullError ? e : new PullError('bad-response', endpoint, (e as Error).message ?? String(e));
        // A refused key or a wrong address does not get better by waiting: say so at once.
        if (!TRANSIENT.has(failure.kind) || attempt >= retries) {
          throw new PullError(failure.kind, failure.endpoint, failure.detail, failure.status, attempt + 1);
        }
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
