/**
 * The SCORM 1.2 package in Chromium under scorm-again's API: a learner pages through a module,
 * leaves, comes back where they left off, and finishes; we check what the LMS recorded.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Course } from '../../src/core/model.js';
import { readTestCourse } from '../support/course.js';
import {
  apiCalls,
  buildRuntime,
  closeSco,
  hostPage,
  launchChromium,
  nextLaunchCmi12,
  readCmi,
  repoRoot,
  scoFrame,
  servePackage,
  type ApiCall,
  type ServedPackage,
} from './harness/index.js';

const SAMPLE = path.join(repoRoot, 'content', 'courses', 'boi-duong-bi-thu-dang-uy-xa');
const MINI = path.join(repoRoot, 'test', 'fixtures', 'courses', 'mini');


/** Every LMSSetValue must change something: re-sending unchanged values is what froze ILIAS. */
function redundantSets(calls: readonly ApiCall[]): string[] {
  const last = new Map<string, string>();
  const redundant: string[] = [];
  for (const c of calls) {
    if (c.fn !== 'LMSSetValue') continue;
    const [element = '', value = ''] = c.args;
    if (last.get(element) === value) redundant.push(element);
    last.set(element, value);
  }
  return redundant;
}

async function openModule(browser: Browser, pkg: ServedPackage, moduleId: string, host: string, cmi?: Record<string, unknown>) {
  pkg.server.page(host, hostPage({ version: 'scorm12', launch: pkg.launch(moduleId), ...(cmi ? { cmi } : {}) }));
  const page = await browser.newPage();
  const offsite: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(pkg.server.origin) && !r.url().startsWith('about:')) offsite.push(r.url());
  });
  await page.goto(pkg.server.origin + host);
  const frame = await scoFrame(page);
  await frame.waitForSelector('.bd-js .bd-page:not([hidden]) .bd-page-title');
  return { page, frame, offsite };
}

function parseSuspend(cmi: Record<string, unknown>): { v: number; p: number; s: string } {
  return JSON.parse(String(cmi['suspend_data'])) as { v: number; p: number; s: string };
}

function core(cmi: Record<string, unknown>): Record<string, string> {
  return cmi['core'] as Record<string, string>;
}

