/** An LRS on a fresh SQLite data directory and a small client for the HTTP-level tests. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLrs } from '../../src/lrs/index.js';
import type { LrsOptions, RunningLrs, Scope } from '../../src/lrs/index.js';

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  json<T = any>(): T;
}

export interface TestLrs {
  readonly lrs: RunningLrs;
  /** Authorization header of a key with these scopes. */
  auth(scopes: readonly Scope[]): Promise<string>;
  call(method: string, path: string, options?: { auth?: string | null; body?: unknown; headers?: Record<string, string>; version?: string | null }): Promise<Reply>;
  close(): Promise<void>;
}

export const basic = (key: string, secret: string): string => `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;

/**
 * BOIDUONG_LRS_TEST_STORE=postgres runs the same HTTP tests on PostgreSQL, each LRS on a fresh
 * schema dropped at close (connection from BOIDUONG_TEST_PG, default the local test database).
 */
function storeOptions(): { options: LrsOptions; drop: () => Promise<void> } {
  if (process.env['BOIDUONG_LRS_TEST_STORE'] !== 'postgres') return { options: {}, drop: async () => undefined };
  const pg = process.env['BOIDUONG_TEST_PG'] ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `bd_test_${randomBytes(6).toString('hex')}`;
  return {
    options: { store: 'postgres', pg, pgSchema: schema },
    drop: async () => {
      const { dropSchema } = await import('../../src/lrs/store/postgres/index.js');
      await dropSchema(pg, schema);
    },
  };
}

export async function testLrs(options: LrsOptions = {}): Promise<TestLrs> {
  const dir = mkdtempSync(join(tmpdir(), 'bd-lrs-http-'));
  const store = storeOptions();
  const lrs = await startLrs({ port: 0, dataDir: dir, log: () => undefined, ...store.options, ...options });
  const admin = await lrs.createKey(['all'], 'admin');
  const adminAuth = basic(admin.key, admin.secret);
  return {
    lrs,
    async auth(scopes) {
      const k = await lrs.createKey(scopes, scopes.join('+'));
      return basic(k.key, k.secret);
    },
    async call(method, path, o = {}) {
      const headers: Record<string, string> = { ...o.headers };
      const auth = o.auth === undefined ? adminAuth : o.auth;
      if (auth !== null) headers['authorization'] = auth;
      const version = o.version === undefined ? '1.0.3' : o.version;
      if (version !== null) headers['x-experience-api-version'] = version;
      let body: string | undefined;
      if (o.body !== undefined) {
        body = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
        headers['content-type'] ??= 'application/json';
      }
      const url = path.startsWith('http') ? path : path.startsWith('/xapi') ? new URL(path, lrs.url).href : lrs.url + path;
      const res = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}) });
      const text = await res.text();
      return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
    },
    async close() {
      await lrs.close();
      await store.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let n = 0;
export function statement(over: Record<string, unknown> = {}): Record<string, unknown> {
  n++;
  return {
    actor: { objectType: 'Agent', name: 'Nguyễn Văn An', account: { homePage: 'https://boiduong.example', name: 'hv-001' } },
    verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { vi: 'đã hoàn thành', 'en-US': 'completed' } },
    object: { id: `https://boiduong.example/module/${n}`, definition: { name: { vi: `Chuyên đề ${n}` } } },
    ...over,
  };
}

export const agentParam = (a: unknown): string => encodeURIComponent(JSON.stringify(a));
