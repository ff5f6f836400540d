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
 *            --cpu-prof DIR   our server writes V8 CPU profiles (node --cpu-prof) into DIR
 *            --phases single,many,50,100   only these ingest runs (default all, then the GETs)
 *            --threads   also the CPU of each thread of our server (user/system), per statement
 *            --warm-up N   single statements sent before the timed runs (default 200)
 *            --rounds N   each server N times, fresh, in alternating order, then the medians: the
 *                         rates of a shared machine swing from one minute to the next
 *            --client wrk   the timed runs' load from wrk (Debian's package; lrs-wrk.ts), for
 *                         --seconds S each (default 8, 60 with --full), instead of the
 *                         benchmark's own client in Node, which takes more of the shared cores
 *
 * The clients' CPU (this process: the load and the sampling) is printed beside the server's: on
 * a machine of two cores it takes its share of the cores the server and PostgreSQL need.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FILTERS, ingest, latency, rssMiB } from './lrs-load.js';
import { startServerProcess } from './lrs-process.js';
import { startPeer } from './lrs-peer.js';
import { median } from './median.js';
import { writerApplicationName } from '../../src/lrs/store/postgres/horizon.js';
import { BackendCpu, processCpuSeconds, threadCpuSeconds } from './pg-cpu.js';
import { hasWrk, ingestWithWrk } from './lrs-wrk.js';
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
const WARM_UP = Number(option('warm-up') ?? 200);
const ROUNDS = Math.max(1, Number(option('rounds') ?? 1));
const CLIENT = option('client') ?? 'node';
const SECONDS = Number(option('seconds') ?? (full ? 60 : 8));
const PG = option('pg') ?? process.env['BOIDUONG_TEST_PG'] ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Server {
  readonly endpoint: Endpoint;
  readonly child: ChildProcess;
  /** Application names of its PostgreSQL connections, whose backends' CPU is its own. */
  readonly pgApplications?: readonly string[];
  stop(): Promise<void>;
}

const cpuProf = option('cpu-prof');
const phases = new Set((option('phases') ?? 'single,many,50,100,get').split(','));

// Our server's PostgreSQL connections carry this name, so their backends' CPU can be read.
const PG_APPLICATION = 'bd-bench-lrs';

