/**
 * The catalogue, statement viewer and transcript are usable by everyone: axe-core finds no
 * violations, and at 360 px (a cheap phone) or 1,280 px nothing overflows the page sideways.
 * Checked with records in place, in Vietnamese and in English.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type RunningPreview } from '../../src/lms/index.js';
import { buildRuntime, launchChromium } from '../e2e/harness/index.js';
import { COURSE_ID, MODULE_ID, horizontalOverflow, playerFrame, readToEnd } from './support.js';
import { tempContent } from './support.js';
import { axeViolations } from '../support/axe.js';


describe('preview LMS pages: accessibility and 360 px', () => {
  let browser: Browser;
  let content: ReturnType<typeof tempContent>;
  let dataDir: string;
  let preview: RunningPreview;

  beforeAll(async () => {
    buildRuntime();
    content = tempContent();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'bd-lms-pages-'));
    [browser, preview] = await Promise.all([launchChromium(), startPreview({ contentDir: content.dir, dataDir, port: 0 })]);
    // Some records, so the viewer and transcript show tables, not empty states.
    const page = await browser.newPage();
    await page.goto(`${preview.url}/launch/${COURSE_ID}/${MODULE_ID}/xapi`);
    await readToEnd(await playerFrame(page));
    await page.waitForTimeout(500);
    await page.click('#back');
    await page.close();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await preview?.close();
    content?.remove();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  for (const [lang, width] of [['vi', 360], ['en', 360], ['vi', 1280], ['en', 1280]] as const) {
    for (const [name, url] of [
      ['catalogue', '/'],
      ['statements', '/statements'],
      ['transcript', '/transcript'],
    ] as const) {
      it(`${name} (${lang}): no axe violations, no horizontal overflow at ${width} px`, async () => {
        const context = await browser.newContext({ viewport: { width, height: 740 } });
        const page = await context.newPage();
        await page.goto(`${preview.url}/lang?to=${lang}&back=${encodeURIComponent(url)}`);
        expect(await page.getAttribute('html', 'lang')).toBe(lang);
        if (name === 'statements') await page.locator('#rows tr').first().waitFor();
        expect(await axeViolations(page)).toEqual([]);
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        await context.close();
      }, 60_000);
    }
  }
});
