/**
 * The case in a cmi5 AU launched as an LMS launches it, against the project's LRS: decisions and
 * the outcome are "cmi5 allowed" statements carrying the session's context template and the
 * registration, between initialized and terminated, and valid against the statement schema.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iri, type Course } from '../../src/core/model.js';
import { EXT } from '../../src/core/tracking.js';
import { CMI5 } from '../../src/core/xapi/cmi5.js';
import { buildRuntime, launchChromium, repoRoot, servePackage, type ServedPackage } from '../e2e/harness/index.js';
import { ACTOR, categories, expectValid, ofRegistration, until, verbName, type Stmt } from '../formats/support/flow.js';
import { startProjectLrs, type ProjectLrs } from '../formats/support/lrs.js';
import { readTestCourse } from '../support/course.js';

let browser: Browser;
let lrs: ProjectLrs;
let pkg: ServedPackage;
let course: Course;

beforeAll(async () => {
  buildRuntime();
  const read = await readTestCourse(path.join(repoRoot, 'test', 'case', 'fixtures', 'course'));
  course = read.course;
  [browser, lrs, pkg] = await Promise.all([launchChromium(), startProjectLrs(), servePackage(course, read.taxonomy, 'cmi5')]);
}, 120_000);

afterAll(async () => {
  await Promise.all([browser?.close(), lrs?.close(), pkg?.close()]);
});

describe('case in a cmi5 AU', () => {
  it('records decisions and the outcome inside the session, with the context template', async () => {
    const auId = iri.module(course, 'tiep-dan');
    const caseId = iri.case(course, 'tap-trung');
    const registration = randomUUID();
    const sessionId = randomUUID();
    await lrs.setState(auId, ACTOR, registration, CMI5.launchDataStateId, {
      contextTemplate: { extensions: { [CMI5.sessionId]: sessionId } },
      launchMode: 'Normal',
      moveOn: 'CompletedOrPassed',
      masteryScore: 0.5,
    });
    const fetchUrl = await lrs.newFetchUrl({ actor: ACTOR, registration, activityId: auId });
    const q = new URLSearchParams({ endpoint: lrs.endpoint, fetch: fetchUrl, actor: JSON.stringify(ACTOR), registration, activityId: auId });
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`${pkg.server.origin}${pkg.launch('tiep-dan')}?${q.toString()}`);
    await page.waitForSelector('.bd-case-scene');
    await page.getByRole('button', { name: 'Mời đại diện vào làm việc, lắng nghe', exact: true }).press('Enter');
    await page.getByRole('button', { name: 'Hứa giải quyết ngay trong ngày', exact: true }).press('Enter');
    await page.getByRole('button', { name: 'Nhận khuyết điểm, hẹn lịch đối thoại', exact: true }).press('Enter');
    await page.waitForSelector('[data-outcome="chap-nhan-duoc"]');
    await page.goto('about:blank');

    const all = await until('terminated', async () => {
      const list = await ofRegistration(lrs, registration);
      return list.some((s) => verbName(s) === 'terminated') && list;
    });
    expectValid(all);
    const verbs = all.map((s) => `${verbName(s)} ${String(s['object']['id']).replace(`${caseId}/scenes/`, '').replace(caseId, 'case')}`);
    expect(verbs[0]).toBe(`initialized ${auId}`);
    expect(verbs[verbs.length - 1]).toBe(`terminated ${auId}`);
    expect(verbs.filter((v) => !v.includes(auId))).toEqual(['answered mo-dau', 'answered lang-nghe', 'answered hua-suong', 'passed case']);

    const caseStatements = all.filter((s: Stmt) => String(s['object']['id']).startsWith(caseId));
    for (const s of caseStatements) {
      expect(s['context']['registration']).toBe(registration);
      expect(s['context']['extensions'][CMI5.sessionId]).toBe(sessionId);
      expect(categories(s)).not.toContain(CMI5.categoryCmi5);
    }
    const outcome = caseStatements[caseStatements.length - 1]!;
    // +2 -1 +1 = 2 of 4: mark 5, the module's pass mark.
    expect(outcome['result']).toMatchObject({ success: true, score: { scaled: 0.5, raw: 2, min: 0, max: 4 } });
    expect(outcome['result']['extensions'][EXT.casePath]).toEqual(['mo-dau', 'lang-nghe', 'hua-suong', 'ket-chap-nhan']);
    expect(outcome['result']['extensions'][EXT.caseOutcome]).toBe('chap-nhan-duoc');
  });
});
