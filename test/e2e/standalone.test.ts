/** With no LMS around, a package still runs (preview) and a reload resumes from this browser's storage. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildRuntime, launchChromium, repoRoot, servePackage, type ServedPackage } from './harness/index.js';
import { axeViolations } from '../support/axe.js';
import { readTestCourse } from '../support/course.js';


describe('standalone player (no LMS)', () => {
  let browser: Browser;
  let pkg: ServedPackage;
  let moduleId = '';
  let titles: string[] = [];
  beforeAll(async () => {
    buildRuntime();
    const { course, taxonomy } = await readTestCourse(path.join(repoRoot, 'test', 'fixtures', 'courses', 'mini'));
    moduleId = course.modules[0]!.meta.id;
    titles = course.modules[0]!.pages.map((p) => p.title);
    pkg = await servePackage(course, taxonomy, 'scorm12');
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await pkg?.close();
  });

  it('says it is a preview, keeps the place across a reload, and calls nothing outside the package', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pkg.server.origin + pkg.launch(moduleId));
    await page.waitForSelector('.bd-js .bd-page:not([hidden]) .bd-page-title');
    expect(await page.textContent('.bd-player > .bd-status')).toContain('xem thử');
    await page.click('.bd-next');
    await page.click('.bd-next');
    expect(await page.textContent('.bd-page:not([hidden]) .bd-page-title')).toBe(titles[2]);
    await page.reload();
    await page.waitForSelector('.bd-js .bd-page:not([hidden]) .bd-page-title');
    expect(await page.textContent('.bd-page:not([hidden]) .bd-page-title')).toBe(titles[2]);
    expect(await page.locator('.bd-list-item.bd-is-seen').count()).toBe(3);
    expect(requests.filter((u) => !u.startsWith(pkg.server.origin))).toEqual([]);
    await context.close();
  }, 60_000);

  for (const width of [360, 1280]) {
    it(`has no accessibility violations found by axe at ${width} px`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 800 } });
      await page.goto(pkg.server.origin + pkg.launch(moduleId));
      await page.waitForSelector('.bd-js .bd-page:not([hidden]) .bd-page-title');
      await page.click('.bd-next'); // a page with an image and the status line
      const violations = await axeViolations(page);
      expect(violations).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.close();
    }, 60_000);
  }
});
