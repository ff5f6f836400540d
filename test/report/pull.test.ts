import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLrs, type RunningLrs } from '../../src/lrs/index.js';
import { buildReport, FactCache, pull, PullError } from '../../src/report/index.js';
import { fixtureCatalogue, fixtureRoster, fixtureStatements, fixtureTaxonomy } from './fixture.js';

let lrs: RunningLrs;
let auth: string;
const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'bd-report-'));
  dirs.push(d);
  return d;
};

async function post(statements: unknown[]): Promise<void> {
  const res = await fetch(`${lrs.url}/statements`, {
    method: 'POST',
    headers: { authorization: auth, 'x-experience-api-version': '1.0.3', 'content-type': 'application/json' },
    body: JSON.stringify(statements),
  });
  expect(res.status).toBe(200);
}

/** A fault injector in front of the real LRS: fails or stalls chosen requests, forwards the rest. */
function faultyProxy(fault: (n: number) => 'fail' | 'hang' | 'pass'): Promise<{ url: string; server: Server; requests: () => number }> {
  let n = 0;
  const target = new URL(lrs.url);
  const server = createServer((req, res) => {
    const kind = fault(++n);
    if (kind === 'fail') {
      res.writeHead(503).end('try later');
      return;
    }
    if (kind === 'hang') return;
    const upstream = request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, host: target.host } },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/xapi`, server, requests: () => n })),
  );
}

beforeAll(async () => {
  lrs = await startLrs({ dataDir: tempDir(), port: 0, log: () => undefined });
  const key = await lrs.createKey(['all'], 'report-test');
  auth = `Basic ${Buffer.from(`${key.key}:${key.secret}`).toString('base64')}`;
  // The LRS sets `stored` itself; statements go in one per request so pages have several stored times.
  for (const s of fixtureStatements) {
    const { stored: _ignored, ...rest } = s as Record<string, unknown>;
    await post([rest]);
  }
});

afterAll(async () => {
  await lrs?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const period = { from: '2026-01-01', to: '2026-12-31' };

describe('pulling statements from the LRS', () => {
  it('pulls every page, keeps voided ids and builds the hand-computed report', async () => {
    const cache = new FactCache(tempDir());
    const first = await pull(cache, { endpoint: lrs.url, auth, pageSize: 3 });
    // The LRS hides the voided statement from queries: 9 of the 10 come back, the voiding one included.
    expect(first.pulled).toBe(9);
    expect(first.state.voided).toEqual(['00000000-0000-4000-8000-000000000004']);
    const report = await buildReport(cache.facts(first.state), {
      roster: fixtureRoster.learners,
      taxonomy: fixtureTaxonomy,
      catalogue: fixtureCatalogue,
      period,
      voided: new Set(first.state.voided),
    });
    expect(report.total).toMatchObject({ learners: 4, compliant: 1, attendances: 3, certificates: 1 });
    expect(report.learners.find((l) => l.learner.id === 'hv2')!.periodsCompleted).toBe(4);

    const again = await pull(cache, { endpoint: lrs.url, auth, pageSize: 3 });
    expect(again.pulled).toBe(0);
    await post([
      {
        actor: { account: { homePage: 'https://daotao.example.vn', name: 'hv2' } },
        verb: { id: 'http://adlnet.gov/expapi/verbs/passed' },
        object: { id: 'https://daotao.example.vn/xapi/courses/c1/modules/m2' },
        result: { success: true, score: { scaled: 0.7 } },
        timestamp: '2026-09-01T08:00:00+07:00',
      },
    ]);
    const third = await pull(cache, { endpoint: lrs.url, auth, pageSize: 3 });
    expect(third.pulled).toBe(1);
    expect(third.state.count).toBe(10);
  });

  it('retries a failing LRS and never counts a statement twice', async () => {
    const proxy = await faultyProxy((n) => (n === 2 || n === 3 ? 'fail' : 'pass'));
    try {
      const cache = new FactCache(tempDir());
      const result = await pull(cache, { endpoint: proxy.url, auth, pageSize: 2, backoffMs: 5 });
      expect(result.retried).toBe(2);
      const ids: string[] = [];
      for await (const f of cache.facts(result.state)) ids.push(f.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(result.state.count);
      expect(ids.length).toBeGreaterThanOrEqual(10);
    } finally {
      proxy.server.close();
    }
  });

  it('gives up on a dead LRS with the cache intact, and the next run resumes', async () => {
    const dir = tempDir();
    let healthy = false;
    const proxy = await faultyProxy((n) => (healthy || n <= 2 ? 'pass' : n === 3 ? 'hang' : 'fail'));
    try {
      await expect(pull(new FactCache(dir), { endpoint: proxy.url, auth, pageSize: 2, retries: 1, backoffMs: 5, timeoutMs: 300 })).rejects.toThrow(
        PullError,
      );
      const cache = new FactCache(dir);
      const partial = await cache.open(`${proxy.url}/`);
      expect(partial.count).toBe(4);
      healthy = true;
      const resumed = await pull(cache, { endpoint: proxy.url, auth, pageSize: 2 });
      const ids: string[] = [];
      for await (const f of cache.facts(resumed.state)) ids.push(f.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(partial.count + resumed.pulled);
      expect(resumed.state.count).toBeGreaterThanOrEqual(10);
    } finally {
      proxy.server.closeAllConnections();
      proxy.server.close();
    }
  });
});
