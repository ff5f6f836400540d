/**
 * A module on a cheap phone and a slow line: the sample course's first SCO in Chromium with
 * 400 ms latency, 50 KB/s each way, the CPU slowed 4× and the cache off, served over plain HTTP
 * without gzip (many LMSs serve package files that way). Prints, as medians of several runs, when
 * the first content heading is on screen, when the first question can be answered, the layout
 * shift until then, and the bytes per page split by JS, CSS, HTML and data, for this tree and for
 * a baseline built from a git ref in the same run, side by side; then the package size per format.
 *
 *   npm run bench:load                       # baseline: the commit this work started from
 *   BENCH_BASE=<git ref> BENCH_RUNS=7 BENCH_FORMAT=cmi5 npm run bench:load
 *   BENCH_FORMAT=cmi5 BENCH_LAUNCH=lrs npm run bench:load   # launched as an LMS launches an AU
 *
 * The baseline is checked out into a temporary git worktree, built there and removed afterwards;
 * nothing of it is committed. Without an LMS around the page the player runs standalone, which
 * loads the same files as under an LMS. With BENCH_LAUNCH=lrs a cmi5 page is launched against
 * the project's LRS as an LMS launches an AU (LaunchData set, a one-time fetch URL, a new
 * registration each run), its LRS requests on the same slow line: what a trainee waits for.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { randomUUID } from 'node:crypto';
import { extractZip, launchChromium, serve } from '../e2e/harness/index.js';
import { ACTOR } from '../formats/support/flow.js';
import { startProjectLrs, type ProjectLrs } from '../formats/support/lrs.js';
import { median } from './median.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const COURSE = 'content/courses/boi-duong-bi-thu-dang-uy-xa';
const FIRST_MODULE = 'ky-nang-lanh-dao-xu-ly-tinh-huong';
const FORMATS = ['scorm12', 'scorm2004', 'cmi5', 'xapi'] as const;
const BASE = process.env['BENCH_BASE'] ?? '37aec5f';
const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);
/** The package whose first module page is measured (without an LMS around it, every format runs standalone). */
const FORMAT = (process.env['BENCH_FORMAT'] ?? 'scorm12') as (typeof FORMATS)[number];
if (!FORMATS.includes(FORMAT)) throw new Error(`BENCH_FORMAT must be one of ${FORMATS.join(', ')}`);
const LINE = { latency: 400, bytesPerSecond: 50 * 1024, cpuSlowdown: 4 };
const LAUNCH = process.env['BENCH_LAUNCH'] === 'lrs';
if (LAUNCH && FORMAT !== 'cmi5') throw new Error('BENCH_LAUNCH=lrs needs BENCH_FORMAT=cmi5');

interface Build {
  readonly name: string;
  /** The unpacked package of BENCH_FORMAT, served as it is. */
  readonly dir: string;
  readonly zips: Readonly<Record<string, number>>;
}

/** Builds the sample course in every format with the CLI of the tree at `tree`. */
function buildCourse(name: string, tree: string, out: string): Build {
  execFileSync(process.execPath, [path.join(tree, 'build', 'build.mjs')], { cwd: tree, stdio: 'inherit' });
  execFileSync(process.execPath, [path.join(tree, 'bin', 'boiduong.mjs'), 'build', path.join(tree, COURSE), '--format', FORMATS.join(','), '--out', out], {
    cwd: tree,
    stdio: 'ignore',
  });
  const zips: Record<string, number> = {};
  let measured = '';
  for (const f of readdirSync(out)) {
    const format = FORMATS.find((x) => f.endsWith(`-${x}.zip`));
    if (!format) continue;
    zips[format] = statSync(path.join(out, f)).size;
    if (format === FORMAT) measured = path.join(out, f);
  }
  const dir = path.join(out, FORMAT);
  extractZip(readFileSync(measured), dir);
  return { name, dir, zips };
}

interface Run {
  readonly heading: number;
  readonly answerable: number;
  readonly fcp: number;
  /** When the last byte of the page, and of its player script, had arrived. */
  readonly documentEnd: number;
  readonly scriptEnd: number;
  readonly shift: number;
  /** How far the heading moved between first being shown and the question being answerable (px). */
  readonly headingMoved: number;
  readonly bytes: Readonly<Record<Kind, number>>;
}

/** Bytes until the first question is answerable, by kind; `later` is what came after, in the background. */
type Kind = 'html' | 'css' | 'data' | 'js' | 'other' | 'later';

