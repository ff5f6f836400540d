/**
 * A graded test taken through the quiz UI in Chromium, in cmi5 against the project's LRS and in
 * SCORM 2004 under scorm-again: the learner starts the test, answers, submits, and the format
 * records it — cmi5 as the exact statement sequence (answered, passed/failed on the test, then
 * completed and passed/failed for the AU with score.scaled and the masteryscore extension),
 * SCORM 2004 as success_status, score.scaled and the interactions.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Browser, Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iri, type Course } from '../../src/core/model.js';
import type { Question } from '../../src/core/quiz/model.js';
import type { Taxonomy } from '../../src/core/taxonomy.js';
import { EXT } from '../../src/core/tracking.js';
import { CMI5 } from '../../src/core/xapi/cmi5.js';
import { buildRuntime, closeSco, hostPage, launchChromium, readCmi, scoFrame, servePackage, type ServedPackage } from '../e2e/harness/index.js';
import { answer, plannedResponse, questionOf, type Intent } from '../quiz/learner.js';
import { repoRoot, sampleCourse } from './course.js';
import { ACTOR, categories, expectValid, ofRegistration, until, verbName, waitForPlayer, type Stmt } from './support/flow.js';
import { startProjectLrs, type ProjectLrs } from './support/lrs.js';

const FIXTURE = path.join(repoRoot, 'test', 'formats', 'fixtures', 'graded');
const MODULE = 'kiem-tra-hoa-giai';
const TEST = 'kiem-tra-hoa-giai';
const TEST_ROOT = `[data-bd-test="${TEST}"]`;

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

/** Start the test, answer each drawn question (the ids in `wrong` deliberately wrong), submit. */
async function takeTest(frame: Frame, wrong: ReadonlySet<string>): Promise<string[]> {
  await frame.click(`${TEST_ROOT} .bd-actions button`);
  await frame.waitForSelector('fieldset[data-question]');
  const ids = await frame.$$eval('fieldset[data-question]', (fs) => fs.map((f) => f.getAttribute('data-question')!));
  for (const id of ids) {
    const q = question(id);
    await answer(frame, q, plannedResponse(q, (wrong.has(id) ? 'wrong' : 'right') satisfies Intent));
  }
  await frame.click(`${TEST_ROOT} .bd-actions button`);
  await frame.waitForSelector(`${TEST_ROOT} .bd-summary`);
  return ids;
}

