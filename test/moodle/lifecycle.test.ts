/**
 * Both SCORM versions in Chromium under an LMS page with Moodle 4.5's API lifecycle (one API
 * object for every SCO of the page, never reset after Terminate; a fresh data model after an exit
 * other than suspend): the trainee finishes module 1, moves on with the LMS's ">" button, passes
 * the test of module 2, leaves, reopens module 1. Everything of both modules must be stored and
 * nothing may regress.
 */
import path from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Course } from '../../src/core/model.js';
import { buildRuntime, launchChromium, repoRoot, servePackage, type ScormVersion, type ServedPackage } from '../e2e/harness/index.js';
import { moodleCalls, moodleHostPage, moodleSco, readStored } from '../e2e/harness/moodle-host.js';
import { readTestCourse } from '../support/course.js';
import { answer, plannedResponse, questionOf } from '../quiz/learner.js';

const FIXTURE = path.join(repoRoot, 'test', 'formats', 'fixtures', 'graded');
const M1 = 'on-tap-hoa-giai';
const M2 = 'kiem-tra-hoa-giai';
const TEST_ROOT = '[data-bd-test="kiem-tra-hoa-giai"]';

let browser: Browser;
let course: Course;
let taxonomy: Awaited<ReturnType<typeof readTestCourse>>['taxonomy'];

