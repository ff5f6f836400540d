/**
 * The case in a cmi5 AU launched as an LMS launches it, against the project's LRS: decisions and
 * the outcome are "cmi5 allowed" statements carrying the session's context template and the
 * registration, between initialized and terminated, and valid against the statement schema.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iri, type Course } from '../../src/core/model.js';
import { EXT } from '../../src/core/tracking.js';
import { CMI5 } from '../../src/core/xapi/cmi5.js';
import { repoRoot, type ServedPackage } from '../e2e/harness/index.js';
import { ACTOR, categories, expectValid, ofRegistration, until, verbName, type Stmt } from '../formats/support/flow.js';
import type { ProjectLrs } from '../formats/support/lrs.js';
import { startPackageUnderLrs, type PackageUnderLrs } from '../formats/support/package-under-lrs.js';

let browser: Browser;
let lrs: ProjectLrs;
let pkg: ServedPackage;
let course: Course;

let started: PackageUnderLrs | undefined;

beforeAll(async () => {
  started = await startPackageUnderLrs(path.join(repoRoot, 'test', 'case', 'fixtures', 'course'), 'cmi5');
  ({ browser, lrs, pkg, course } = started);
}, 120_000);

afterAll(async () => {
  await started?.close();
});

/** A cmi5 launch of the fixture's AU as an LMS makes it, on a 360 px page. */
async function launchAu(): Promise<{ page: Page; auId: string; caseId: string; registration: string; sessionId: string }> {
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
  return { page, auId, caseId, registration, sessionId };
}

describe('case in a cmi5 AU', () => {
  it('records decisions and the outcome inside the session, with the context template', async () => {
    const { page, auId, caseId, registration, sessionId } = await launchAu();
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
  it('completes the AU, with its result, only after the end scene’s reflection is sent', async () => {
    const { page, auId, caseId, registration } = await launchAu();
    await page.getByRole('button', { name: 'Mời đại diện vào làm việc, lắng nghe', exact: true }).press('Enter');
    await page.getByRole('button', { name: 'Hẹn lịch đối thoại, giao rà soát hồ sơ', exact: true }).press('Enter');
    await page.waitForSelector('[data-outcome="tot"]');
    // The case's own outcome goes out at the end scene; the AU's completion and result do not.
    const beforeReflection = await until('case outcome', async () => {
      const list = await ofRegistration(lrs, registration);
      return list.some((s) => verbName(s) === 'passed' && s['object']['id'] === caseId) && list;
    });
    expect(beforeReflection.filter((s) => s['object']['id'] === auId).map(verbName)).toEqual(['initialized']);
    await page.getByLabel(/Câu hỏi suy ngẫm/).fill('Báo cáo diễn biến, kiến nghị của dân và lịch đối thoại.');
    await page.getByRole('button', { name: 'Gửi câu trả lời' }).click();
    await page.waitForSelector('.bd-status:has-text("Đồng chí đã hoàn thành học phần.")');
    await page.goto('about:blank');

    const all = await until('terminated', async () => {
      const list = await ofRegistration(lrs, registration);
      return list.some((s) => verbName(s) === 'terminated') && list;
    });
    expectValid(all);
    const at = (pred: (s: Stmt) => boolean): number => all.findIndex(pred);
    const reflection = at((s) => String(s['object']['id']).endsWith('/reflections/ket-tot-r1'));
    const completed = at((s) => verbName(s) === 'completed' && s['object']['id'] === auId);
    const passed = at((s) => verbName(s) === 'passed' && s['object']['id'] === auId);
    expect(reflection).toBeGreaterThan(0);
    expect(completed).toBeGreaterThan(reflection);
    expect(passed).toBeGreaterThan(reflection);
    expect(all[passed]!['result']).toMatchObject({ success: true, score: { scaled: 1 } });
    await page.close();
  });
});
