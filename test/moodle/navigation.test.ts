/**
 * One clear way forward inside Moodle: a one-SCO SCORM 2004 manifest hides the LMS's
 * previous/continue (adlnav:hideLMSUI), the player's page list follows the frame's width (Moodle's course index
 * makes the frame ~650 px at 1,280 px), a one-page module shows no page list or pager, a narrow
 * framed player leaves room for Moodle's floating course-index button, and under SCORM the mark
 * is shown with the percentage the LMS shows ("10/10 (100 %)"). Real packages in Chromium under
 * scorm-again, in the Moodle-like player page.
 */
import path from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchPath } from '../../src/compile/course-package.js';
import { scorm2004Manifest } from '../../src/compile/targets/scorm2004/manifest.js';
import type { Course } from '../../src/core/model.js';
import { resultMessage } from '../../src/runtime/player/grade.js';
import { STRINGS } from '../../src/runtime/player/strings.js';
import { buildRuntime, launchChromium, repoRoot, servePackage, type ServedPackage } from '../e2e/harness/index.js';
import { moodleHostPage } from '../e2e/harness/moodle-host.js';
import { xmllint, xsdDir } from '../formats/course.js';
import { answer, plannedResponse, questionOf } from '../quiz/learner.js';
import { readTestCourse } from '../support/course.js';

const GRADED = path.join(repoRoot, 'test', 'formats', 'fixtures', 'graded');
const PAGED = path.join(repoRoot, 'test', 'formats', 'fixtures', 'course');
const TEST_ROOT = '[data-bd-test="kiem-tra-hoa-giai"]';

describe('SCORM 2004 manifest: previous/continue of the LMS', () => {
  async function manifestOf(moduleIds?: readonly string[]): Promise<string> {
    const { course: whole, taxonomy } = await readTestCourse(GRADED);
    const course = moduleIds ? { ...whole, modules: whole.modules.filter((m) => moduleIds.includes(m.meta.id)) } : whole;
    const files = ['player/player.js', 'player/player.css', ...course.modules.map((m) => launchPath(m.meta.id))].sort();
    return scorm2004Manifest({ course, taxonomy, launchPath, files });
  }

  it('a one-SCO (split) package hides them with hideLMSUI after the sequencing, and still validates', async () => {
    const xml = await manifestOf(['kiem-tra-hoa-giai']);
    const items = xml.split('<item ').slice(1);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatch(
      /<\/imsss:sequencing>\s*<adlnav:presentation>\s*<adlnav:navigationInterface>\s*<adlnav:hideLMSUI>previous<\/adlnav:hideLMSUI>\s*<adlnav:hideLMSUI>continue<\/adlnav:hideLMSUI>\s*<\/adlnav:navigationInterface>\s*<\/adlnav:presentation>\s*<\/item>/,
    );
    expect(xmllint(xml, path.join(xsdDir, 'scorm2004', 'all.xsd'))).toBe('');
  });

  it("a package of several SCOs keeps them: Moodle would unlink the next module in its table of contents", async () => {
    const xml = await manifestOf();
    expect(xml.split('<item ').slice(1)).toHaveLength(2);
    expect(xml).not.toContain('hideLMSUI');
    expect(xmllint(xml, path.join(xsdDir, 'scorm2004', 'all.xsd'))).toBe('');
  });
});

describe('the mark as the learner reads it', () => {
  const result = (mark: number, passed: boolean) => ({ mark, scaled: mark / 10, passed });
  it('under SCORM: with the percentage the LMS shows', () => {
    expect(resultMessage(STRINGS.vi, result(10, true), 'vi', true)).toBe('Đồng chí đã hoàn thành học phần. Đạt: 10/10 (100 %).');
    expect(resultMessage(STRINGS.vi, result(7.5, true), 'vi', true)).toBe('Đồng chí đã hoàn thành học phần. Đạt: 7,5/10 (75 %).');
    expect(resultMessage(STRINGS.vi, result(4.25, false), 'vi', true)).toBe('Đồng chí đã hoàn thành học phần. Chưa đạt: 4,25/10 (42,5 %).');
    expect(resultMessage(STRINGS.en, result(10, true), 'en', true)).toBe('You have completed this module. Passed: 10/10 (100%).');
  });
  it('elsewhere (cmi5, xAPI, preview): the 10-point mark alone', () => {
    expect(resultMessage(STRINGS.vi, result(10, true), 'vi', false)).toBe('Đồng chí đã hoàn thành học phần. Đạt: 10/10.');
  });
});

