/**
 * LRS benchmark: ingest rate and CPU per statement (batches of 1 with 4 and 32 clients, of 50
 * and 100 with 4, on loopback), GET latency
 * p50/p99 by agent, verb, activity and since with N stored statements, and the server's resident
 * memory, for our LRS on SQLite and PostgreSQL and, when LRS_PEER_DIR names a folder holding the
 * peer (npm xapi-statements with its in-memory store), for the peer side by side.
 *
 *   npx tsx test/bench/lrs.ts            quick run (small N)
 *   npx tsx test/bench/lrs.ts --full     1,000,000 stored statements
 *   options: --only sqlite,postgres,peer   --stored N   --pg postgres://…
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FILTERS, ingest, latency, rssMiB } from './lrs-load.js';
import { startServerProcess } from './lrs-process.js';
import { startPeer } from './lrs-peer.js';
import { BackendCpu, processCpuSeconds } from './pg-cpu.js';
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
/** Many browsers each sending its statements one by one, as at the evening peak. */
const MANY_CLIENTS = 32;
const GETS = full ? 500 : 200;
const PG = option('pg') ?? process.env['BOIDUONG_TEST_PG'] ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Server {
  readonly endpoint: Endpoint;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

// Our server's PostgreSQL connections carry this name, so their backends' CPU can be read.
const PG_APPLICATION = 'bd-bench-lrs';

/** Our LRS in its own process (so its memory is measured alone), on a fresh store. */
async function startOurs(store: 'sqlite' | 'postgres'): Promise<Server> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bd-lrs-bench-'));
  process.env['PGAPPNAME'] = PG_APPLICATION;
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

/**
 * CPU the server spent per statement during `work` (its process, and its PostgreSQL backends when
 * it has any): on a shared machine the rate swings with the neighbours, the CPU cost does not.
 */
async function cpuPer<T extends { statements: number }>(pid: number, postgres: boolean, work: () => Promise<T>): Promise<{ result: T; ms: string }> {
  const backends = postgres ? new BackendCpu(PG, PG_APPLICATION) : undefined;
  await backends?.start();
  const before = (await processCpuSeconds(pid)) ?? 0;
  const result = await work();
  const own = ((await processCpuSeconds(pid)) ?? before) - before;
  const db = backends ? (await backends.stop()).cpuSeconds : 0;
  const per = (s: number): string => fmt((s * 1000) / result.statements, 2);
  return { result, ms: postgres ? `CPU ${per(own + db)} ms/statement (server ${per(own)} + PostgreSQL ${per(db)})` : `CPU ${per(own)} ms/statement` };
}

async function run(name: string, server: Server, seedBatch: number, postgres = false): Promise<void> {
  const pid = server.child.pid!;
  console.log(`\n== ${name} ==`);
  const measured = <T extends { statements: number }>(work: () => Promise<T>) => peakRss(pid, () => cpuPer(pid, postgres, work));
  try {
    const one = await measured(() => ingest(server.endpoint, SINGLE, 1, CLIENTS));
    console.log(`ingest batch 1   ×${CLIENTS} clients: ${fmt(one.result.result.perSecond)} statements/s (${fmt(SINGLE)} in ${fmt(one.result.result.seconds, 1)} s, ${one.result.result.failures} failed), ${one.result.ms}`);
    const many = await measured(() => ingest(server.endpoint, SINGLE, 1, MANY_CLIENTS, SINGLE));
    console.log(`ingest batch 1   ×${MANY_CLIENTS} clients: ${fmt(many.result.result.perSecond)} statements/s (${many.result.result.failures} failed), ${many.result.ms}`);
    const fifty = await measured(() => ingest(server.endpoint, BATCHED, 50, CLIENTS, 2 * SINGLE));
    console.log(`ingest batch 50  ×${CLIENTS} clients: ${fmt(fifty.result.result.perSecond)} statements/s (${fmt(BATCHED)} in ${fmt(fifty.result.result.seconds, 1)} s, ${fifty.result.result.failures} failed), ${fifty.result.ms}`);
    const hundred = await measured(() => ingest(server.endpoint, BATCHED, 100, CLIENTS, 2 * SINGLE + BATCHED));
    console.log(`ingest batch 100 ×${CLIENTS} clients: ${fmt(hundred.result.result.perSecond)} statements/s, ${hundred.result.ms}`);
    let stored = 2 * SINGLE + 2 * BATCHED;
    if (stored < STORED) {
      const seedStart = performance.now();
      await ingest(server.endpoint, STORED - stored, seedBatch, CLIENTS, stored);
      console.log(`seeded to ${fmt(STORED)} statements in ${fmt((performance.now() - seedStart) / 1000, 1)} s`);
      stored = STORED;
    }
    let peak = Math.max(one.peak, many.peak, fifty.peak, hundred.peak);
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
  if (only.includes('postgres')) await run('boiduong LRS on PostgreSQL', await startOurs('postgres'), 500, true);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
