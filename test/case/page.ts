/**
 * A page that mounts the case player alone, for browser tests of the component: the bundle is
 * built from src/runtime/case with esbuild; the context keeps state in localStorage (as the
 * player keeps suspend_data) and collects what the case records and reports.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import type { CaseStudy } from '../../src/core/case/model.js';
import type { AssessmentOutcome, InteractionRecord } from '../../src/core/tracking.js';

export const ORIGIN = 'http://case.test';

export async function caseBundle(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('../../src/runtime/case/index.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    globalName: 'BdCase',
    platform: 'browser',
    target: 'es2020',
    write: false,
  });
  return result.outputFiles[0]!.text;
}


export interface PageOptions {
  readonly cases: readonly CaseStudy[];
  readonly mode?: 'normal' | 'browse' | 'review';
  readonly lang?: 'vi' | 'en';
  /** Characters the resume state may take, as an LMS limits suspend_data; unlimited without. */
  readonly stateLimit?: number;
}

function pageHtml(bundle: string, opts: PageOptions): string {
  const data = {
    course: { id: 'khoa', title: 'Khóa', activityId: 'https://daotao.example.gov.vn/xapi/courses/khoa', version: '1.0.0' },
    module: { id: 'tiep-dan', title: 'Tiếp dân', pass: 5, activityId: 'https://daotao.example.gov.vn/xapi/courses/khoa/modules/tiep-dan' },
    cases: opts.cases,
    gradeBands: [
      { id: 'xuat-sac', name: { vi: 'Xuất sắc', en: 'Excellent' }, min: 9, passing: true },
      { id: 'gioi', name: { vi: 'Giỏi', en: 'Very good' }, min: 8, passing: true },
      { id: 'kha', name: { vi: 'Khá', en: 'Good' }, min: 7, passing: true },
      { id: 'trung-binh', name: { vi: 'Trung bình', en: 'Average' }, min: 5, passing: true },
      { id: 'khong-dat', name: { vi: 'Không đạt', en: 'Fail' }, min: 0, passing: false },
    ],
  };
  const lang = opts.lang ?? 'vi';
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Tình huống</title></head>
<body><main><h1>Tiếp dân</h1><h2>Tình huống</h2><div id="case" data-bd-case="${opts.cases[0]!.id}"></div></main>
<div id="live" role="status" aria-live="polite"></div>
<script>${bundle}</script>
<script>
const data = ${JSON.stringify(data)};
window.records = []; window.outcomes = []; window.announced = [];
const stored = JSON.parse(localStorage.getItem('bd-case') || '{}');
const ctx = {
  lang: ${JSON.stringify(lang)}, data, mode: ${JSON.stringify(opts.mode ?? 'normal')},
  pick: (vi, en) => (${JSON.stringify(lang)} === 'en' ? en : vi),
  loadState: (key) => stored[key],
  saveState: (key, value) => { stored[key] = value; localStorage.setItem('bd-case', JSON.stringify(stored)); },
  ${opts.stateLimit === undefined ? '' : `fitsState: (key, value) => JSON.stringify({ ...stored, [key]: value }).length <= ${opts.stateLimit},`}
  record: (i) => window.records.push(i),
  reportOutcome: (o) => window.outcomes.push(o),
  announce: (m) => { window.announced.push(m); document.getElementById('live').textContent = m; },
  now: () => Date.now(),
};
const el = document.getElementById('case');
BdCase.mountCase(el, el.dataset.bdCase, ctx);
</script></body></html>`;
}

/** Serve the page at ORIGIN (a real origin, so localStorage survives reloads) and open it. */
export async function openCase(page: Page, bundle: string, opts: PageOptions): Promise<void> {
  const html = pageHtml(bundle, opts);
  await page.unroute(`${ORIGIN}/**`).catch(() => undefined);
  await page.route(`${ORIGIN}/**`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  await page.goto(`${ORIGIN}/`);
}

export async function collected(page: Page): Promise<{ records: InteractionRecord[]; outcomes: AssessmentOutcome[]; announced: string[] }> {
  return page.evaluate(() => {
    const w = window as unknown as { records: InteractionRecord[]; outcomes: AssessmentOutcome[]; announced: string[] };
    return { records: w.records, outcomes: w.outcomes, announced: w.announced };
  });
}

export async function storedState(page: Page): Promise<string> {
  return page.evaluate(() => localStorage.getItem('bd-case') ?? '');
}
