/**
 * Load generation for the LRS benchmark: realistic statements, concurrent clients on keep-alive
 * connections, latency percentiles. Works against any xAPI endpoint (ours or a peer).
 */
import { Agent, request } from 'node:http';
import { randomUUID } from 'node:crypto';
import { RawConnection, requestBytes } from './raw-http.js';

export interface Endpoint {
  /** Base URL of the xAPI endpoint, without trailing slash, e.g. http://127.0.0.1:8080/xapi */
  readonly base: string;
  readonly authorization: string;
  readonly version?: string;
}

export interface Reply {
  readonly status: number;
  readonly body: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

export function send(ep: Endpoint, method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<Reply> {
  const url = new URL(ep.base + path);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        agent,
        headers: {
          authorization: ep.authorization,
          'x-experience-api-version': ep.version ?? '1.0.3',
          ...(body !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

export const LEARNERS = 2000;
export const VERBS = ['answered', 'completed', 'passed', 'failed', 'experienced', 'attempted', 'initialized', 'terminated'];
export const ACTIVITIES = 400;

export function learnerAgent(i: number): Record<string, unknown> {
  return { objectType: 'Agent', name: `Học viên ${i}`, account: { homePage: 'https://boiduong.example', name: `hv-${i}` } };
}
export function verbId(i: number): string {
  return `http://adlnet.gov/expapi/verbs/${VERBS[i % VERBS.length]}`;
}
export function activityId(i: number): string {
  return `https://boiduong.example/course/boi-duong-bi-thu-dang-uy-xa/q${i}`;
}

/** The registration of a learner's attempt at the course: the player sends it on every statement of the attempt. */
export function registrationOf(learner: number): string {
  return `00000000-0000-4000-8000-${learner.toString(16).padStart(12, '0')}`;
}

/** A statement like the player writes: an answered question with score, context and extensions. */
export function makeStatement(n: number): Record<string, unknown> {
  const learner = n % LEARNERS;
  return {
    id: randomUUID(),
    actor: learnerAgent(learner),
    verb: { id: verbId(n), display: { vi: VERBS[n % VERBS.length], en: VERBS[n % VERBS.length] } },
    object: {
      objectType: 'Activity',
      id: activityId(n % ACTIVITIES),
      definition: { type: 'http://adlnet.gov/expapi/activities/cmi.interaction', name: { vi: `Câu hỏi ${n % ACTIVITIES}` }, interactionType: 'choice' },
    },
    result: { score: { scaled: 0.8, raw: 8, min: 0, max: 10 }, success: true, completion: true, response: 'a[,]c', duration: 'PT42S' },
    context: {
      registration: registrationOf(learner),
      contextActivities: { parent: [{ id: 'https://boiduong.example/course/boi-duong-bi-thu-dang-uy-xa' }] },
      language: 'vi-VN',
      extensions: { 'https://boiduong.github.io/xapi/extensions/mark-10': 8 },
    },
    timestamp: new Date().toISOString(),
  };
}

export interface IngestResult {
  readonly statements: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly failures: number;
  /** The clients' CPU seconds, when the load generator measures its own (wrk: not the bodies made before it starts). */
  readonly clientCpuSeconds?: number;
}

/**
 * `clients` loops, each on a keep-alive connection of its own (raw-http.ts), POSTing batches of
 * `batch` statements until `total` are sent.
 */
export async function ingest(ep: Endpoint, total: number, batch: number, clients: number, offset = 0): Promise<IngestResult> {
  let next = 0;
  let failures = 0;
  const url = new URL(ep.base + '/statements');
  const headers = { authorization: ep.authorization, 'x-experience-api-version': ep.version ?? '1.0.3', 'content-type': 'application/json' };
  const started = performance.now();
  const worker = async (): Promise<void> => {
    const connection = new RawConnection(url.hostname, Number(url.port || 80));
    try {
      for (;;) {
        const from = next;
        if (from >= total) return;
        next += batch;
        const count = Math.min(batch, total - from);
        const list = Array.from({ length: count }, (_, i) => makeStatement(offset + from + i));
        const body = JSON.stringify(batch === 1 ? list[0] : list);
        const reply = await connection.send(requestBytes('POST', url, headers, body)).catch((e: unknown) => ({ status: 0, body: String(e) }));
        if (reply.status !== 200) {
          failures++;
          if (failures === 1) console.error(`  POST failed: ${reply.status} ${reply.body.slice(0, 200)}`);
        }
      }
    } finally {
      connection.close();
    }
  };
  await Promise.all(Array.from({ length: clients }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { statements: total, seconds, perSecond: total / seconds, failures };
}

export interface Latency {
  readonly p50: number;
  readonly p99: number;
  readonly count: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)]!;
}

/** Sequential GETs (one client) built by `query(i)`; latency in milliseconds. */
export async function latency(ep: Endpoint, count: number, query: (i: number) => string): Promise<Latency> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    const reply = await send(ep, 'GET', `/statements?${query(i)}`);
    times.push(performance.now() - t);
    if (reply.status !== 200 && i === 0) console.error(`  GET failed: ${reply.status} ${reply.body.slice(0, 200)}`);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), count };
}

export const FILTERS: Readonly<Record<string, (i: number) => string>> = {
  agent: (i) => `agent=${encodeURIComponent(JSON.stringify(learnerAgent((i * 7919) % LEARNERS)))}&limit=50`,
  verb: (i) => `verb=${encodeURIComponent(verbId(i))}&limit=50`,
  activity: (i) => `activity=${encodeURIComponent(activityId((i * 31) % ACTIVITIES))}&limit=50`,
  since: () => `since=${encodeURIComponent(new Date(Date.now() - 60_000).toISOString())}&limit=50`,
};

/** Resident set size of a process in MiB, from /proc (Linux). */
export async function rssMiB(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}
