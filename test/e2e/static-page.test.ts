/**
 * A trainee on a phone (360 × 740): the module's pages are in the page itself, readable and
 * navigable without JavaScript; the player then takes them over without moving what is on
 * screen; and on the last page the pager's main control is the next step, not "previous page".
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildRuntime, launchChromium, repoRoot, servePackage, type ServedPackage } from './harness/index.js';
import { axeViolations } from '../support/axe.js';
import { readTestCourse } from '../support/course.js';
import type { Course } from '../../src/core/model.js';

const PHONE = { width: 360, height: 740 };
const READY = '.bd-js .bd-page:not([hidden]) .bd-page-title';

describe('the module page before, without and with the player', () => {
  let browser: Browser;
  let sample: ServedPackage;
  let mini: ServedPackage;
  let course: Course;
  let miniCourse: Course;
  beforeAll(async () => {
    buildRuntime();
    const s = await readTestCourse(path.join(repoRoot, 'content', 'courses', 'boi-duong-bi-thu-dang-uy-xa'));
    const m = await readTestCourse(path.join(repoRoot, 'test', 'fixtures', 'courses', 'mini'));
    course = s.course;
    miniCourse = m.course;
    [sample, mini] = await Promise.all([servePackage(s.course, s.taxonomy, 'scorm12'), servePackage(m.course, m.taxonomy, 'scorm12')]);
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await Promise.all([sample?.close(), mini?.close()]);
  });

  const visibleTitle = (page: Page): Promise<string> =>
    page.locator('.bd-page-title:visible').first().textContent().then((t) => t ?? '');

  it('reads and pages through without JavaScript: heading, text, question prompt, page links', async () => {
    const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    const mod = course.modules[0]!;
    await page.goto(sample.server.origin + sample.launch(mod.meta.id));
    expect(await page.locator('.bd-page-title:visible').count()).toBe(1);
    expect(await visibleTitle(page)).toBe(mod.pages[0]!.title);
    const first = mod.questions[0]!;
    await expect.poll(() => page.locator(`[data-bd-question="${first.id}"] .bd-prompt`).isVisible()).toBe(true);
    // The note is the page's <noscript> style, shown after every question.
    const note = await page.$eval(`[data-bd-question="${first.id}"]`, (el) => getComputedStyle(el, '::after').content);
    expect(note).toBe('"Câu hỏi này cần bật JavaScript để trả lời."');
    expect(await page.locator('.bd-status:visible').first().textContent()).toContain('cần bật JavaScript');
    // The page list is a list of links; the third page replaces the first, in the same document.
    await page.click('.bd-toc summary');
    await page.click(`.bd-list-item[data-page="2"]`);
    expect(await visibleTitle(page)).toBe(mod.pages[2]!.title);
    expect(await page.locator('.bd-page-title:visible').count()).toBe(1);
    await page.locator('.bd-page:visible .bd-link-next').click();
    expect(await visibleTitle(page)).toBe(mod.pages[3]!.title);
    await page.locator('.bd-page:visible .bd-link-prev').click();
    expect(await visibleTitle(page)).toBe(mod.pages[2]!.title);
    expect(new URL(page.url()).pathname).toBe(sample.launch(mod.meta.id));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await context.close();
  }, 60_000);

  it('shows the first page before the script, and the player keeps its heading where it was', async () => {
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    // Hold the player back until the page as written has been seen and measured.
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/player/player.js', async (route) => {
      await held;
      await route.continue();
    });
    await page.addInitScript(() => {
      const w = window as unknown as { __shift: number };
      w.__shift = 0;
      new PerformanceObserver((l) => {
        for (const e of l.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) if (!e.hadRecentInput) w.__shift += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const mod = course.modules[0]!;
    await page.goto(sample.server.origin + sample.launch(mod.meta.id), { waitUntil: 'commit' });
    const heading = page.locator(`#bd-page-${mod.pages[0]!.id} .bd-page-title`);
    await heading.waitFor({ state: 'visible' });
    await page.waitForSelector('#bd-data', { state: 'attached' });
    const before = await heading.boundingBox();
    expect(before).not.toBeNull();
    expect(await page.locator('.bd-js').count()).toBe(0);
    // The page as written (what a slow line shows first) is accessible on its own.
    expect(await axeViolations(page), 'before the player').toEqual([]);
    release();
    await page.waitForSelector(READY);
    await page.waitForSelector(`[data-bd-question="${mod.questions[0]!.id}"] input`, { state: 'attached' });
    await page.waitForTimeout(200);
    expect(await heading.boundingBox()).toEqual(before);
    expect(await page.evaluate(() => (window as unknown as { __shift: number }).__shift)).toBeLessThan(0.01);
    await context.close();
  }, 60_000);

  it('on the last page the one prominent control is the next step: the open case, then finishing', async () => {
    const page = await browser.newPage({ viewport: PHONE });
    const mod = course.modules[0]!;
    await page.goto(sample.server.origin + sample.launch(mod.meta.id));
    await page.waitForSelector(READY);
    const casePage = mod.pages.findIndex((p) => p.html.includes('data-bd-case'));
    await page.click('.bd-toc summary');
    await page.click(`.bd-list-item[data-page="${mod.pages.length - 1}"]`);
    expect(await page.getAttribute('.bd-next', 'data-step')).toBe('page');
    expect(await page.textContent('.bd-next')).toBe('Đến tình huống →');
    // "Previous page" is drawn as the secondary control; the next step is the filled one.
    const fill = (sel: string) => page.$eval(sel, (e) => getComputedStyle(e).backgroundColor);
    expect(await fill('.bd-prev')).toBe('rgb(255, 255, 255)');
    expect(await fill('.bd-next')).not.toBe('rgb(255, 255, 255)');
    expect(await axeViolations(page)).toEqual([]);
    await page.click('.bd-next');
    expect(await page.textContent('.bd-page:not([hidden]) .bd-page-title')).toBe(mod.pages[casePage]!.title);
    await page.close();

    // A module with nothing graded: the last page finishes it and says what is left in the course.
    const plain = await browser.newPage({ viewport: PHONE });
    const first = miniCourse.modules[0]!;
    await plain.goto(mini.server.origin + mini.launch(first.meta.id));
    await plain.waitForSelector(READY);
    while ((await plain.getAttribute('.bd-next', 'data-step')) === 'next') await plain.click('.bd-next');
    expect(await plain.getAttribute('.bd-next', 'data-step')).toBe('finish');
    expect(await plain.textContent('.bd-next')).toBe('Kết thúc học phần');
    await plain.click('.bd-next');
    const end = plain.locator('.bd-end');
    await expect.poll(() => end.isVisible()).toBe(true);
    expect(await end.textContent()).toContain(`Tiếp theo trong khóa học: học phần “${miniCourse.modules[1]!.meta.title}”.`);
    // No LMS around this page: the trainee is told the result stays in this browser.
    expect(await end.textContent()).toContain('Chế độ xem thử');
    expect(await plain.evaluate(() => document.activeElement?.classList.contains('bd-end'))).toBe(true);
    expect(await axeViolations(plain)).toEqual([]);

    // The course's last module says so, in its own language.
    const last = miniCourse.modules[1]!;
    await plain.goto(mini.server.origin + mini.launch(last.meta.id));
    await plain.waitForSelector(READY);
    while ((await plain.getAttribute('.bd-next', 'data-step')) === 'next') await plain.click('.bd-next');
    expect(await plain.textContent('.bd-next')).toBe('Finish the module');
    await plain.click('.bd-next');
    expect(await plain.locator('.bd-end').textContent()).toContain('This is the last module of the course.');
    await plain.close();
  }, 60_000);

  it('has no accessibility violations on a question page, a case page and the test module at 360 px', async () => {
    const page = await browser.newPage({ viewport: PHONE });
    const mod = course.modules[0]!;
    await page.goto(sample.server.origin + sample.launch(mod.meta.id));
    await page.waitForSelector(READY);
    await page.waitForSelector('.bd-page:not([hidden]) .bd-quiz input');
    expect(await axeViolations(page), 'question page').toEqual([]);
    const casePage = mod.pages.findIndex((p) => p.html.includes('data-bd-case'));
    await page.click('.bd-toc summary');
    await page.click(`.bd-list-item[data-page="${casePage}"]`);
    await page.waitForSelector('.bd-page:not([hidden]) .bd-case button');
    expect(await axeViolations(page), 'case page').toEqual([]);
    const exam = course.modules.find((m) => m.tests.length > 0)!;
    await page.goto(sample.server.origin + sample.launch(exam.meta.id));
    await page.waitForSelector(READY);
    await page.click('.bd-toc summary');
    await page.click(`.bd-list-item[data-page="${exam.pages.length - 1}"]`);
    expect(await page.textContent('.bd-next')).toBe('Đến bài kiểm tra →');
    expect(await axeViolations(page), 'last page of the test module').toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.close();
  }, 60_000);
});