beforeAll(async () => {
  buildRuntime();
  ({ course, taxonomy } = await readTestCourse(FIXTURE));
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

const sco = moodleSco;

async function answerAll(frame: Frame, check: boolean): Promise<void> {
  for (const id of await frame.$$eval('fieldset[data-question]', (fs) => fs.map((f) => f.getAttribute('data-question')!))) {
    const q = questionOf(course, id);
    await answer(frame, q, plannedResponse(q, 'right'));
    if (check) await frame.click(`[data-bd-question="${id}"] .bd-actions button`);
  }
}

/** The SCO's frame goes, as when the trainee leaves Moodle's player. */
async function leave(page: Page): Promise<void> {
  await page.evaluate(() => document.getElementById('scorm_object')?.remove());
}

const field = (cmi: Record<string, unknown> | undefined, v12: boolean, name: string): unknown => {
  if (!cmi) return undefined;
  if (v12) {
    const core = cmi['core'] as Record<string, unknown> | undefined;
    if (name === 'status') return core?.['lesson_status'];
    if (name === 'raw') return (core?.['score'] as Record<string, unknown> | undefined)?.['raw'];
    if (name === 'exit') return core?.['exit'];
  } else {
    if (name === 'status') return cmi['completion_status'];
    if (name === 'raw') return (cmi['score'] as Record<string, unknown> | undefined)?.['raw'];
    if (name === 'exit') return cmi['exit'];
  }
  return cmi[name];
};

const interactionCount = (cmi: Record<string, unknown> | undefined): number => {
  const i = cmi?.['interactions'] as Record<string, unknown> | unknown[] | undefined;
  if (!i) return 0;
  const list = Array.isArray(i) ? i : ((i as { childArray?: unknown[] })['childArray'] ?? Object.values(i).filter((x) => typeof x === 'object'));
  return list.filter((x) => x && typeof x === 'object' && (x as { id?: string }).id).length;
};

describe.each<ScormVersion>(['scorm2004', 'scorm12'])('%s under Moodle 4.5 lifecycle', (version) => {
  const v12 = version === 'scorm12';
  let pkg: ServedPackage;
  beforeAll(async () => {
    pkg = await servePackage(course, taxonomy, version);
  }, 120_000);
  afterAll(async () => {
    await pkg?.close();
  });

  it('module 1, Moodle\'s ">" to module 2, leave, reopen module 1: both stored, nothing regressed', async () => {
    const scos = [M1, M2].map((id) => ({ id, launch: pkg.launch(id) }));
    pkg.server.page(`/moodle-${version}-1.html`, moodleHostPage({ version, scos }));
    const page = await browser.newPage();
    await page.goto(`${pkg.server.origin}/moodle-${version}-1.html`);
    const first = await sco(page, M1);
    await answerAll(first, true);
    await first.waitForSelector('.bd-status:not([hidden])');
    await page.click('#nav_next');
    const second = await sco(page, M2);
    await second.click(`${TEST_ROOT} .bd-actions button`);
    await second.waitForSelector('fieldset[data-question]');
    await answerAll(second, false);
    await second.click(`${TEST_ROOT} .bd-actions button`);
    await second.waitForSelector(`${TEST_ROOT} .bd-summary`);
    await leave(page);
    await page.waitForTimeout(300);
    const stored = await readStored(page);
    const calls = await moodleCalls(page);
    const failedWrites = calls.filter((c) => /SetValue|Commit/.test(c.fn) && c.result !== 'true');
    expect(failedWrites, JSON.stringify(failedWrites.slice(0, 3))).toEqual([]);
    expect(field(stored[M1], v12, 'status')).toBe(v12 ? 'completed' : 'completed');
    expect(interactionCount(stored[M1])).toBe(3);
    expect(field(stored[M2], v12, 'status')).toBe(v12 ? 'passed' : 'completed');
    if (!v12) expect(stored[M2]?.['success_status']).toBe('passed');
    expect(Number(field(stored[M2], v12, 'raw'))).toBe(100);
    expect(interactionCount(stored[M2])).toBe(3);
    await page.close();

    // A later visit: Moodle opens module 1 again with what it stored.
    pkg.server.page(`/moodle-${version}-2.html`, moodleHostPage({ version, scos, start: M1, stored }));
    const again = await browser.newPage();
    await again.goto(`${pkg.server.origin}/moodle-${version}-2.html`);
    const reopened = await sco(again, M1);
    expect(await reopened.isHidden('.bd-status')).toBe(false);
    await leave(again);
    await again.waitForTimeout(300);
    const after = await readStored(again);
    expect(field(after[M1], v12, 'status')).toBe('completed');
    expect(interactionCount(after[M1])).toBe(3);
    expect(after[M1]?.['suspend_data']).toBe(stored[M1]?.['suspend_data']);
    expect(Number(field(after[M2], v12, 'raw'))).toBe(100);
    await again.close();
  }, 120_000);
  it('reopening a finished module in a later visit keeps completion, score, interactions and resume state', async () => {
    const scos = [{ id: M2, launch: pkg.launch(M2) }];
    pkg.server.page(`/moodle-${version}-reopen-1.html`, moodleHostPage({ version, scos }));
    const page = await browser.newPage();
    await page.goto(`${pkg.server.origin}/moodle-${version}-reopen-1.html`);
    const frame = await sco(page, M2);
    await frame.click(`${TEST_ROOT} .bd-actions button`);
    await frame.waitForSelector('fieldset[data-question]');
    await answerAll(frame, false);
    await frame.click(`${TEST_ROOT} .bd-actions button`);
    await frame.waitForSelector(`${TEST_ROOT} .bd-summary`);
    await leave(page);
    await page.waitForTimeout(300);
    const stored = await readStored(page);
    await page.close();

    pkg.server.page(`/moodle-${version}-reopen-2.html`, moodleHostPage({ version, scos, stored }));
    const again = await browser.newPage();
    await again.goto(`${pkg.server.origin}/moodle-${version}-reopen-2.html`);
    const reopened = await sco(again, M2);
    await reopened.waitForSelector(".bd-status:not([hidden])");
    await leave(again);
    await again.waitForTimeout(300);
    const after = (await readStored(again))[M2];
    await again.close();
    expect(field(after, v12, 'status')).toBe(field(stored[M2], v12, 'status'));
    if (!v12) expect(after?.['success_status']).toBe('passed');
    expect(Number(field(after, v12, 'raw'))).toBe(100);
    expect(interactionCount(after)).toBe(3);
    expect(after?.['suspend_data']).toBe(stored[M2]?.['suspend_data']);
  }, 120_000);
});
