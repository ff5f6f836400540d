/**
 * LRS benchmark: ingest rate (batches of 1 and 50, 4 concurrent clients on loopback), GET latency
 * p50/p99 by agent, verb, activity and since with N stored statements, and the server's resident
 * memory, for our LRS on SQLite and PostgreSQL and, when LRS_PEER_DIR names a folder holding the
 * peer (npm xapi-statements with its in-memory store), for the peer side by side.
 *
 *   npx tsx test/bench/lrs.ts            quick run (small N)
 *   npx tsx test/bench/lrs.ts --full     1,000,000 stored statements
 *   options: --only sqlite,postgres,peer   --stored N   --pg postgres://…
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FILTERS, ingest, latency, rssMiB, send } from './lrs-load.js';
import { startServerProcess } from './lrs-process.js';
import type { Endpoint } from './lrs-load.js';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const full = flag('full');
const only = (option('only') ?? 'sqlite,postgres,peer').split(',');
const STORED = Number(option('stored') ?? (full ? 1_000_000 : 20_000));
const SINGLE = full ? 20_000 : 2_000;
const BATCHED = full ? 200_000 : 20_000;
const CLIENTS = 4;
const GETS = full ? 500 : 200;
const PG = option('pg') ?? process.env['BOIDUONG_TEST_PG'] ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Server {
  readonly endpoint: Endpoint;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

function stopper(child: ChildProcess, cleanup: () => void = () => undefined): () => Promise<void> {
  return () =>
    new Promise((done) => {
      child.once('exit', () => {
        cleanup();
        done();
      });
      child.kill('SIGTERM');
    });
}

/** Our LRS in its own process (so its memory is measured alone), on a fresh store. */
async function startOurs(store: 'sqlite' | 'postgres'): Promise<Server> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bd-lrs-bench-'));
  const p = await startServerProcess({
    store,
    dataDir,
    ...(store === 'postgres' ? { pg: PG, schema: `bd_bench_${Date.now().toString(36)}`, dropOnExit: true } : {}),
  });
  return {
    endpoint: p.endpoint,
    child: p.child,
    stop: async () => {
      await p.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The peer: Learning Locker's statements service, in-memory models and storage, test auth. */
async function startPeer(dir: string): Promise<Server> {
  const port = 18000 + Math.floor(Math.random() * 1000);
  const logs = mkdtempSync(join(tmpdir(), 'bd-peer-'));
  const child = spawn(process.execPath, [join(dir, 'node_modules', 'xapi-statements', 'dist', 'server.js')], {
    cwd: logs,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      AUTH_REPO: 'test',
      EVENTS_REPO: 'test',
      MODELS_REPO: 'memory',
      STORAGE_REPO: 'memory',
      EXPRESS_PORT: String(port),
      EXPRESS_MORGAN_DIRECTORY: join(logs, 'access'),
      WINSTON_CONSOLE_LEVEL: 'error',
    },
  });
  const endpoint = { base: `http://127.0.0.1:${port}/xAPI`, authorization: `Basic ${Buffer.from('test:test').toString('base64')}` };
  for (let i = 0; i < 100; i++) {
    try {
      if ((await send(endpoint, 'GET', '/about')).status === 200) break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { endpoint, child, stop: stopper(child, () => rmSync(logs, { recursive: true, force: true })) };
}

/** Samples the server's RSS while `work` runs; returns the peak in MiB. */
async function peakRss<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = 0;
  const timer = setInterval(() => {
    rssMiB(pid).then((v) => (peak = Math.max(peak, v)), () => undefined);
  }, 100);
  try {
    const result = await work();
    peak = Math.max(peak, await rssMiB(pid));
    return { result, peak };
  } finally {
    clearInterval(timer);
  }
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function run(name: string, server: Server, seedBatch: number): Promise<void> {
  const pid = server.child.pid!;
  console.log(`\n== ${name} ==`);
  try {
    const one = await peakRss(pid, () => ingest(server.endpoint, SINGLE, 1, CLIENTS));
    console.log(`ingest batch 1   ×${CLIENTS} clients: ${fmt(one.result.perSecond)} statements/s (${fmt(SINGLE)} in ${fmt(one.result.seconds, 1)} s, ${one.result.failures} failed)`);
    const fifty = await peakRss(pid, () => ingest(server.endpoint, BATCHED, 50, CLIENTS, SINGLE));
    console.log(`ingest batch 50  ×${CLIENTS} clients: ${fmt(fifty.result.perSecond)} statements/s (${fmt(BATCHED)} in ${fmt(fifty.result.seconds, 1)} s, ${fifty.result.failures} failed)`);
    const hundred = await peakRss(pid, () => ingest(server.endpoint, BATCHED, 100, CLIENTS, SINGLE + BATCHED));
    console.log(`ingest batch 100 ×${CLIENTS} clients: ${fmt(hundred.result.perSecond)} statements/s`);
    let stored = SINGLE + 2 * BATCHED;
    if (stored < STORED) {
      const seedStart = performance.now();
      await ingest(server.endpoint, STORED - stored, seedBatch, CLIENTS, stored);
      console.log(`seeded to ${fmt(STORED)} statements in ${fmt((performance.now() - seedStart) / 1000, 1)} s`);
      stored = STORED;
    }
    let peak = Math.max(one.peak, fifty.peak, hundred.peak);
    for (const [filter, query] of Object.entries(FILTERS)) {
      const l = await peakRss(pid, () => latency(server.endpoint, GETS, query));
      peak = Math.max(peak, l.peak);
      console.log(`GET by ${filter.padEnd(8)} with ${fmt(stored)} stored: p50 ${fmt(l.result.p50, 1)} ms, p99 ${fmt(l.result.p99, 1)} ms (${GETS} requests, limit 50)`);
    }
    console.log(`peak resident memory of the server: ${fmt(peak)} MiB`);
  } catch (e) {
    console.log(`  ${name} stopped: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  console.log(`LRS benchmark (${full ? 'full' : 'quick'}): ${CLIENTS} clients on loopback, ${fmt(STORED)} statements stored for GETs`);
  const peerDir = process.env['LRS_PEER_DIR'];
  if (only.includes('peer')) {
    if (peerDir) await run('peer: xapi-statements 5.0.1 (in-memory)', await startPeer(peerDir), 100);
    else console.log('\n(peer skipped: set LRS_PEER_DIR to a folder where `npm install xapi-statements@5.0.1` was run)');
  }
  if (only.includes('sqlite')) await run('boiduong LRS on SQLite (WAL, durable commits)', await startOurs('sqlite'), 500);
  if (only.includes('postgres')) await run('boiduong LRS on PostgreSQL', await startOurs('postgres'), 500);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