describe('graded test in a cmi5 package against the project LRS', () => {
  let lrs: ProjectLrs;
  let pkg: ServedPackage;
  let auId: string;

  beforeAll(async () => {
    auId = iri.module(course, MODULE);
    [lrs, pkg] = await Promise.all([startProjectLrs(), servePackage(course, taxonomy, 'cmi5')]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([lrs?.close(), pkg?.close()]);
  });

  async function run(wrong: ReadonlySet<string>, masteryScore: number): Promise<{ sent: Stmt[]; sessionId: string; ids: string[] }> {
    const registration = randomUUID();
    const sessionId = randomUUID();
    const returnURL = `${pkg.server.origin}/lms/back.html`;
    pkg.server.page('/lms/back.html', '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>LMS</title></head><body></body></html>');
    await lrs.setState(auId, ACTOR, registration, CMI5.launchDataStateId, {
      contextTemplate: { extensions: { [CMI5.sessionId]: sessionId } },
      launchMode: 'Normal',
      moveOn: 'CompletedAndPassed',
      masteryScore,
      returnURL,
    });
    const fetchUrl = await lrs.newFetchUrl({ actor: ACTOR, registration, activityId: auId });
    const q = new URLSearchParams({ endpoint: lrs.endpoint, fetch: fetchUrl, actor: JSON.stringify(ACTOR), registration, activityId: auId });
    const page = await browser.newPage();
    await page.goto(`${pkg.server.origin}${pkg.launch(MODULE)}?${q.toString()}`);
    await waitForPlayer(page);
    const ids = await takeTest(page.mainFrame(), wrong);
    await page.waitForFunction(() => document.querySelector('.bd-status')?.textContent?.includes('hoàn thành'));
    await page.click('.bd-exit');
    await page.waitForURL(returnURL);
    await page.close();
    const sent = await until('terminated', async () => {
      const list = await ofRegistration(lrs, registration);
      return list.some((s) => verbName(s) === 'terminated') && list;
    });
    return { sent, sessionId, ids };
  }

  it('all right: answered for each question, passed on the test, completed, passed with the score and masteryscore, terminated', async () => {
    const { sent, sessionId, ids } = await run(new Set(), 0.6);
    expectValid(sent);
    expect(sent.map(verbName)).toEqual(['initialized', ...ids.map(() => 'answered'), 'passed', 'completed', 'passed', 'terminated']);
    for (const s of sent) {
      expect(s['context']['registration']).toBeDefined();
      expect(s['context']['extensions'][CMI5.sessionId]).toBe(sessionId);
      expect(s['context']['extensions'][EXT.moduleVersion]).toBe('1.1.0');
    }
    const answered = sent.slice(1, 1 + ids.length);
    answered.forEach((s, i) => {
      expect(s['object']['id']).toBe(`${iri.course(course)}/questions/${ids[i]}`);
      expect(categories(s)).not.toContain(CMI5.categoryCmi5);
      expect(s['result']['success']).toBe(true);
    });
    const testPassed = sent[1 + ids.length]!;
    expect(testPassed['object']['id']).not.toBe(auId);
    expect(categories(testPassed)).not.toContain(CMI5.categoryCmi5);
    const [completed, auPassed, terminated] = sent.slice(-3) as [Stmt, Stmt, Stmt];
    expect(completed['object']['id']).toBe(auId);
    expect(categories(completed)).toEqual([CMI5.categoryCmi5, CMI5.categoryMoveOn]);
    expect(auPassed['object']['id']).toBe(auId);
    expect(categories(auPassed)).toEqual([CMI5.categoryCmi5, CMI5.categoryMoveOn]);
    expect(auPassed['result']).toMatchObject({ success: true, score: { scaled: 1, raw: 10, min: 0, max: 10 } });
    expect(auPassed['result']['extensions'][EXT.mark10]).toBe(10);
    expect(auPassed['context']['extensions'][CMI5.masteryScore]).toBe(0.6);
    expect(terminated['object']['id']).toBe(auId);
  }, 90_000);

  it('the 2-point question wrong (mark 5) under masteryScore 0.6: failed on the AU with scaled 0.5', async () => {
    const { sent, ids } = await run(new Set(['huong-dan']), 0.6);
    expectValid(sent);
    const onAu = sent.filter((s) => s['object']['id'] === auId);
    expect(onAu.map(verbName)).toEqual(['initialized', 'completed', 'failed', 'terminated']);
    expect(onAu[2]!['result']).toMatchObject({ success: false, score: { scaled: 0.5, raw: 5 } });
    expect(onAu[2]!['context']['extensions'][CMI5.masteryScore]).toBe(0.6);
    const answered = sent.filter((s) => verbName(s) === 'answered');
    expect(answered).toHaveLength(ids.length);
    expect(answered.map((s) => s['result']['success'])).toEqual(ids.map((id) => id !== 'huong-dan'));
  }, 90_000);
});

describe('graded test in a SCORM 2004 package under scorm-again', () => {
  const list = (o: unknown): Record<string, unknown>[] =>
    Array.isArray(o) ? (o as Record<string, unknown>[]) : Object.values((o ?? {}) as Record<string, Record<string, unknown>>);

  it('records success_status, score.scaled and one interaction per question', async () => {
    const pkg = await servePackage(course, taxonomy, 'scorm2004');
    pkg.server.page('/lms.html', hostPage({ version: 'scorm2004', launch: pkg.launch(MODULE) }));
    const page = await browser.newPage();
    await page.goto(`${pkg.server.origin}/lms.html`);
    const frame = await scoFrame(page);
    await waitForPlayer(frame);
    const ids = await takeTest(frame, new Set(['khi-nao']));
    await closeSco(page);
    const cmi = await readCmi(page);
    await page.close();
    await pkg.close();
    // 3 of 4 points: mark 7.5, scaled 0.75, passed against the pass mark 5.
    expect(cmi['success_status']).toBe('passed');
    expect(cmi['completion_status']).toBe('completed');
    expect(Number((cmi['score'] as Record<string, string>)['scaled'])).toBeCloseTo(0.75, 4);
    const got = list(cmi['interactions']);
    expect(got.map((g) => g['id'])).toEqual(ids.map((id) => `${TEST}.${id}`));
    expect(got.map((g) => g['result'])).toEqual(ids.map((id) => (id === 'khi-nao' ? 'incorrect' : 'correct')));
    for (const g of got) {
      expect(['choice', 'true-false']).toContain(g['type']);
      expect(String(g['learner_response'])).not.toBe('');
      expect(list(g['correct_responses'])).toHaveLength(1);
    }
    const objectives = list(cmi['objectives']);
    expect(objectives.find((o) => String(o['id']).includes(TEST))).toMatchObject({ success_status: 'passed' });
  }, 90_000);
});