describe('the player inside a Moodle-like page, in Chromium', () => {
  let browser: Browser;
  let graded: { course: Course; pkg: ServedPackage };
  let paged: { course: Course; pkg: ServedPackage };

  beforeAll(async () => {
    buildRuntime();
    browser = await launchChromium();
    const g = await readTestCourse(GRADED);
    const p = await readTestCourse(PAGED);
    graded = { course: g.course, pkg: await servePackage(g.course, g.taxonomy, 'scorm2004') };
    paged = { course: p.course, pkg: await servePackage(p.course, p.taxonomy, 'scorm12') };
  }, 120_000);
  afterAll(async () => {
    await Promise.all([graded?.pkg.close(), paged?.pkg.close(), browser?.close()]);
  });

  async function open(pkg: ServedPackage, version: 'scorm12' | 'scorm2004', moduleId: string, width: number, name: string): Promise<{ page: Page; frame: Frame }> {
    pkg.server.page(`/${name}.html`, moodleHostPage({ version, scos: [{ id: moduleId, launch: pkg.launch(moduleId) }] }));
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    await page.goto(`${pkg.server.origin}/${name}.html`);
    const frame = await (await page.waitForSelector('#scorm_object')).contentFrame();
    if (!frame) throw new Error('no SCO frame');
    await frame.waitForSelector('.bd-js .bd-page:not([hidden]) .bd-page-title');
    return { page, frame };
  }

  const tocOpen = (frame: Frame) => frame.evaluate(() => (document.querySelector('.bd-toc') as HTMLDetailsElement).open);

  it('the page list folds above the page in a ~650 px frame and opens beside it when the frame widens, until the learner chooses', async () => {
    const moduleId = paged.course.modules[0]!.meta.id;
    const { page, frame } = await open(paged.pkg, 'scorm12', moduleId, 650, 'paged-650');
    expect(await tocOpen(frame)).toBe(false);
    expect(await frame.isVisible('.bd-nav')).toBe(true);
    // Moodle's course index closed: the frame grows past 800 px.
    await page.setViewportSize({ width: 1000, height: 800 });
    await frame.waitForFunction(() => (document.querySelector('.bd-toc') as HTMLDetailsElement).open);
    const side = await frame.evaluate(() => {
      const toc = document.querySelector('.bd-toc')!.getBoundingClientRect();
      const pages = document.querySelector('.bd-pages')!.getBoundingClientRect();
      return { tocRight: toc.right, pagesLeft: pages.left };
    });
    expect(side.tocRight).toBeLessThanOrEqual(side.pagesLeft);
    await page.setViewportSize({ width: 650, height: 800 });
    await frame.waitForFunction(() => !(document.querySelector('.bd-toc') as HTMLDetailsElement).open);
    // The learner opens it: a later resize leaves it as chosen.
    await frame.click('.bd-toc summary');
    await page.setViewportSize({ width: 1000, height: 800 });
    await page.setViewportSize({ width: 640, height: 800 });
    await page.waitForTimeout(100);
    expect(await tocOpen(frame)).toBe(true);
    await page.close();
  }, 60_000);

  it('a one-page module shows neither page list nor pager', async () => {
    const { page, frame } = await open(graded.pkg, 'scorm2004', 'on-tap-hoa-giai', 650, 'one-page');
    expect(await frame.isVisible('.bd-toc')).toBe(false);
    expect(await frame.isVisible('.bd-nav')).toBe(false);
    expect(await frame.isVisible('.bd-page-title')).toBe(true);
    await page.close();
  }, 60_000);

  it("at 360 px a framed player leaves room at the left for Moodle's course-index button; unframed it does not", async () => {
    const moduleId = paged.course.modules[0]!.meta.id;
    const { page, frame } = await open(paged.pkg, 'scorm12', moduleId, 360, 'paged-360');
    // Moodle 4.5 at 360 px: the button is fixed at x 0–41 px, the frame starts at x 8.
    const left = await frame.evaluate(() => document.querySelector('.bd-title')!.getBoundingClientRect().left);
    expect(left).toBeGreaterThanOrEqual(41);
    await page.close();
    const alone = await browser.newPage({ viewport: { width: 360, height: 800 } });
    await alone.goto(`${paged.pkg.server.origin}${paged.pkg.launch(moduleId)}`);
    await alone.waitForSelector('.bd-js .bd-page:not([hidden]) .bd-page-title');
    expect(await alone.evaluate(() => document.querySelector('.bd-title')!.getBoundingClientRect().left)).toBeLessThan(20);
    await alone.close();
  }, 60_000);

  it('under SCORM the finished test shows "10/10 (100 %)"', async () => {
    const { page, frame } = await open(graded.pkg, 'scorm2004', 'kiem-tra-hoa-giai', 650, 'percent');
    await frame.click(`${TEST_ROOT} .bd-actions button`);
    await frame.waitForSelector('fieldset[data-question]');
    for (const id of await frame.$$eval('fieldset[data-question]', (fs) => fs.map((f) => f.getAttribute('data-question')!))) {
      const q = questionOf(graded.course, id);
      await answer(frame, q, plannedResponse(q, 'right'));
    }
    await frame.click(`${TEST_ROOT} .bd-actions button`);
    await frame.waitForSelector('.bd-status:not([hidden])');
    expect(await frame.textContent('.bd-status')).toContain('Đạt: 10/10 (100 %).');
    await page.close();
  }, 60_000);
});
