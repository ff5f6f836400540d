/**
 * A graded test in real SCORM 1.2 and SCORM 2004 packages under scorm-again in Chromium: the
 * learner starts, answers half, closes the window, relaunches and finds the same questions in
 * the same order with their answers, finishes with some answers wrong and submits. We check the
 * score, status, grade band and every interaction as scorm-again recorded them, and run axe.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Frame, Page } from 'playwright-core';
import type { Course } from '../../src/core/model.js';
import type { Taxonomy } from '../../src/core/taxonomy.js';
import type { Question } from '../../src/core/quiz/model.js';
import type { Response } from '../../src/core/quiz/response.js';
import { interactionRecord } from '../../src/core/quiz/interaction.js';
import { scoreAttempt } from '../../src/core/quiz/scoring.js';
import {
  buildRuntime,
  closeSco,
  hostPage,
  launchChromium,
  nextLaunchCmi12,
  readCmi,
  repoRoot,
  scoFrame,
  servePackage,
  type ScormVersion,
  type ServedPackage,
} from '../e2e/harness/index.js';
import { sampleCourse } from '../formats/course.js';
import { axeViolations } from '../support/axe.js';
import { answer, plannedResponse, questionOf, type Intent } from './learner.js';

const FIXTURE = path.join(repoRoot, 'test', 'quiz', 'fixtures', 'course');
const TEST_ID = 'kiem-tra-cuoi';
/** Kinds this learner gets wrong on purpose; the rest are answered right. */
const WRONG = new Set(['multiple', 'numeric', 'ordering']);

let browser: Browser;
let course: Course;
let taxonomy: Taxonomy;