/** Measured inside the page: the frame in which the heading, then the first question's control, is on screen. */
const PROBE = `(() => {
  const m = { heading: -1, answerable: -1, top: 0, topLater: 0, shift: 0 };
  window.__load = m;
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) m.shift += e.value; })
    .observe({ type: 'layout-shift', buffered: true });
  const shown = (el) => el && el.getBoundingClientRect().height > 0;
  const tick = () => {
    const h = document.querySelector('.bd-page-title');
    if (m.heading < 0 && shown(h)) { m.heading = performance.now(); m.top = h.getBoundingClientRect().top; }
    const input = document.querySelector('.bd-page:not([hidden]) .bd-quiz input, .bd-page:not([hidden]) .bd-quiz select, .bd-page:not([hidden]) .bd-quiz textarea');
    if (m.heading >= 0 && m.answerable < 0 && shown(input)) { m.answerable = performance.now(); m.topLater = h.getBoundingClientRect().top; }
    if (m.answerable < 0) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

/** The parts of a module page: its inline stylesheet and its embedded data, the rest is HTML. */
function pageParts(file: string): { css: number; data: number } {
  const text = readFileSync(file, 'utf8');
  const bytes = (s: string | undefined): number => Buffer.byteLength(s ?? '');
  const css = [...text.matchAll(/<style>([\s\S]*?)<\/style>/g)].reduce((n, m) => n + bytes(m[1]), 0);
  const data = bytes(/<script type="application\/json" id="bd-data">([\s\S]*?)<\/script>/.exec(text)?.[1]);
  return { css, data };
}

/** The launch query of a new cmi5 session of the measured module, or '' for a standalone page. */
async function launchQuery(lrs: ProjectLrs | undefined, build: Build): Promise<string> {
  if (!lrs) return '';
  const page = readFileSync(path.join(build.dir, 'modules', FIRST_MODULE, 'index.html'), 'utf8');
  const data = JSON.parse(/<script type="application\/json" id="bd-data">([\s\S]*?)<\/script>/.exec(page)![1]!) as { module: { activityId: string } };
  const { query } = await lrs.prepareCmi5Launch({ actor: ACTOR, registration: randomUUID(), activityId: data.module.activityId, launchMode: 'Normal' });
  return `?${query.toString()}`;
}

async function measure(browser: Browser, build: Build, origin: string, query = ''): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: LINE.latency,
    downloadThroughput: LINE.bytesPerSecond,
    uploadThroughput: LINE.bytesPerSecond,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: LINE.cpuSlowdown });
  const urls = new Map<string, string>();
  const sizes = new Map<string, number>();
  cdp.on('Network.responseReceived', (e) => urls.set(e.requestId, e.response.url));
  cdp.on('Network.loadingFinished', (e) => sizes.set(e.requestId, e.encodedDataLength));
  // Requests that ended before the question was answerable (by the page's own clock).
  const endedBy = (entries: { name: string; responseEnd: number }[], t: number): Set<string> =>
    new Set(entries.filter((e) => e.responseEnd <= t).map((e) => e.name.split('?')[0]!));
  await page.addInitScript(PROBE);
  const launch = `/${build.name}/modules/${FIRST_MODULE}/index.html`;
  await page.goto(origin + launch + query, { waitUntil: 'commit' });
  await page.waitForFunction(() => (window as unknown as { __load: { answerable: number } }).__load.answerable >= 0, undefined, { timeout: 60_000, polling: 100 });
  await page.waitForLoadState('networkidle');
  const m = await page.evaluate(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1;
    const doc = performance.getEntriesByType('navigation')[0] as PerformanceResourceTiming | undefined;
    const script = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((e) => e.name.endsWith('/player/player.js'));
    const resources = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((e) => ({ name: e.name, responseEnd: e.responseEnd }));
    return { resources, documentEnd: doc?.responseEnd ?? -1, scriptEnd: script?.responseEnd ?? -1, ...(window as unknown as { __load: { heading: number; answerable: number; top: number; topLater: number; shift: number } }).__load, fcp };
  });
  await context.close();
  const bytes: Record<Kind, number> = { html: 0, css: 0, data: 0, js: 0, other: 0, later: 0 };
  const early = endedBy(m.resources, m.answerable);
  const parts = pageParts(path.join(build.dir, 'modules', FIRST_MODULE, 'index.html'));
  for (const [id, size] of sizes) {
    // Without its query: a launched page's URL carries the launch parameters.
    const url = (urls.get(id) ?? '').split('?')[0]!;
    if (!url.endsWith('.html') && !early.has(url)) bytes.later += size;
    else if (url.endsWith('.html')) {
      bytes.css += parts.css;
      bytes.data += parts.data;
      bytes.html += size - parts.css - parts.data;
    } else if (url.endsWith('.js')) bytes.js += size;
    else if (url.endsWith('.css')) bytes.css += size;
    else bytes.other += size;
  }
  return { heading: m.heading, answerable: m.answerable, fcp: m.fcp, documentEnd: m.documentEnd, scriptEnd: m.scriptEnd, shift: m.shift, headingMoved: Math.abs(m.topLater - m.top), bytes };
}

const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;
const ms = (n: number): string => `${Math.round(n).toLocaleString('en')} ms`;

const work = mkdtempSync(path.join(os.tmpdir(), 'bd-bench-load-'));
const baseTree = path.join(work, 'base');
try {
  execFileSync('git', ['worktree', 'add', '--detach', baseTree, BASE], { cwd: root, stdio: 'ignore' });
  symlinkSync(realpathSync(path.join(root, 'node_modules')), path.join(baseTree, 'node_modules'));
  const base = buildCourse('base', baseTree, path.join(work, 'out-base'));
  const here = buildCourse('here', root, path.join(work, 'out-here'));
  const server = await serve([
    { prefix: '/base/', dir: base.dir },
    { prefix: '/here/', dir: here.dir },
  ]);
  const browser = await launchChromium();
  const lrs = LAUNCH ? await startProjectLrs() : undefined;
  const runs: Record<string, Run[]> = { base: [], here: [] };
  try {
    for (let i = 0; i < RUNS; i += 1) for (const b of [base, here]) runs[b.name]!.push(await measure(browser, b, server.origin, await launchQuery(lrs, b)));
  } finally {
    await browser.close();
    await server.close();
    await lrs?.close();
  }
  const sum = (r: Run): number => r.bytes.html + r.bytes.css + r.bytes.data + r.bytes.js + r.bytes.other;
  const figures = (name: string) => {
    const r = runs[name]!;
    const pick = (f: (x: Run) => number): number => median(r.map(f));
    return {
      heading: pick((x) => x.heading),
      answerable: pick((x) => x.answerable),
      fcp: pick((x) => x.fcp),
      documentEnd: pick((x) => x.documentEnd),
      scriptEnd: pick((x) => x.scriptEnd),
      shift: pick((x) => x.shift),
      moved: pick((x) => x.headingMoved),
      html: pick((x) => x.bytes.html),
      css: pick((x) => x.bytes.css),
      data: pick((x) => x.bytes.data),
      js: pick((x) => x.bytes.js),
      other: pick((x) => x.bytes.other),
      later: pick((x) => x.bytes.later),
      total: pick(sum),
    };
  };
  const a = figures('base');
  const b = figures('here');
  console.log(`first SCO of ${COURSE} (${FORMAT} package${LAUNCH ? ', launched as an AU against the LRS' : ', standalone'}), 360×740, ${LINE.latency} ms latency, ${LINE.bytesPerSecond / 1024} KB/s each way, CPU ÷${LINE.cpuSlowdown}, no cache, no gzip; median of ${RUNS} runs`);
  console.log('ratio: baseline ÷ this tree (above 1: this tree is faster or smaller)');
  console.log(`${'figure'.padEnd(30)}${`baseline ${BASE}`.padStart(18)}${'this tree'.padStart(14)}${'ratio'.padStart(9)}`);
  const row = (label: string, x: number, y: number, fmt: (n: number) => string): void =>
    console.log(`${label.padEnd(30)}${fmt(x).padStart(18)}${fmt(y).padStart(14)}${(y > 0 ? `${(x / y).toFixed(2)}×` : '—').padStart(9)}`);
  row('first content heading', a.heading, b.heading, ms);
  row('first contentful paint', a.fcp, b.fcp, ms);
  row('  page fully arrived', a.documentEnd, b.documentEnd, ms);
  row('  player.js fully arrived', a.scriptEnd, b.scriptEnd, ms);
  row('first question answerable', a.answerable, b.answerable, ms);
  row('layout shift (CLS) until then', a.shift, b.shift, (n) => n.toFixed(3));
  row('heading moved (px)', a.moved, b.moved, (n) => n.toFixed(0));
  console.log('bytes over the line until the first question is answerable (headers included)');
  row('bytes: HTML', a.html, b.html, kb);
  row('bytes: CSS', a.css, b.css, kb);
  row('bytes: data (module JSON)', a.data, b.data, kb);
  row('bytes: JS', a.js, b.js, kb);
  row('bytes: other', a.other, b.other, kb);
  row('bytes until answerable, total', a.total, b.total, kb);
  row('bytes after, in the background', a.later, b.later, kb);
  console.log('package size per format (zip of the whole course)');
  for (const f of FORMATS) row(`  ${f}`, base.zips[f] ?? 0, here.zips[f] ?? 0, kb);
} finally {
  execFileSync('git', ['worktree', 'remove', '--force', baseTree], { cwd: root, stdio: 'ignore' });
  rmSync(work, { recursive: true, force: true });
}