/** Our LRS in its own process (so its memory is measured alone), on a fresh store. */
async function startOurs(store: 'sqlite' | 'postgres'): Promise<Server> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bd-lrs-bench-'));
  process.env['PGAPPNAME'] = PG_APPLICATION;
  const schema = `bd_bench_${Date.now().toString(36)}`;
  const p = await startServerProcess({
    store,
    dataDir,
    ...(store === 'postgres' ? { pg: PG, schema, dropOnExit: true } : {}),
    ...(cpuProf ? { nodeArgs: ['--cpu-prof', '--cpu-prof-dir', cpuProf] } : {}),
  });
  return {
    endpoint: p.endpoint,
    child: p.child,
    // The writers name their connections themselves (the horizon finds them by it), not PGAPPNAME.
    ...(store === 'postgres' ? { pgApplications: [PG_APPLICATION, writerApplicationName(schema)] } : {}),
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
async function cpuPer<T extends { statements: number }>(pid: number, applications: readonly string[] | undefined, work: () => Promise<T>): Promise<{ result: T; ms: string; cpu: number }> {
  const postgres = applications !== undefined;
  const backends = postgres ? new BackendCpu(PG, applications) : undefined;
  await backends?.start();
  const before = (await processCpuSeconds(pid)) ?? 0;
  const threadsBefore = flag('threads') ? await threadCpuSeconds(pid) : undefined;
  const result = await work();
  if (threadsBefore) {
    for (const [thread, t] of await threadCpuSeconds(pid)) {
      const b = threadsBefore.get(thread) ?? { user: 0, system: 0 };
      const user = ((t.user - b.user) * 1e6) / result.statements, system = ((t.system - b.system) * 1e6) / result.statements;
      if (user + system > 0) console.log(`  thread ${thread}: user ${fmt(user)} µs + system ${fmt(system)} µs per statement`);
    }
  }
  const own = ((await processCpuSeconds(pid)) ?? before) - before;
  const db = backends ? (await backends.stop()).cpuSeconds : 0;
  const msPer = (s: number): number => (s * 1000) / result.statements;
  const per = (s: number): string => fmt(msPer(s), 2);
  return { result, cpu: msPer(own + db), ms: postgres ? `CPU ${per(own + db)} ms/statement (server ${per(own)} + PostgreSQL ${per(db)})` : `CPU ${per(own)} ms/statement` };
}

/** One timed ingest run: statements per second and CPU per statement (ms), by phase. */
type Figures = Map<string, { rate: number; cpu: number }>;

async function run(name: string, server: Server, seedBatch: number): Promise<Figures> {
  const figures: Figures = new Map();
  const pid = server.child.pid!;
  console.log(`\n== ${name} ==`);
  const measured = <T extends { statements: number }>(work: () => Promise<T>) => peakRss(pid, () => cpuPer(pid, server.pgApplications, work));
  try {
    // Untimed: the first requests verify the key (scrypt, about a tenth of a second) and warm the
    // JIT and the connections, costs no client sees again.
    await ingest(server.endpoint, WARM_UP, 1, CLIENTS);
    let stored = WARM_UP;
    let peak = 0;
    const phase = async (key: string, label: string, total: number, batch: number, clients: number): Promise<void> => {
      if (!phases.has(key)) return;
      const before = process.cpuUsage();
      const r = await measured(() => (CLIENT === 'wrk' ? ingestWithWrk(server.endpoint, SECONDS, batch, clients, stored) : ingest(server.endpoint, total, batch, clients, stored)));
      const own = process.cpuUsage(before);
      const x = r.result.result;
      const clientMs = x.clientCpuSeconds !== undefined ? x.clientCpuSeconds * 1000 : (own.user + own.system) / 1000;
      stored += x.statements;
      peak = Math.max(peak, r.peak);
      figures.set(`${label} ×${clients}`, { rate: x.perSecond, cpu: r.result.cpu });
      console.log(`ingest ${label.padEnd(9)} ×${clients} clients: ${fmt(x.perSecond)} statements/s (${fmt(x.statements)} in ${fmt(x.seconds, 1)} s, ${x.failures} failed), ${r.result.ms}; the clients ${fmt(clientMs / x.statements, 2)} ms/statement`);
    };
    await phase('single', 'batch 1', SINGLE, 1, CLIENTS);
    await phase('many', 'batch 1', SINGLE, 1, MANY_CLIENTS);
    await phase('50', 'batch 50', BATCHED, 50, CLIENTS);
    await phase('100', 'batch 100', BATCHED, 100, CLIENTS);
    if (!phases.has('get')) return figures;
    if (stored < STORED) {
      const seedStart = performance.now();
      await ingest(server.endpoint, STORED - stored, seedBatch, CLIENTS, stored);
      console.log(`seeded to ${fmt(STORED)} statements in ${fmt((performance.now() - seedStart) / 1000, 1)} s`);
      stored = STORED;
    }
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
  return figures;
}

/** Each shape's median rate and CPU per server over the rounds, and ours ÷ the peer's per round. */
function summarise(rounds: readonly Map<string, Figures>[]): void {
  console.log(`\n== medians over ${rounds.length} rounds ==`);
  const servers = [...new Set(rounds.flatMap((r) => [...r.keys()]))];
  const shapes = [...new Set(rounds.flatMap((r) => [...r.values()].flatMap((f) => [...f.keys()])))];
  for (const shape of shapes) {
    const parts: string[] = [];
    for (const server of servers) {
      const xs = rounds.map((r) => r.get(server)?.get(shape)).filter((x) => x !== undefined);
      if (xs.length) parts.push(`${server} ${fmt(median(xs.map((x) => x.rate)))}/s, ${fmt(median(xs.map((x) => x.cpu)), 2)} ms`);
    }
    const ratios = rounds.flatMap((r) => {
      const ours = r.get(POSTGRES)?.get(shape), peer = r.get(PEER)?.get(shape);
      return ours && peer ? [ours.rate / peer.rate] : [];
    });
    const ratio = ratios.length ? `; PostgreSQL ÷ peer ${ratios.map((x) => fmt(x, 1)).join(' / ')}×, median ${fmt(median(ratios), 1)}×` : '';
    console.log(`ingest ${shape.padEnd(13)} ${parts.join('; ')}${ratio}`);
  }
}

const PEER = 'peer', SQLITE = 'SQLite', POSTGRES = 'PostgreSQL';

async function main(): Promise<void> {
  if (CLIENT !== 'node' && CLIENT !== 'wrk') throw new Error(`--client is node or wrk, not ${CLIENT}`);
  if (CLIENT === 'wrk' && !hasWrk()) throw new Error('--client wrk: wrk is not on this machine (Debian: apt-get install wrk)');
  const load = CLIENT === 'wrk' ? `wrk, ${SECONDS} s per run` : 'the benchmark’s own client';
  console.log(`LRS benchmark (${full ? 'full' : 'quick'}): ${CLIENTS} clients on loopback (${load}), ${fmt(STORED)} statements stored for GETs`);
  const peerDir = process.env['LRS_PEER_DIR'];
  if (only.includes('peer') && !peerDir) console.log('\n(peer skipped: set LRS_PEER_DIR to a folder where `npm install xapi-statements@5.0.1` was run)');
  const servers: [string, () => Promise<Figures>][] = [];
  if (only.includes('peer') && peerDir) servers.push([PEER, async () => run('peer: xapi-statements 5.0.1 (in-memory)', await startPeer(peerDir), 100)]);
  if (only.includes('sqlite')) servers.push([SQLITE, async () => run('boiduong LRS on SQLite (WAL, durable commits)', await startOurs('sqlite'), 500)]);
  if (only.includes('postgres')) servers.push([POSTGRES, async () => run('boiduong LRS on PostgreSQL', await startOurs('postgres'), 500)]);
  const rounds: Map<string, Figures>[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    if (ROUNDS > 1) console.log(`\n# round ${i + 1} of ${ROUNDS}`);
    // Every other round the other way round, so a machine slowing down or speeding up over the
    // run does not favour whichever server goes first.
    const order = i % 2 === 0 ? servers : [...servers].reverse();
    const round = new Map<string, Figures>();
    for (const [key, go] of order) round.set(key, await go());
    rounds.push(round);
  }
  if (ROUNDS > 1) summarise(rounds);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
