/**
 * The national benchmark: a "học tập nghị quyết" campaign (34 provinces, their communes, party
 * members studying four modules in evening sittings, as the player sends them; national-load.ts)
 * sent through HAProxy to 1, 2 and 3 LRS nodes on one PostgreSQL, each on a fresh schema.
 * For each size it prints ingest/s and POST latency, GET p50/p99, the largest province's report
 * computed in PostgreSQL (and pulled over xAPI, at sizes where that takes seconds), the
 * resident memory of the report, and CPU and disk per million statements: the nodes' processes
 * and their PostgreSQL backends from /proc, relation sizes from pg_total_relation_size.
 *
 *   npm run bench:national                         60,000 statements, 1, 2 and 3 nodes (a few minutes)
 *   npm run bench:national -- --statements 10000000 --nodes 3
 *   LRS_PEER_DIR=<folder>: first the peer (xapi-statements 5.0.1, in memory) takes the same load,
 *   side by side (ingest and its CPU only)
 *   options: --clients 64 (browsers sending at once)   --pull-up-to 300000   --pg postgres://…
 *            --progress-every 300   seconds between the ingest's progress lines
 *            --writes first    statement writes go to the first node with room, the rest round robin
 *                              (default roundrobin: every request alike; test/lrs/cluster/haproxy.ts)
 *            --report-facts N  after the ingest, copy the province's facts in SQL until its report
 *                              reads N statements (its learners copied in the roster alike), and
 *                              time that report: the report's cost at a size HTTP ingest would
 *                              take hours to reach on this machine
 *            --store-facts N   then copy the other provinces' facts until the store holds N, so
 *                              the province is a small part of a national store; the rollup is
 *                              folded from scratch (timed, with its CPU) before the reports
 *            --reports-on S    only the province's reports (and the late module), on schema S that an
 *                              earlier run with the same --statements and --report-facts grew and
 *                              kept (its processes killed before they dropped it)
 *            --fold-at M       with --store-facts N > M: fold from scratch at M facts, then grow to
 *                              N by copying the other provinces' facts with their rolled-up rows
 *                              (what the fold would give them, without folding N facts here)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { loadTaxonomy } from '../../src/author/index.js';
import type { Learner, Taxonomy } from '../../src/core/index.js';
import { openReportDigest } from '../../src/lrs/index.js';
import { writerApplicationName } from '../../src/lrs/store/postgres/horizon.js';
import { foldRollupUntil, registerReportObjectsIn } from '../../src/lrs/store/postgres/report-rollup.js';
import { buildReport, buildReportFromDigest, FactCache, pull, type ComplianceReport, type ReportInput } from '../../src/report/index.js';
import { startCluster, type Cluster, type WriteBalance } from '../lrs/cluster/index.js';
import { latency, percentile, send, type Endpoint } from './lrs-load.js';
import { CAMPAIGN_COURSE, CAMPAIGN_DAYS, PEAK_HOUR_SHARE, PER_LEARNER, campaign, type Campaign } from './national-load.js';
import { startPeer } from './lrs-peer.js';
import { BackendCpu, processCpuSeconds } from './pg-cpu.js';

const argv = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const STATEMENTS = Number(option('statements') ?? 60_000);
const NODES = (option('nodes') ?? '1,2,3').split(',').map(Number);
const CLIENTS = Number(option('clients') ?? 64);
const WRITES = (option('writes') ?? 'roundrobin') as WriteBalance;
if (WRITES !== 'roundrobin' && WRITES !== 'first') throw new Error(`--writes roundrobin|first, not ${WRITES}`);
const PULL_UP_TO = Number(option('pull-up-to') ?? 300_000);
const REPORT_FACTS = Number(option('report-facts') ?? 0);
const STORE_FACTS = Number(option('store-facts') ?? 0);
const FOLD_AT = Number(option('fold-at') ?? 0);
/** The report's own PostgreSQL connections, so their backends' CPU is told apart. */
const REPORT_APPLICATION = 'bd-bench-report';
const PG = option('pg') ?? process.env['BOIDUONG_TEST_PG'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const APPLICATION = 'bd-bench-national';
const GETS = 200;
const PROGRESS_EVERY_MS = Number(option('progress-every') ?? 300) * 1000;
const repoRoot = resolve(import.meta.dirname, '..', '..');

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mib = (bytes: number): string => `${fmt(bytes / 1024 / 1024)} MiB`;

interface IngestFigures {
  readonly statements: number;
  readonly posts: number;
  readonly seconds: number;
  readonly postP50: number;
  readonly postP99: number;
  readonly failures: number;
}

/** CLIENTS browsers, each taking the next learner and sending its sittings as the player does. */
async function ingestCampaign(endpoint: Endpoint, c: Campaign): Promise<IngestFigures> {
  let next = 0;
  let statements = 0;
  let posts = 0;
  let failures = 0;
  const times: number[] = [];
  const started = performance.now();
  const browser = async (): Promise<void> => {
    for (let i = next++; i < c.learners; i = next++) {
      for (const body of c.posts(i)) {
        const t = performance.now();
        const reply = await send(endpoint, 'POST', '/statements', JSON.stringify(body.length === 1 ? body[0] : body)).catch((e: unknown) => ({ status: 0, body: String(e) }));
        if (posts++ % 10 === 0) times.push(performance.now() - t);
        if (reply.status !== 200) {
          if (failures++ === 0) console.error(`  POST failed: ${reply.status} ${reply.body.slice(0, 200)}`);
        } else statements += body.length;
      }
    }
  };
  // A long run tells, every few minutes, whether the rate holds as the store grows.
  let last = { at: started, statements: 0, samples: 0 };
  const progress = setInterval(() => {
    const now = performance.now();
    const recent = times.slice(last.samples).sort((a, b) => a - b);
    console.log(
      `  … ${fmt((now - started) / 60_000, 1)} min: ${fmt(statements)} statements, ${fmt(((statements - last.statements) * 1000) / (now - last.at))} statements/s ` +
        `over the last ${fmt((now - last.at) / 60_000, 1)} min, POST p50 ${fmt(percentile(recent, 50), 1)} ms`,
    );
    last = { at: now, statements, samples: times.length };
  }, PROGRESS_EVERY_MS).unref();
  await Promise.all(Array.from({ length: CLIENTS }, browser)).finally(() => clearInterval(progress));
  times.sort((a, b) => a - b);
  return { statements, posts, seconds: (performance.now() - started) / 1000, postP50: percentile(times, 50), postP99: percentile(times, 99), failures };
}

// A month's partition (of a table or of an index) counts under its parent.
const PARENT = 'LEFT JOIN pg_inherits i ON i.inhrelid = c.oid LEFT JOIN pg_class p ON p.oid = i.inhparent';
const PARENT_NAME = 'coalesce(p.relname, c.relname)';

/**
 * Sizes per table of the schema, largest first: of its tables with their indexes and TOAST
 * ('r', pg_total_relation_size), or of its indexes alone ('i', pg_relation_size: what random
 * inserts need in memory).
 */
async function schemaSizes(schema: string, kind: 'r' | 'i'): Promise<{ table: string; bytes: number }[]> {
  const size = kind === 'r' ? 'pg_total_relation_size' : 'pg_relation_size';
  const client = new pg.Client({ connectionString: PG });
  await client.connect();
  try {
    const { rows } = await client.query<{ table: string; bytes: string }>(
      `SELECT ${PARENT_NAME} AS table, sum(${size}(c.oid)) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace ${PARENT}
       WHERE n.nspname = $1 AND c.relkind = $2 GROUP BY 1 ORDER BY 2 DESC`,
      [schema, kind],
    );
    return rows.map((r) => ({ table: r.table, bytes: Number(r.bytes) }));
  } finally {
    await client.end();
  }
}

/** Peak resident memory of this process while `work` runs, above what it held before. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number; peakMiB: number }> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
  const started = performance.now();
  try {
    const result = await work();
    return { result, seconds: (performance.now() - started) / 1000, peakMiB: (Math.max(peak, process.memoryUsage().rss) - base) / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}

function reportInput(roster: Learner[], taxonomy: Taxonomy): ReportInput {
  return { roster, taxonomy, catalogue: [CAMPAIGN_COURSE], period: { from: '2026-01-01', to: '2026-12-31' } };
}

async function reportInPostgres(schema: string, input: ReportInput, everyActor = true): Promise<ComplianceReport> {
  const modules = CAMPAIGN_COURSE.modules.map((m) => m.activityId);
  const roster = everyActor ? {} : { roster: input.roster.map((l) => l.id) };
  const digest = await openReportDigest({ connectionString: PG, schema }, { ...input.period, modules, ...roster });
  try {
    return await buildReportFromDigest(digest, input);
  } finally {
    await digest.close();
  }
}

/** A report timed with its peak memory, this process's CPU and its PostgreSQL backends' CPU. */
async function timedReport(schema: string, input: ReportInput, everyActor: boolean): Promise<{ result: ComplianceReport; seconds: number; peakMiB: number; nodeCpu: number; dbCpu: number }> {
  const backends = new BackendCpu(PG, REPORT_APPLICATION);
  await backends.start();
  const cpu0 = process.cpuUsage();
  const app = process.env['PGAPPNAME'];
  process.env['PGAPPNAME'] = REPORT_APPLICATION;
  try {
    const r = await withPeakRss(() => reportInPostgres(schema, input, everyActor));
    const cpu = process.cpuUsage(cpu0);
    return { ...r, nodeCpu: (cpu.user + cpu.system) / 1e6, dbCpu: (await backends.stop()).cpuSeconds };
  } finally {
    if (app === undefined) delete process.env['PGAPPNAME'];
    else process.env['PGAPPNAME'] = app;
  }
}

/**
 * The rollup folded from scratch over every fact (facts copied in SQL keep their old stored
 * times, below the nodes' watermark): time and the backend's CPU, holding the fold's lock so no
 * node folds meanwhile.
 */
async function foldFromScratch(schema: string): Promise<{ facts: number; seconds: number; cpu: number; rollupRows: number }> {
  const client = new pg.Client({ connectionString: PG, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [`boiduong-lrs-rollup:${schema}`]);
    await client.query("TRUNCATE report_rollup, report_rollup_counts; UPDATE report_rollup_state SET watermark = '-infinity'");
    const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const top = (await client.query<{ top: string }>('SELECT max(stored)::text AS top FROM report_facts')).rows[0]!.top;
    const cpu0 = (await processCpuSeconds(pid)) ?? 0;
    const started = performance.now();
    const { facts } = await foldRollupUntil(client as unknown as pg.PoolClient, schema, top);
    const seconds = (performance.now() - started) / 1000;
    const cpu = ((await processCpuSeconds(pid)) ?? cpu0) - cpu0;
    await client.query('ANALYZE report_rollup');
    const rows = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM report_rollup')).rows[0]!.n);
    return { facts, seconds, cpu, rollupRows: rows };
  } finally {
    await client.end();
  }
}

/**
 * Grows the rest of the store to `target` facts in SQL: copies of every other province's facts
 * under new actor ids (…<tag><k>), with seqs moved past every existing one and ids derived from
 * the copied ones, so the province's report runs on a national store. With `rollup`, the store
 * is folded and their rollup rows and day counts are copied alike (ids and seqs moved in the
 * rows' picks and members too): the rows the fold would make of the copied facts.
 */
async function growStore(schema: string, roster: readonly Learner[], target: number, tag: string, rollup: boolean): Promise<number> {
  const client = new pg.Client({ connectionString: PG, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    const ids = roster.map((l) => l.id);
    const count = async (): Promise<number> => Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM report_facts')).rows[0]!.n);
    const total = await count();
    await client.query('CREATE TEMP TABLE other_facts AS SELECT * FROM report_facts WHERE NOT actor = ANY($1)', [ids]);
    if (rollup) {
      await client.query('CREATE TEMP TABLE other_rollup AS SELECT * FROM report_rollup WHERE NOT actor = ANY($1)', [ids]);
      await client.query('CREATE TEMP TABLE other_counts AS SELECT * FROM report_rollup_counts WHERE NOT actor = ANY($1)', [ids]);
    }
    await client.query(`
      CREATE FUNCTION pg_temp.copied(id uuid, suffix text) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$ SELECT md5(id::text || suffix)::uuid $$;
      CREATE FUNCTION pg_temp.moved(p report_pick, shift bigint, suffix text) RETURNS report_pick LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE WHEN p IS NULL THEN NULL ELSE
          ROW(p.k, p.us, p.seq + shift, pg_temp.copied(p.id, suffix), p.verb, p.timestamp_ms, p.mark, p.success, p.completion, p.class, p.class_periods)::report_pick END
      $$`);
    const others = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM other_facts')).rows[0]!.n);
    const copies = Math.max(0, Math.ceil((target - total) / Math.max(1, others)));
    const stride = Number((await client.query<{ top: string }>('SELECT max(seq) AS top FROM report_facts')).rows[0]!.top);
    for (let k = 1; k <= copies; k++) {
      // $1 the seq shift, $2 the actors' and ids' suffix.
      const params = [k * stride, `${tag}${k}`];
      await client.query(
        `INSERT INTO report_facts
         SELECT stored, seq + $1::bigint, pg_temp.copied(id, $2), actor || $2, verb, object, timestamp_ms, vietnam_day,
                mark, success, completion, CASE WHEN voids IS NULL THEN NULL ELSE pg_temp.copied(voids, $2) END, class, class_periods
         FROM other_facts`,
        params,
      );
      if (rollup) {
        await client.query(
          `INSERT INTO report_rollup
           SELECT month, actor || $2, object, vietnam_day, live, voided, member_stored, ARRAY(SELECT m + $1::bigint FROM unnest(member_seq) AS m),
                  pg_temp.moved(first, $1, $2), pg_temp.moved(completes, $1, $2), pg_temp.moved(best, $1, $2), pg_temp.moved(studied, $1, $2)
           FROM other_rollup`,
          params,
        );
        await client.query('INSERT INTO report_rollup_counts SELECT month, actor || $1, vietnam_day, live FROM other_counts', [params[1]]);
      }
      if (rollup || k % 10 === 0 || k === copies) process.stdout.write(`  … ${fmt(total + others * k)} facts in the store${rollup ? ', with their rollup rows' : ''}\n`);
    }
    for (const table of rollup ? ['report_facts', 'report_rollup', 'report_rollup_counts'] : ['report_facts']) await client.query(`ANALYZE ${table}`);
    return await count();
  } finally {
    await client.end();
  }
}

/**
 * A module registered late (a report asks for it after its facts were folded): the object most
 * facts are about among those without rows of their own, registered and timed with its backend's
 * CPU. Its facts move out of the learners' '' rows once (registerReportObjects).
 */
async function lateRegistration(schema: string, given?: readonly string[]): Promise<{ object: string; facts: number; seconds: number; cpu: number }> {
  const client = new pg.Client({ connectionString: PG, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    const { rows } = given
      ? { rows: given.map((object) => ({ object })) }
      : await client.query<{ object: string }>(
          `SELECT object FROM report_facts TABLESAMPLE SYSTEM (0.5) WHERE voids IS NULL AND NOT EXISTS (SELECT 1 FROM report_objects o WHERE o.object = report_facts.object)
            GROUP BY object ORDER BY count(*) DESC LIMIT 1`,
        );
    const objects = rows.map((r) => r.object);
    const object = objects.join(', ');
    const facts = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM report_facts WHERE object = ANY($1)', [objects])).rows[0]!.n);
    const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const cpu0 = (await processCpuSeconds(pid)) ?? 0;
    const started = performance.now();
    await client.query('BEGIN');
    await registerReportObjectsIn(client as unknown as pg.PoolClient, schema, objects);
    await client.query('COMMIT');
    const seconds = (performance.now() - started) / 1000;
    return { object, facts, seconds, cpu: ((await processCpuSeconds(pid)) ?? cpu0) - cpu0 };
  } finally {
    await client.end();
  }
}

async function pulledReport(cluster: Cluster, input: ReportInput): Promise<ComplianceReport> {
  const dir = mkdtempSync(join(tmpdir(), 'bd-national-pull-'));
  try {
    const cache = new FactCache(dir);
    const { state } = await pull(cache, { endpoint: cluster.endpoint, auth: cluster.authorization, pageSize: 500 });
    return await buildReport(cache.facts(state), { ...input, voided: new Set(state.voided) });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The roster with `copies` copies of each learner, as growProvince copies their facts (…~k). */
function grownRoster(roster: readonly Learner[], copies: number): Learner[] {
  const grown = [...roster];
  for (let k = 1; k <= copies; k++) for (const l of roster) grown.push({ ...l, id: `${l.id}~${k}`, line: grown.length + 2 });
  return grown;
}

/**
 * Grows the province to `target` statements in SQL: copies of its learners' facts under new
 * learner ids (dv…~k), and the same copies of its learners in the roster. Only report_facts
 * grows: what the report reads.
 */
async function growProvince(schema: string, roster: Learner[], target: number): Promise<Learner[]> {
  const client = new pg.Client({ connectionString: PG, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    const ids = roster.map((l) => l.id);
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM report_facts WHERE actor = ANY($1)', [ids]);
    const base = Number(rows[0]!.n);
    const copies = Math.max(0, Math.ceil(target / Math.max(1, base)) - 1);
    const { rows: top } = await client.query<{ top: string }>('SELECT max(seq) AS top FROM report_facts');
    const stride = Number(top[0]!.top);
    await client.query('CREATE TEMP TABLE province_facts AS SELECT * FROM report_facts WHERE actor = ANY($1)', [ids]);
    // Ten copies per statement, so a long copy shows its progress.
    for (let from = 1; from <= copies; from += 10) {
      const to = Math.min(copies, from + 9);
      await client.query(
        `INSERT INTO report_facts
         SELECT stored, seq + k * $3::bigint, gen_random_uuid(), actor || '~' || k, verb, object, timestamp_ms, vietnam_day, mark, success, completion, voids, class, class_periods
         FROM province_facts, generate_series($1::int, $2::int) AS k`,
        [from, to, stride],
      );
      if (to % 100 === 0 || to === copies) process.stdout.write(`  … ${fmt(base * (to + 1))} statements\n`);
    }
    await client.query('ANALYZE report_facts');
    const grown = grownRoster(roster, copies);
    process.stdout.write(`  the province now has ${fmt(base * (copies + 1))} statements and ${fmt(grown.length)} learners\n`);
    return grown;
  } finally {
    await client.end();
  }
}

async function runNodes(nodes: number, taxonomy: Taxonomy): Promise<void> {
  const spread = nodes > 1 && WRITES === 'first' ? ', statement writes to the first node with room' : '';
  console.log(`\n== ${nodes} node${nodes > 1 ? 's' : ''} behind HAProxy${spread}, ${fmt(STATEMENTS)} statements, ${CLIENTS} browsers ==`);
  const cluster = await startCluster({ nodes, pg: PG, env: { PGAPPNAME: APPLICATION }, writes: WRITES });
  const c = campaign(STATEMENTS);
  const endpoint: Endpoint = { base: cluster.endpoint, authorization: cluster.authorization };
  try {
    // The writers name their connections themselves (the horizon finds them by it), not PGAPPNAME.
    const backends = new BackendCpu(PG, [APPLICATION, writerApplicationName(cluster.schema)]);
    await backends.start();
    const nodeCpu0 = await Promise.all(cluster.nodes.map(async (n) => (await processCpuSeconds(n.pid!)) ?? 0));
    const ingest = await ingestCampaign(endpoint, c);
    const nodeCpu = (await Promise.all(cluster.nodes.map(async (n, i) => ((await processCpuSeconds(n.pid!)) ?? 0) - nodeCpu0[i]!))).reduce((a, b) => a + b, 0);
    const db = await backends.stop();
    if (nodes > 1) {
      const taken = await cluster.balancer.requests(WRITES === 'first' ? 'writers' : 'nodes');
      console.log(`statement writes taken per node: ${[...taken].map(([n, k]) => `${n} ${fmt(k)}`).join(', ')}`);
    }
    const perMillion = 1_000_000 / ingest.statements;
    console.log(
      `ingest: ${fmt(ingest.statements)} statements in ${fmt(ingest.posts)} POSTs, ${fmt(ingest.seconds, 1)} s: ${fmt(ingest.statements / ingest.seconds)} statements/s; ` +
        `POST p50 ${fmt(ingest.postP50, 1)} ms, p99 ${fmt(ingest.postP99, 1)} ms; ${ingest.failures} failed`,
    );
    console.log(
      `CPU per million statements: LRS nodes ${fmt(nodeCpu * perMillion)} s, PostgreSQL backends ${fmt(db.cpuSeconds * perMillion)} s (${db.backends} backends); ` +
        `WAL ${mib(db.walBytes * perMillion)} per million (server-wide, includes any other work on this PostgreSQL)`,
    );
    const sizes = await schemaSizes(cluster.schema, 'r');
    const total = sizes.reduce((a, s) => a + s.bytes, 0);
    console.log(`disk per million statements: ${mib(total * perMillion)} (${sizes.slice(0, 5).map((s) => `${s.table} ${mib(s.bytes * perMillion)}`).join(', ')})`);
    const indexes = await schemaSizes(cluster.schema, 'i');
    console.log(`  of which indexes: ${indexes.slice(0, 6).map((s) => `${s.table} ${mib(s.bytes * perMillion)}`).join(', ')}`);

    const learner = (i: number): string => encodeURIComponent(JSON.stringify({ account: { homePage: 'https://daotao.example.vn', name: `dv${String(i).padStart(8, '0')}` } }));
    const queries: Record<string, (i: number) => string> = {
      agent: (i) => `agent=${learner((i * 7919) % c.learners)}&limit=50`,
      activity: (i) => `activity=${encodeURIComponent(CAMPAIGN_COURSE.modules[i % 4]!.activityId)}&limit=50`,
      verb: () => `verb=${encodeURIComponent('http://adlnet.gov/expapi/verbs/passed')}&limit=50`,
      since: () => `since=${encodeURIComponent(new Date(Date.now() - 60_000).toISOString())}&limit=50`,
    };
    for (const [name, q] of Object.entries(queries)) {
      const l = await latency(endpoint, GETS, q);
      console.log(`GET by ${name.padEnd(8)}: p50 ${fmt(l.p50, 1)} ms, p99 ${fmt(l.p99, 1)} ms (${GETS} requests, limit 50)`);
    }

    const roster = c.roster(0);
    const input = reportInput(roster, taxonomy);
    // The first report registers the campaign's modules, moving their facts folded so far out of
    // the learners' '' rows: timed apart, as a store whose modules were registered before the
    // campaign never pays it.
    const registered = await lateRegistration(cluster.schema, CAMPAIGN_COURSE.modules.map((m) => m.activityId));
    console.log(`the campaign's 4 modules registered for reports after the ingest (${fmt(registered.facts)} facts about them): ${fmt(registered.seconds, 1)} s, ${fmt(registered.cpu, 1)} s of PostgreSQL CPU`);
    if (ingest.statements > PULL_UP_TO) {
      for (const label of ['its roster only', 'its roster only, again']) {
        const r = await timedReport(cluster.schema, input, false);
        console.log(
          `report of the largest province (${fmt(roster.length)} learners, ${label}) in PostgreSQL: ${fmt(r.seconds, 1)} s, peak memory +${fmt(r.peakMiB)} MiB, ` +
            `CPU: report ${fmt(r.nodeCpu, 1)} s, PostgreSQL ${fmt(r.dbCpu, 1)} s`,
        );
      }
    }
    const inPg = await withPeakRss(() => reportInPostgres(cluster.schema, input));
    console.log(
      `report of the largest province (${fmt(roster.length)} learners, every actor in the store listed) computed in PostgreSQL: ${fmt(inPg.seconds, 2)} s, ` +
        `peak memory +${fmt(inPg.peakMiB)} MiB; ${fmt(inPg.result.statementsRead)} statements in the store, ${fmt(inPg.result.total.certificates)} certificates`,
    );
    if (ingest.statements <= PULL_UP_TO) {
      const pulled = await withPeakRss(() => pulledReport(cluster, input));
      const same = JSON.stringify({ ...pulled.result, generatedAt: '' }) === JSON.stringify({ ...inPg.result, generatedAt: '' });
      console.log(`the same report pulled over xAPI: ${fmt(pulled.seconds, 2)} s, peak memory +${fmt(pulled.peakMiB)} MiB; ${same ? 'identical' : 'DIFFERENT'} reports`);
    }
    if ((REPORT_FACTS > 0 || STORE_FACTS > 0) && nodes === NODES.at(-1)) {
      let grown = roster;
      if (REPORT_FACTS > 0) {
        console.log(`growing the largest province to ${fmt(REPORT_FACTS)} statements in SQL …`);
        grown = await growProvince(cluster.schema, roster, REPORT_FACTS);
      }
      const foldAt = FOLD_AT > 0 && FOLD_AT < STORE_FACTS ? FOLD_AT : STORE_FACTS;
      if (foldAt > 0) {
        console.log(`growing the other provinces until the store holds ${fmt(foldAt)} facts in SQL …`);
        console.log(`  the store now holds ${fmt(await growStore(cluster.schema, grown, foldAt, '~s', false))} facts`);
      }
      const fold = await foldFromScratch(cluster.schema);
      console.log(
        `rollup folded from scratch: ${fmt(fold.facts)} facts in ${fmt(fold.seconds, 1)} s, ${fmt(fold.cpu, 1)} s of PostgreSQL CPU ` +
          `(${fmt((fold.cpu * 1e6) / Math.max(1, fold.facts), 1)} µs per fact), ${fmt(fold.rollupRows)} rollup rows`,
      );
      if (foldAt < STORE_FACTS) {
        console.log(`growing the other provinces, facts and rollup rows, until the store holds ${fmt(STORE_FACTS)} facts in SQL …`);
        console.log(`  the store now holds ${fmt(await growStore(cluster.schema, grown, STORE_FACTS, '~t', true))} facts`);
      }
      const sizesAfter = await schemaSizes(cluster.schema, 'r');
      const size = (t: string): string => mib(sizesAfter.find((s) => s.table === t)?.bytes ?? 0);
      console.log(`  report_facts ${size('report_facts')}, report_rollup ${size('report_rollup')}, report_rollup_counts ${size('report_rollup_counts')}`);
      await provinceReports(cluster.schema, grown, taxonomy);
    }
  } finally {
    await cluster.stop();
  }
}

/** The peer under the same campaign, for the side-by-side ingest figure. */
async function runPeer(dir: string): Promise<void> {
  console.log(`\n== peer: xapi-statements 5.0.1 (in memory), ${fmt(STATEMENTS)} statements, ${CLIENTS} browsers ==`);
  const peer = await startPeer(dir);
  try {
    const cpu0 = (await processCpuSeconds(peer.child.pid!)) ?? 0;
    const ingest = await ingestCampaign(peer.endpoint, campaign(STATEMENTS));
    const cpu = ((await processCpuSeconds(peer.child.pid!)) ?? cpu0) - cpu0;
    console.log(
      `ingest: ${fmt(ingest.statements)} statements in ${fmt(ingest.posts)} POSTs, ${fmt(ingest.seconds, 1)} s: ${fmt(ingest.statements / ingest.seconds)} statements/s; ` +
        `POST p50 ${fmt(ingest.postP50, 1)} ms, p99 ${fmt(ingest.postP99, 1)} ms; ${ingest.failures} failed; CPU ${fmt((cpu * 1_000_000) / ingest.statements)} s per million`,
    );
  } finally {
    await peer.stop();
  }
}

/** The grown province's report, timed: on its roster twice, then with every actor listed; then a module registered late. */
async function provinceReports(schema: string, grown: Learner[], taxonomy: Taxonomy): Promise<void> {
  // The roster's report twice: first as the fold left the cache, then again with its pages read.
  for (const [everyActor, label] of [[false, 'its roster only'], [false, 'its roster only, again'], [true, 'every actor in the store listed']] as const) {
    const big = await timedReport(schema, reportInput(grown, taxonomy), everyActor);
    console.log(
      `report of the province (${fmt(grown.length)} learners, ${label}) in PostgreSQL: ` +
        `${fmt(big.seconds, 1)} s, peak memory +${fmt(big.peakMiB)} MiB, CPU: report ${fmt(big.nodeCpu, 1)} s, PostgreSQL ${fmt(big.dbCpu, 1)} s; ` +
        `${fmt(big.result.statementsRead)} statements read, ${fmt(big.result.unknownActors.length)} actors not on the roster listed, ${fmt(big.result.total.certificates)} certificates`,
    );
  }
  const late = await lateRegistration(schema);
  console.log(
    `a module registered late (${late.object}, ${fmt(late.facts)} facts about it): ${fmt(late.seconds, 1)} s, ${fmt(late.cpu, 1)} s of PostgreSQL CPU`,
  );
}

/**
 * `--reports-on <schema>`: the province's reports on a store a run grown earlier and kept (its
 * nodes stopped before they could drop it): the roster grown as that run grew it, from the
 * province's facts and --report-facts.
 */
async function reportsOnKeptStore(schema: string, taxonomy: Taxonomy): Promise<void> {
  const roster = campaign(STATEMENTS).roster(0);
  const client = new pg.Client({ connectionString: PG, options: `-c search_path=${schema}` });
  await client.connect();
  let base: number;
  try {
    const { rows } = await client.query<{ n: string }>('SELECT sum(live) AS n FROM report_rollup_counts WHERE actor = ANY($1)', [roster.map((l) => l.id)]);
    base = Number(rows[0]!.n);
  } finally {
    await client.end();
  }
  const grown = grownRoster(roster, Math.max(0, Math.ceil(REPORT_FACTS / Math.max(1, base)) - 1));
  console.log(`\n== the province's reports on the kept store ${schema}: ${fmt(grown.length)} learners ==`);
  await provinceReports(schema, grown, taxonomy);
}

async function main(): Promise<void> {
  const tax = await loadTaxonomy(join(repoRoot, 'content', 'taxonomy'), repoRoot);
  if (!tax.taxonomy) throw new Error('the taxonomy of content/ does not read');
  const c = campaign(STATEMENTS);
  console.log(
    `National benchmark: a campaign of ${fmt(c.learners)} learners in 34 provinces × ~${PER_LEARNER} statements, over ${CAMPAIGN_DAYS} days, ` +
      `${fmt(PEAK_HOUR_SHARE * 100)} % of a day's statements in its busiest evening hour`,
  );
  const kept = option('reports-on');
  if (kept) return reportsOnKeptStore(kept, tax.taxonomy);
  const peerDir = process.env['LRS_PEER_DIR'];
  if (peerDir) await runPeer(peerDir);
  for (const n of NODES) await runNodes(n, tax.taxonomy);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
