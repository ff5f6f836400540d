/**
 * When the module's grade reaches a SCORM 1.2 LMS, in Chromium under scorm-again. An LMS with
 * credit and a mastery score (Moodle does this, scorm-again too) recomputes lesson_status from
 * score.raw as soon as one is written. So a grade written when the test on page 2 is passed,
 * before the trainee has seen the question bank on page 3, made the module "passed" (completed)
 * at once. The player gives the grade with completion: every page seen, the test done.
 */
import path from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Course } from '../../../src/core/model.js';
import type { Taxonomy } from '../../../src/core/taxonomy.js';
import { buildRuntime, closeSco, hostPage, launchChromium, nextLaunchCmi12, readCmi, repoRoot, scoFrame, servePackage, type ServedPackage } from '../../e2e/harness/index.js';
import { sampleCourse } from '../../formats/course.js';

const FIXTURE = path.join(repoRoot, 'test', 'formats', 'fixtures', 'bank');
const MODULE = 'ngan-sach-xa';
const TEST = '[data-bd-test="kiem-tra-ngan-sach"]';
/** What an LMS sets from the manifest's adlcp:masteryscore for a credit launch. */
const LMS_CMI = { core: { credit: 'credit', lesson_mode: 'normal' }, student_data: { mastery_score: '50' } };

describe('SCORM 1.2: the grade goes with completion', () => {
  let browser: Browser;
  let pkg: ServedPackage;
  let course: Course;
  let taxonomy: Taxonomy;

  beforeAll(async () => {
    buildRuntime();
    ({ course, taxonomy } = await sampleCourse(FIXTURE));
    [browser, pkg] = await Promise.all([launchChromium(), servePackage(course, taxonomy, 'scorm12')]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([browser?.close(), pkg?.close()]);
  });

  async function open(host: string, cmi: Record<string, unknown>): Promise<{ page: Page; frame: Frame }> {
    pkg.server.page(host, hostPage({ version: 'scorm12', launch: pkg.launch(MODULE), cmi }));
    const page = await browser.newPage();
    await page.goto(pkg.server.origin + host);
    const frame = await scoFrame(page);
    await frame.waitForSelector('.bd-js .bd-page:not([hidden]) .bd-page-title');
    return { page, frame };
  }

  const core = async (page: Page): Promise<Record<string, any>> => (await readCmi(page))['core'] as Record<string, any>;

  it('passing the test before the bank page leaves the module incomplete; the bank page completes it with the grade', async () => {
    const first = await open('/lms/first.html', LMS_CMI);
    await first.frame.click('.bd-next');
    await first.frame.click(`${TEST} .bd-actions button`);
    await first.frame.waitForSelector(`${TEST} fieldset[data-question]`);
    await first.frame.fill(`${TEST} fieldset[data-question="du-phong"] input`, '5');
    await first.frame.fill(`${TEST} fieldset[data-question="so-thon"] input`, '10');
    await first.frame.click(`${TEST} .bd-actions button`);
    await first.frame.waitForSelector(`${TEST} .bd-summary`);
    await closeSco(first.page);
    const left = await core(first.page);
    expect(left['lesson_status']).toBe('incomplete');
    expect(left['score']['raw']).toBe('');
    expect(left['exit']).toBe('suspend');

    const second = await open('/lms/second.html', nextLaunchCmi12(await readCmi(first.page)));
    await first.page.close();
    expect(await second.frame.textContent('.bd-page:not([hidden]) .bd-page-title')).toBe('Bài kiểm tra');
    await second.frame.click('.bd-next');
    await second.frame.waitForFunction(() => document.querySelector('.bd-status')?.textContent?.includes('hoàn thành'));
    await closeSco(second.page);
    const done = await core(second.page);
    expect(done['lesson_status']).toBe('passed');
    expect(done['score']['raw']).toBe('100');
    await second.page.close();
  }, 90_000);
});
