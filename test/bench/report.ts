/**
 * Report benchmark: a province of learners in communes, their statements in the embedded LRS
 * (run as a child process so its memory is its own), then the incremental pull and the report.
 *
 *   npx tsx test/bench/report.ts [--statements 1000000] [--learners 10000] [--communes 200]
 *
 * Prints ingest rate, pull time, report time, a re-pull with nothing new, and this process's
 * peak resident memory during the pull and the report (statements are streamed, not loaded).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadTaxonomy } from '../../src/author/index.js';
import { buildReport, FactCache, pull } from '../../src/report/index.js';
import { send } from './lrs-load.js';
import { startServerProcess } from './lrs-process.js';
import { province, statementsFor } from './report-data.js';

const argv = process.argv.slice(2);
const num = (name: string, fallback: number): number => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const total = num('statements', 1_000_000);
const learnerCount = num('learners', 10_000);
const communes = num('communes', 200);
const perLearner = Math.max(1, Math.round(total / learnerCount));
const repoRoot = resolve(import.meta.dirname, '..', '..');

let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
const mb = (b: number): string => `${(b / 1024 / 1024).toFixed(0)} MB`;
const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

const dir = mkdtempSync(join(tmpdir(), 'bd-bench-report-'));
const server = await startServerProcess({ store: 'sqlite', dataDir: join(dir, 'lrs') });
try {
  const p = province(learnerCount, communes, 5);
  const year = 2026;
  let t0 = Date.now();
  let sent = 0;
  let next = 0;
  const batch = 500;
  const worker = async (): Promise<void> => {
    let buffer: Record<string, unknown>[] = [];
    for (;;) {
      const i = next++;
      if (i < learnerCount) buffer.push(...statementsFor(p, i, perLearner, year));
      if (buffer.length >= batch || (i >= learnerCount && buffer.length > 0)) {
        const r = await send(server.endpoint, 'POST', '/statements', JSON.stringify(buffer));
        if (r.status !== 200) throw new Error(`ingest ${r.status}: ${r.body.slice(0, 300)}`);
        sent += buffer.length;
        buffer = [];
      }
      if (i >= learnerCount) return;
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  const ingestMs = Date.now() - t0;
  process.stdout.write(`ingest: ${sent} statements for ${learnerCount} learners in ${communes} communes: ${secs(ingestMs)} (${Math.round(sent / (ingestMs / 1000))}/s)\n`);

  const cache = new FactCache(join(dir, 'cache'));
  const auth = server.endpoint.authorization;
  peak = process.memoryUsage().rss;
  t0 = Date.now();
  const pulled = await pull(cache, { endpoint: server.endpoint.base, auth, pageSize: 500 });
  const pullMs = Date.now() - t0;
  const pullPeak = peak;
  process.stdout.write(`pull: ${pulled.pulled} statements in ${secs(pullMs)} (${Math.round(pulled.pulled / (pullMs / 1000))}/s), peak RSS ${mb(pullPeak)}\n`);

  const tax = await loadTaxonomy(join(repoRoot, 'content', 'taxonomy'), repoRoot);
  if (!tax.taxonomy) throw new Error('taxonomy');
  peak = process.memoryUsage().rss;
  t0 = Date.now();
  const report = await buildReport(cache.facts(pulled.state), {
    roster: p.learners,
    taxonomy: tax.taxonomy,
    catalogue: p.catalogue,
    period: { from: `${year}-01-01`, to: `${year}-12-31` },
    voided: new Set(pulled.state.voided),
  });
  const reportMs = Date.now() - t0;
  process.stdout.write(
    `report: ${report.learners.length} learners, ${report.byUnit.length} units, ${report.total.compliant} compliant, from ${report.statementsRead} statements in ${secs(reportMs)}, peak RSS ${mb(peak)}\n`,
  );

  t0 = Date.now();
  const again = await pull(cache, { endpoint: server.endpoint.base, auth, pageSize: 500 });
  process.stdout.write(`re-pull with nothing new: ${again.pulled} statements in ${secs(Date.now() - t0)}\n`);
} finally {
  clearInterval(sampler);
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
