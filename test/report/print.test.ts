import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildReport, reportHtml, toFact } from '../../src/report/index.js';
import { launchChromium } from '../support/browser.js';
import { fixtureCatalogue, fixtureRoster, fixtureStatements, fixtureTaxonomy } from './fixture.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('HTML report in Chromium', () => {
  it('prints to A4 PDF pages and lays out at 360 px without horizontal overflow of the page', async () => {
    const facts = fixtureStatements.map((s) => toFact(s)!);
    const report = await buildReport(facts, {
      roster: fixtureRoster.learners,
      taxonomy: fixtureTaxonomy,
      catalogue: fixtureCatalogue,
      period: { from: '2026-01-01', to: '2026-12-31' },
      voided: new Set(facts.flatMap((f) => (f.voids ? [f.voids] : []))),
    });
    const page = await browser.newPage();
    await page.setContent(reportHtml(report, fixtureTaxonomy, 'vi'));
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    const pages = (text.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(4);
    // The headings render in the document's font with Vietnamese marks intact.
    expect(await page.locator('h1').innerText()).toBe('Báo cáo kết quả bồi dưỡng cán bộ, công chức');
    expect(await page.locator('figure.chart svg rect').count()).toBeGreaterThan(0);
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.close();
  });
});