describe('SCORM 1.2 package in Chromium under scorm-again', () => {
  let browser: Browser;
  beforeAll(async () => {
    buildRuntime();
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  describe('sample course', () => {
    let pkg: ServedPackage;
    let course: Course;
    beforeAll(async () => {
      const loaded = await readTestCourse(SAMPLE);
      course = loaded.course;
      pkg = await servePackage(course, loaded.taxonomy, 'scorm12');
    });
    afterAll(async () => {
      await pkg?.close();
    });

    it('records progress, suspends, and resumes where the learner left off', async () => {
      const mod = course.modules[0]!;
      const pages = mod.pages;
      expect(pages.length).toBeGreaterThanOrEqual(4);

      const first = await openModule(browser, pkg, mod.meta.id, '/lms-1.html');
      expect(await first.frame.textContent('.bd-counter')).toBe(`Trang 1/${pages.length}`);
      expect(await first.frame.textContent('.bd-page:not([hidden]) .bd-page-title')).toBe(pages[0]!.title);
      await first.frame.click('.bd-next');
      await first.frame.click('.bd-next');
      // Focus moves to the new page's heading so keyboard and screen-reader users start reading there.
      expect(await first.frame.evaluate(() => document.activeElement?.textContent)).toBe(pages[2]!.title);
      await closeSco(first.page);

      const cmi = await readCmi(first.page);
      const calls = await apiCalls(first.page);
      await first.page.close();
      expect(first.offsite).toEqual([]);
      expect(core(cmi)['lesson_status']).toBe('incomplete');
      expect(core(cmi)['exit']).toBe('suspend');
      // scorm-again keeps the time it was given, normalised to HH:MM:SS; the SCO sent HHHH:MM:SS.SS.
      expect(core(cmi)['session_time']).toMatch(/^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/);
      const sent = calls.find((c) => c.fn === 'LMSSetValue' && c.args[0] === 'cmi.core.session_time');
      expect(sent?.args[1]).toMatch(/^\d{4}:\d{2}:\d{2}\.\d{2}$/);
      expect(sent?.args[1]).not.toBe('0000:00:00.00');
      expect(sent?.result).toBe('true');
      expect(core(cmi)['lesson_location']).toBe(pages[2]!.id);
      const suspend = parseSuspend(cmi);
      expect(suspend).toMatchObject({ v: 1, p: 2, s: '7' + '0'.repeat(Math.ceil(pages.length / 4) - 1) });
      expect(String(cmi['suspend_data']).length).toBeLessThanOrEqual(4096);
      expect(calls.findIndex((c) => c.fn === 'LMSInitialize')).toBe(0);
      expect(calls.at(-1)?.fn).toBe('LMSFinish');
      expect(redundantSets(calls)).toEqual([]);

      // Second session: the LMS hands back what it kept, with entry "resume".
      const again = await openModule(browser, pkg, mod.meta.id, '/lms-2.html', nextLaunchCmi12(cmi));
      expect(await again.frame.textContent('.bd-page:not([hidden]) .bd-page-title')).toBe(pages[2]!.title);
      expect(await again.frame.textContent('.bd-counter')).toBe(`Trang 3/${pages.length}`);
      // Pages seen earlier are still marked in the page list.
      expect(await again.frame.locator('.bd-list-item.bd-is-seen').count()).toBe(3);
      const resumedCalls = await apiCalls(again.page);
      expect(resumedCalls.find((c) => c.fn === 'LMSGetValue' && c.args[0] === 'cmi.core.entry')?.result).toBe('resume');
      // Jump to the last page from the page list.
      if (!(await again.frame.evaluate(() => document.querySelector('details.bd-toc')?.hasAttribute('open')))) {
        await again.frame.click('.bd-toc summary');
      }
      await again.frame.locator('.bd-list-item').last().click();
      expect(await again.frame.textContent('.bd-page:not([hidden]) .bd-page-title')).toBe(pages.at(-1)!.title);
      await closeSco(again.page);
      const after = await readCmi(again.page);
      await again.page.close();
      expect(core(after)['lesson_location']).toBe(pages.at(-1)!.id);
      expect(parseSuspend(after).p).toBe(pages.length - 1);
    }, 60_000);
    it('reports a test result: score before status, failed below the pass mark, suspend_data within 4,096', async () => {
      const mod = course.modules.find((m) => m.tests.length > 0)!;
      const testPage = mod.pages.findIndex((p) => p.html.includes('data-bd-test='));
      expect(testPage).toBeGreaterThanOrEqual(0);
      const { page, frame } = await openModule(browser, pkg, mod.meta.id, '/lms-test.html');
      for (let i = 0; i < testPage; i++) await frame.click('.bd-next');
      await frame.getByRole('button', { name: 'Bắt đầu làm bài' }).click();
      // Submitting with nothing answered asks once for confirmation, then scores 0/10.
      await frame.getByRole('button', { name: 'Nộp bài' }).click();
      await frame.getByRole('button', { name: 'Nộp bài' }).click();
      for (let i = testPage; i < mod.pages.length - 1; i++) await frame.click('.bd-next');
      await frame.waitForFunction(() => document.querySelector('.bd-player > .bd-status')?.textContent?.includes('Chưa đạt'));
      await closeSco(page);
      const cmi = await readCmi(page);
      const calls = await apiCalls(page);
      await page.close();
      expect(core(cmi)['lesson_status']).toBe('failed');
      expect(core(cmi)['exit']).toBe('');
      expect(core(cmi)['score']).toEqual({ raw: '0', min: '0', max: '100' });
      const setIndex = (el: string) => calls.map((c) => c.fn === 'LMSSetValue' && c.args[0] === el).lastIndexOf(true);
      expect(setIndex('cmi.core.score.raw')).toBeGreaterThan(0);
      // The final status comes after the score (the first status write is "incomplete" at launch).
      expect(setIndex('cmi.core.score.raw')).toBeLessThan(setIndex('cmi.core.lesson_status'));
      expect(calls[setIndex('cmi.core.lesson_status')]?.args[1]).toBe('failed');
      const objectives = Object.values(cmi['objectives'] as Record<string, { id: string; status: string }>);
      expect(objectives.map((o) => [o.id, o.status])).toEqual([[mod.tests[0]!.id, 'failed']]);
      expect(String(cmi['suspend_data']).length).toBeLessThanOrEqual(4096);
      expect(redundantSets(calls)).toEqual([]);
      expect(calls.filter((c) => c.fn === 'LMSSetValue' && c.result !== 'true')).toEqual([]);
    }, 90_000);
  });

  describe('content-only course', () => {

    let pkg: ServedPackage;
    let course: Course;
    beforeAll(async () => {
      const loaded = await readTestCourse(MINI);
      course = loaded.course;
      pkg = await servePackage(course, loaded.taxonomy, 'scorm12');
    });
    afterAll(async () => {
      await pkg?.close();
    });

    it('finds the API through window.opener when the LMS opens the module in a new window', async () => {
      const mod = course.modules[0]!;
      pkg.server.page('/lms-popup.html', hostPage({ version: 'scorm12', launch: pkg.launch(mod.meta.id), popup: true }));
      const lmsPage = await browser.newPage();
      await lmsPage.goto(pkg.server.origin + '/lms-popup.html');
      const [popup] = await Promise.all([lmsPage.waitForEvent('popup'), lmsPage.click('#launch')]);
      await popup.waitForSelector('.bd-js .bd-page:not([hidden]) .bd-page-title');
      await popup.click('.bd-next');
      expect(await popup.isHidden('.bd-player > .bd-status')).toBe(true); // not the standalone preview
      await popup.close({ runBeforeUnload: true });
      await lmsPage.waitForFunction(() => (window as unknown as { __calls: { fn: string }[] }).__calls.some((c) => c.fn === 'LMSFinish'));
      const cmi = await readCmi(lmsPage);
      await lmsPage.close();
      expect(core(cmi)['lesson_location']).toBe(mod.pages[1]!.id);
      expect(core(cmi)['exit']).toBe('suspend');
    }, 60_000);

    it('is completed once every page is seen, and finishes without suspend', async () => {
      const mod = course.modules[0]!;
      const { page, frame, offsite } = await openModule(browser, pkg, mod.meta.id, '/lms-mini.html');
      for (let i = 1; i < mod.pages.length; i++) {
        // Keyboard only: focus the button and press Enter.
        await frame.focus('.bd-next');
        await page.keyboard.press('Enter');
      }
      // On the last page the pager's main control is the next step: here, finishing the module.
      expect(await frame.getAttribute('.bd-next', 'data-step')).toBe('finish');
      expect(await frame.textContent('.bd-next')).toBe('Kết thúc học phần');
      await frame.waitForFunction(() => document.querySelector('.bd-live')?.textContent?.includes('hoàn thành'));
      await closeSco(page);
      const cmi = await readCmi(page);
      await page.close();
      expect(offsite).toEqual([]);
      expect(core(cmi)['lesson_status']).toBe('completed');
      expect(core(cmi)['exit']).toBe('');
      expect(parseSuspend(cmi).s).toBe('f');
    }, 60_000);

    it('shows its picture, fits a 360 px screen and speaks English for an English module', async () => {
      const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
      pkg.server.page('/lms-narrow.html', hostPage({ version: 'scorm12', launch: pkg.launch(course.modules[0]!.meta.id) }));
      await page.goto(pkg.server.origin + '/lms-narrow.html');
      const frame = await scoFrame(page);
      await frame.waitForSelector('.bd-js .bd-page:not([hidden])');
      await frame.click('.bd-next');
      await frame.waitForFunction(() => {
        const img = document.querySelector<HTMLImageElement>('.bd-page:not([hidden]) img');
        return img !== null && img.complete && img.naturalWidth > 0;
      });
      expect(await frame.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await page.close();

      const en = await browser.newPage();
      pkg.server.page('/lms-en.html', hostPage({ version: 'scorm12', launch: pkg.launch(course.modules[1]!.meta.id) }));
      await en.goto(pkg.server.origin + '/lms-en.html');
      const enFrame = await scoFrame(en);
      await enFrame.waitForSelector('.bd-js .bd-page:not([hidden])');
      expect(await enFrame.textContent('.bd-counter')).toBe('Page 1 of 2');
      expect(await enFrame.textContent('.bd-next')).toContain('Next page');
      expect(await enFrame.getAttribute('html', 'lang')).toBe('en');
      await en.close();
    }, 60_000);
  });
});
