/** A small xAPI client for the cluster tests: one call, JSON in and out, against any endpoint. */
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  json<T = any>(): T;
}

export async function xapi(base: string, authorization: string | null, method: string, path: string, body?: unknown, version = '1.0.3'): Promise<Answer> {
  const headers: Record<string, string> = { 'x-experience-api-version': version };
  if (authorization !== null) headers['authorization'] = authorization;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const url = path.startsWith('http') ? path : path.startsWith('/xapi/') ? new URL(path, base).href : `${base}${path}`;
  const res = await fetch(url, { method, headers, ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}

/** A GET from another loopback address (127.0.0.2, …): another client machine, as far as HAProxy sees. */
export function getFrom(localAddress: string, url: string, authorization: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', localAddress, headers: { authorization, 'x-experience-api-version': '1.0.3', ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

export const basicAuth = (key: string, secret: string): string => `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;

let counter = 0;
/** A statement with its id, as the player writes one (an answered question of a learner). */
export function playerStatement(learner = 1, over: Record<string, unknown> = {}): Record<string, unknown> & { id: string } {
  counter++;
  return {
    id: randomUUID(),
    actor: { objectType: 'Agent', name: `Học viên ${learner}`, account: { homePage: 'https://boiduong.example', name: `hv-${learner}` } },
    verb: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { vi: 'đã trả lời' } },
    object: { id: `https://boiduong.example/course/c1/q${counter % 50}`, definition: { name: { vi: `Câu hỏi ${counter % 50}` } } },
    result: { success: true, score: { scaled: 0.8 } },
    ...over,
  };
}

export interface PagingPass {
  /** The ids in the order received. */
  readonly ids: string[];
  /** Consistent-Through of the first page: every statement stored at or before it belongs in the pass. */
  readonly through: string;
}

/**
 * Every page of a query, following `more` links, each page from the next endpoint in turn
 * (starting at `offset`).
 */
export async function pageAll(endpoints: readonly string[], authorization: string, first: string, offset = 0): Promise<PagingPass> {
  const ids: string[] = [];
  let through: string | undefined;
  let path: string | undefined = first;
  let hop = offset;
  while (path) {
    const base = endpoints[hop++ % endpoints.length]!;
    const r = await xapi(base, authorization, 'GET', path);
    if (r.status !== 200) throw new Error(`GET ${path} on ${base}: ${r.status} ${r.text}`);
    through ??= r.headers.get('x-experience-api-consistent-through') ?? undefined;
    const body = r.json<{ statements: { id: string }[]; more: string }>();
    ids.push(...body.statements.map((s) => s.id));
    path = body.more || undefined;
  }
  if (through === undefined) throw new Error(`GET ${first}: no X-Experience-API-Consistent-Through`);
  return { ids, through };
}

export interface RetryingClients {
  /** The ids of each acknowledged batch, in the order acknowledged. */
  readonly acked: string[][];
  /** The ids of each batch sent, in the order first sent. */
  readonly attempted: string[][];
  retries(): number;
  /** Resolves once this many batches have been acknowledged. */
  until(batches: number): Promise<void>;
  /** Lets each client finish its batch in hand, then resolves. */
  stop(): Promise<void>;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Clients like the player's queue: each POSTs a batch (`batchOf(client)`) and sends the same
 * batch, same ids, again until it is acknowledged (50 tries, 50 ms apart), then the next.
 */
export function retryingClients(endpoint: string, authorization: string, clients: number, batchOf: (client: number) => Record<string, unknown>[]): RetryingClients {
  const acked: string[][] = [];
  const attempted: string[][] = [];
  let retried = 0;
  let stop = false;
  const client = async (c: number): Promise<void> => {
    while (!stop) {
      const batch = batchOf(c);
      const ids = batch.map((s) => String(s['id']));
      attempted.push(ids);
      for (let attempt = 0; ; attempt++) {
        const status = await xapi(endpoint, authorization, 'POST', '/statements', batch).then((r) => r.status, () => 0);
        if (status === 200) break;
        if (attempt === 50) throw new Error(`batch of client ${c} still refused after 50 tries (last status ${status})`);
        retried++;
        await pause(50);
      }
      acked.push(ids);
    }
  };
  const running = Array.from({ length: clients }, (_, c) => client(c));
  return {
    acked,
    attempted,
    retries: () => retried,
    async until(batches) {
      while (acked.length < batches) await pause(10);
    },
    async stop() {
      stop = true;
      await Promise.all(running);
    },
  };
}
