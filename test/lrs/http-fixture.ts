/** An LRS on a fresh SQLite data directory and a small client for the HTTP-level tests. */
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

export async function testLrs(options: LrsOptions = {}): Promise<TestLrs> {
  const dir = mkdtempSync(join(tmpdir(), 'bd-lrs-http-'));
  const lrs = await startLrs({ port: 0, dataDir: dir, log: () => undefined, ...options });
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
