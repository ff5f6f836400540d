import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildReport, reportHtml, toFact, type ComplianceReport } from '../../src/report/index.js';
import { launchChromium } from '../support/browser.js';
import { fixtureCatalogue, fixtureRoster, fixtureStatements, fixtureTaxonomy } from './fixture.js';

let browser: Browser;
let report: ComplianceReport;
beforeAll(async () => {
  browser = await launchChromium();
  const facts = fixtureStatements.map((s) => toFact(s)!);
  report = await buildReport(facts, {
    roster: fixtureRoster.learners,
    taxonomy: fixtureTaxonomy,
    catalogue: fixtureCatalogue,
    period: { from: '2026-01-01', to: '2026-12-31' },
    voided: new Set(facts.flatMap((f) => (f.voids ? [f.voids] : []))),
    generatedAt: '2027-01-06T01:30:00.000Z',
  });
});
afterAll(async () => {
  await browser?.close();
});

describe('HTML report in Chromium', () => {
  it('prints to A4 pages with the period, page numbers, totals and the signature block', async () => {
    const page = await browser.newPage();
    await page.setContent(reportHtml(report, fixtureTaxonomy, 'vi'));
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    if (process.env['BOIDUONG_REPORT_PDF']) writeFileSync(process.env['BOIDUONG_REPORT_PDF'], pdf);
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    const pages = (text.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(4);
    expect(await page.locator('h1').innerText()).toBe('Báo cáo kết quả bồi dưỡng cán bộ, công chức');
    expect(await page.locator('.meta').innerText()).toContain('Kỳ báo cáo: 01/01/2026 – 31/12/2026');
    // Generated at 01:30 UTC is 08:30 in Vietnam.
    expect(await page.locator('.meta').innerText()).toContain('Ngày lập: 06/01/2027 08:30 (giờ Việt Nam)');
    expect(await page.locator('tr.totals').count()).toBe(4);
    expect(await page.locator('.sign').innerText()).toMatch(/Người lập biểu[\s\S]*ngày 06 tháng 01 năm 2027[\s\S]*Thủ trưởng đơn vị/);
    expect(await page.locator('figure.chart figcaption').allInnerTexts()).toContain('Tỷ lệ đạt chuẩn theo chức danh');
    await page.close();
  });

  it('reads at 360 px: no page-wide scroll, one card per learner, chart text at least 10 px', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.setContent(reportHtml(report, fixtureTaxonomy, 'vi'));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const table = await page.locator('table.cards').boundingBox();
    expect(table!.width).toBeLessThanOrEqual(360);
    // Four learners as cards: a few hundred pixels each, not thousands.
    expect(table!.height).toBeLessThan(4 * 450);
    const smallest = await page.evaluate(() => Math.min(...[...document.querySelectorAll('figure.chart svg text')].map((t) => t.getBoundingClientRect().height)));
    expect(smallest).toBeGreaterThanOrEqual(10);
    await page.close();
  });

  it('keeps every label in English with --lang en: tiers, totals, actor, voided (the fixture positions have Vietnamese names only)', async () => {
    const html = reportHtml(report, fixtureTaxonomy, 'en');
    const page = await browser.newPage();
    await page.setContent(html);
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(/Actor|\(voided\)|Tổng cộng|Trình độ|Đạt|Chưa đạt|Kỳ báo cáo/);
    expect(text).toContain('Learner account');
    expect(text).toContain('Prepared by');
    // Statement ids live in the evidence appendix, linked to the learner row.
    expect(await page.locator('table.cards .ids').count()).toBe(0);
    expect(await page.locator('a[href="#hv-hv1"]').count()).toBe(1);
    await page.close();
  });
});