beforeAll(async () => {
  buildRuntime();
  ({ course, taxonomy } = await sampleCourse(FIXTURE));
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

const question = (id: string): Question => questionOf(course, id);

async function open(pkg: ServedPackage, version: ScormVersion, host: string, cmi?: Record<string, unknown>): Promise<{ page: Page; frame: Frame }> {
  pkg.server.page(host, hostPage({ version, launch: pkg.launch('kiem-tra'), ...(cmi ? { cmi } : {}) }));
  const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
  await page.goto(pkg.server.origin + host);
  const frame = await scoFrame(page);
  await frame.waitForSelector(`[data-bd-test="${TEST_ID}"] h3`);
  return { page, frame };
}

/** Waits for `selector`; on timeout fails with what the quiz showed instead, to tell a hang from a wrong screen. */
async function waitFor(frame: Frame, selector: string): Promise<void> {
  try {
    await frame.waitForSelector(selector, { timeout: 20_000 });
  } catch (e) {
    const html = await frame.$eval('.bd-quiz', (el) => el.outerHTML.slice(0, 1500)).catch(() => '(no quiz)');
    throw new Error(`${selector} did not appear; the quiz showed: ${html}`, { cause: e });
  }
}

async function drawnIds(frame: Frame): Promise<string[]> {
  return frame.$$eval('fieldset[data-question]', (fs) => fs.map((f) => f.getAttribute('data-question')!));
}

/** What the page shows for each question: checked choices, typed text, selects, step order. */
async function shown(frame: Frame): Promise<string[]> {
  return frame.$$eval('fieldset[data-question]', (fs) =>
    fs.map((f) => {
      const checked = [...f.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value).join('');
      const typed = [...f.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input[type=text], textarea')].map((i) => i.value).join('');
      const selects = [...f.querySelectorAll<HTMLSelectElement>('select')].map((s) => s.value).join('');
      const steps = [...f.querySelectorAll('li[data-step]')].map((li) => li.getAttribute('data-step')).join('');
      return `${checked}|${typed}|${selects}|${steps}`;
    }),
  );
}

/** The CMI an LMS hands back on the next launch of a suspended SCORM 2004 attempt. */
function nextLaunchCmi2004(previous: Record<string, unknown>): Record<string, unknown> {
  const next: Record<string, unknown> = { ...previous, entry: previous['exit'] === 'suspend' ? 'resume' : '' };
  delete next['session_time'];
  delete next['exit'];
  delete next['total_time'];
  return next;
}

type Cmi = Record<string, unknown>;
const list = (o: unknown): Record<string, unknown>[] =>
  Array.isArray(o) ? (o as Record<string, unknown>[]) : Object.values((o ?? {}) as Record<string, Record<string, unknown>>);

describe.each<ScormVersion>(['scorm12', 'scorm2004'])('graded test in a %s package under scorm-again', (version) => {
  let pkg: ServedPackage;
  beforeAll(async () => {
    pkg = await servePackage(course, taxonomy, version);
  }, 60_000);
  afterAll(async () => {
    await pkg?.close();
  });

  it('keeps the draw and answers across a relaunch, then records score, status, band and interactions', async () => {
    // Session 1: start, answer the first half, close the window.
    const first = await open(pkg, version, '/lms-1.html');
    await first.frame.click(`[data-bd-test="${TEST_ID}"] .bd-actions button`);
    await waitFor(first.frame, 'fieldset[data-question]');
    const ids = await drawnIds(first.frame);
    expect([...ids].sort()).toEqual(course.modules[0]!.questions.map((q) => q.id).sort());
    const plan = new Map<string, Response>();
    for (const id of ids) {
      const q = question(id);
      plan.set(id, plannedResponse(q, (WRONG.has(q.kind) ? 'wrong' : 'right') satisfies Intent));
    }
    const half = Math.ceil(ids.length / 2);
    for (const id of ids.slice(0, half)) await answer(first.frame, question(id), plan.get(id)!);
    const before = await shown(first.frame);
    await closeSco(first.page);
    const cmi1 = await readCmi(first.page);
    await first.page.close();
    const suspend = String(cmi1['suspend_data']);
    expect(suspend.length).toBeLessThan(4096);

    // Session 2: the same questions, in the same order, with the answers given.
    const next = version === 'scorm12' ? nextLaunchCmi12(cmi1) : nextLaunchCmi2004(cmi1);
    const second = await open(pkg, version, '/lms-2.html', next);
    await waitFor(second.frame, 'fieldset[data-question]');
    expect(await drawnIds(second.frame)).toEqual(ids);
    expect(await shown(second.frame)).toEqual(before);
    for (const id of ids.slice(half)) await answer(second.frame, question(id), plan.get(id)!);

    // Usable at 360 px and clean for axe with every control on the page.
    expect(await second.frame.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    const axe = await axeViolations(second.frame, '.bd-quiz');
    expect(axe).toEqual([]);

    await second.frame.click(`[data-bd-test="${TEST_ID}"] .bd-actions button`);
    await waitFor(second.frame, '.bd-summary');
    // Focus moves to the result so a screen reader reads it first.
    expect(await second.frame.evaluate(() => document.activeElement?.tagName)).toBe('H3');

    const questions = ids.map(question);
    const responses = ids.map((id) => plan.get(id));
    const want = scoreAttempt(questions, responses, 5, taxonomy.gradeBands);
    expect(want.passed).toBe(true);
    const summary = await second.frame.$eval('.bd-summary', (e) => ({ mark: e.getAttribute('data-mark'), band: e.getAttribute('data-band'), text: e.textContent }));
    expect(summary.mark).toBe(String(want.mark));
    expect(summary.band).toBe(want.gradeBand!.id);
    expect(summary.text).toContain(want.gradeBand!.name['vi']!);
    // Under SCORM the LMS shows the mark as a percentage: the learner reads both.
    expect(summary.text).toContain(`/10 (${new Intl.NumberFormat('vi', { maximumFractionDigits: 2 }).format(want.mark * 10)} %)`);

    const axeAfter = await axeViolations(second.frame, '.bd-quiz');
    expect(axeAfter).toEqual([]);

    const cmi: Cmi = await readCmi(second.page);
    const records = questions.map((q, i) => interactionRecord(q, responses[i], { id: `${TEST_ID}.${q.id}`, activityId: '', latencyMs: 0, timestamp: new Date().toISOString() }));
    const got = list(cmi['interactions']);
    if (version === 'scorm12') {
      const core = cmi['core'] as Record<string, unknown>;
      const score = core['score'] as Record<string, string>;
      expect(score).toMatchObject({ raw: String(want.percent), min: '0', max: '100' });
      expect(core['lesson_status']).toBe('passed');
      expect(got).toHaveLength(records.length);
      records.forEach((rec, i) => {
        const g = got[i]!;
        expect(g, rec.id).toMatchObject({
          id: rec.id,
          type: rec.scorm12.type,
          student_response: rec.scorm12.studentResponse,
          result: rec.result === 'incorrect' ? 'wrong' : rec.result,
          weighting: String(rec.weighting),
        });
        expect(list(g['correct_responses']).map((p) => p['pattern'])).toEqual(rec.scorm12.correctPatterns);
        expect(String(g['latency'])).toMatch(/^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/);
      });
    } else {
      const score = cmi['score'] as Record<string, string>;
      expect(Number(score['scaled'])).toBeCloseTo(want.scaled, 4);
      expect(cmi['success_status']).toBe('passed');
      expect(cmi['completion_status']).toBe('completed');
      expect(got).toHaveLength(records.length);
      records.forEach((rec, i) => {
        const g = got[i]!;
        expect(g, rec.id).toMatchObject({
          id: rec.id,
          type: rec.type,
          learner_response: rec.scorm2004.learnerResponse,
          result: rec.result,
          weighting: String(rec.weighting),
          description: `{lang=vi}${rec.description['vi']}`,
        });
        expect(list(g['correct_responses']).map((p) => p['pattern'])).toEqual(rec.scorm2004.correctPatterns);
        expect(String(g['timestamp'])).toMatch(/^\d{4}-\d{2}-\d{2}T/);
        expect(String(g['latency'])).toMatch(/^P/);
      });
    }
    await second.page.close();
  }, 120_000);
});

describe('knowledge check and time limit in a SCORM 1.2 package', () => {
  let pkg: ServedPackage;
  beforeAll(async () => {
    pkg = await servePackage(course, taxonomy, 'scorm12');
  }, 60_000);
  afterAll(async () => {
    await pkg?.close();
  });

  it('a knowledge check answered with the keyboard: feedback gets focus, the answer is recorded ungraded', async () => {
    pkg.server.page('/kc.html', hostPage({ version: 'scorm12', launch: pkg.launch('on-tap') }));
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`${pkg.server.origin}/kc.html`);
    const frame = await scoFrame(page);
    const root = 'fieldset[data-question="chuan-bi"]';
    await frame.waitForSelector(root);
    // Keyboard only: focus the first option, arrow to the third (a wrong one), tab to "Kiểm tra", Enter.
    await frame.focus(`${root} input[value="a"]`);
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    expect(await frame.evaluate(() => document.activeElement?.textContent)).toBe('Kiểm tra đáp án');
    await page.keyboard.press('Enter');
    await frame.waitForSelector('[data-bd-question="chuan-bi"] .bd-feedback');
    const focused = await frame.evaluate(() => document.activeElement?.className);
    expect(focused).toBe('bd-result');
    const text = await frame.textContent('[data-bd-question="chuan-bi"] .bd-result');
    expect(text).toContain('Chưa đúng.');
    expect(text).toContain('Chưa cần ở bước chuẩn bị.');
    expect(text).toContain('Tổng hợp kiến nghị trước giúp chủ trì trả lời có căn cứ.');
    // The live region is emptied, then filled 30 ms later, so screen readers repeat a message.
    await frame.waitForFunction(() => document.querySelector('.bd-live')?.textContent?.includes('Chưa đúng.'), undefined, { timeout: 5_000 });
    const axe = await axeViolations(frame, '.bd-page:not([hidden])');
    expect(axe).toEqual([]);
    const cmi = await readCmi(page);
    const got = list(cmi['interactions']);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ id: 'chuan-bi', type: 'choice', student_response: 'c', result: 'wrong', weighting: '1' });
    expect(list(got[0]!['correct_responses']).map((p) => p['pattern'])).toEqual(['b']);
    // An ungraded check sets no score.
    expect((cmi['core'] as { score: { raw: string } }).score.raw).toBe('');
    await page.close();
  }, 60_000);

  it('when the time limit runs out the test submits itself, fails, and shows the review', async () => {
    pkg.server.page('/time.html', hostPage({ version: 'scorm12', launch: pkg.launch('kiem-tra') }));
    const page = await browser.newPage();
    await page.clock.install();
    await page.goto(`${pkg.server.origin}/time.html`);
    const frame = await scoFrame(page);
    await frame.waitForSelector(`[data-bd-test="${TEST_ID}"] h3`);
    await frame.click(`[data-bd-test="${TEST_ID}"] .bd-actions button`);
    await frame.waitForSelector('fieldset[data-question]');
    const first = await drawnIds(frame);
    const q = question(first[0]!);
    await answer(frame, q, plannedResponse(q, 'right'));
    await page.clock.runFor(31 * 60 * 1000);
    await frame.waitForSelector('.bd-summary');
    expect(await frame.textContent(`[data-bd-test="${TEST_ID}"]`)).toContain('Hết giờ: bài đã được nộp.');
    const summary = await frame.$eval('.bd-summary', (e) => ({ passed: e.getAttribute('data-passed'), band: e.getAttribute('data-band') }));
    expect(summary).toEqual({ passed: 'false', band: 'khong-dat' });
    // review=always: the right answers are shown, and the learner may try once more (attempts=2), as the button says.
    expect(await frame.$$eval('.bd-tag.bd-right, .bd-answer-key', (els) => els.length)).toBeGreaterThan(0);
    expect(await frame.textContent(`[data-bd-test="${TEST_ID}"] .bd-actions button`)).toBe('Làm lại (còn 1 lần)');
    const cmi = await readCmi(page);
    expect((cmi['core'] as Record<string, string>)['lesson_status']).toBe('failed');

    // The second and last attempt: a new draw order is possible, and afterwards no retry is offered.
    await frame.click(`[data-bd-test="${TEST_ID}"] .bd-actions button`);
    await waitFor(frame, 'fieldset[data-question]');
    await page.clock.runFor(31 * 60 * 1000);
    await waitFor(frame, '.bd-summary');
    expect(await frame.$$(`[data-bd-test="${TEST_ID}"] .bd-actions button`)).toHaveLength(0);
    expect(await frame.textContent(`[data-bd-test="${TEST_ID}"] .bd-no-attempts`)).toBe('Đồng chí đã dùng hết số lần làm bài.');
    const objectives = list(((await readCmi(page)) as Cmi)['objectives']);
    expect(objectives[0]).toMatchObject({ id: TEST_ID, status: 'failed' });
    await page.close();
  }, 60_000);
});

describe('the sample course final test in a SCORM 1.2 package', () => {
  it('draws 30 questions across its topics; all answered right gives 10/10, Xuất sắc, in a small suspend_data', async () => {
    const { course: sample } = await sampleCourse();
    const final = sample.modules.find((m) => m.tests.length > 0)!;
    const spec = final.tests[0]!;
    const all = sample.modules.flatMap((m) => m.questions);
    const pkg = await servePackage(sample, taxonomy, 'scorm12');
    try {
      pkg.server.page('/final.html', hostPage({ version: 'scorm12', launch: pkg.launch(final.meta.id) }));
      const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
      await page.goto(`${pkg.server.origin}/final.html`);
      const frame = await scoFrame(page);
      // The test sits on the module's second page.
      await frame.click('.bd-next');
      await frame.waitForSelector(`[data-bd-test="${spec.id}"] .bd-actions button`);
      await frame.click(`[data-bd-test="${spec.id}"] .bd-actions button`);
      await waitFor(frame, 'fieldset[data-question]');
      const ids = await drawnIds(frame);
      expect(ids).toHaveLength(30);
      const byId = new Map(all.map((q) => [q.id, q]));
      for (const d of spec.draws) {
        if (d.from !== 'topic') continue;
        expect(ids.filter((id) => byId.get(id)?.topic === d.topic), d.topic).toHaveLength(d.count as number);
      }
      for (const id of ids) {
        const q = byId.get(id)!;
        const r = q.kind === 'fill' ? { kind: 'text' as const, text: q.answers[0]! } : plannedResponse(q, 'right');
        await answer(frame, q, r);
      }
      const suspend = String((await readCmi(page))['suspend_data']);
      expect(suspend.length).toBeLessThan(1500);
      await frame.click(`[data-bd-test="${spec.id}"] .bd-actions button`);
      await waitFor(frame, '.bd-summary');
      const summary = await frame.$eval('.bd-summary', (e) => ({ mark: e.getAttribute('data-mark'), band: e.getAttribute('data-band'), passed: e.getAttribute('data-passed') }));
      expect(summary).toEqual({ mark: '10', band: 'xuat-sac', passed: 'true' });
      const cmi = await readCmi(page);
      const interactions = list(cmi['interactions']);
      expect(interactions).toHaveLength(30);
      expect(interactions.every((i) => i['result'] === 'correct')).toBe(true);
      expect(list(cmi['objectives'])[0]).toMatchObject({ id: spec.id, status: 'passed' });
      await page.close();
    } finally {
      await pkg.close();
    }
  }, 180_000);
});
