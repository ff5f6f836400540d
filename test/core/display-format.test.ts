/**
 * Numbers, days and times as a person reads them. The Vietnamese numbers are pinned twice: to
 * the text Vietnamese documents use, and to what Node's and Chromium's Intl give for 'vi', so a
 * change on either side shows here. Intl's 'vi' dates ("1/12/26") are not what documents write,
 * which is why days and times are written out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  deviceOffsetMinutes,
  formatDate,
  formatDateTime,
  formatDay,
  formatDuration,
  formatMark,
  formatNumber,
  formatPercent,
} from '../../src/core/index.js';
import { launchChromium } from '../support/browser.js';

const SAMPLES = [0, 7, 7.5, 8.25, 10, 0.1 + 0.2, 1.005, 2.675, 999, 1000, 1234.5, 1234567.891, -3.5, -0.001, 42.5, 0.125];

describe('formatNumber', () => {
  it('writes Vietnamese numbers with a decimal comma and thousands dots', () => {
    expect(formatNumber(7.5, 'vi')).toBe('7,5');
    expect(formatNumber(10, 'vi')).toBe('10');
    expect(formatNumber(1234.5, 'vi')).toBe('1.234,5');
    expect(formatNumber(1234567.891, 'vi')).toBe('1.234.567,89');
    expect(formatNumber(0.1 + 0.2, 'vi')).toBe('0,3');
    expect(formatNumber(-3.5, 'vi')).toBe('-3,5');
    expect(formatNumber(-0.001, 'vi')).toBe('0');
    expect(formatNumber(4000, 'vi')).toBe('4.000');
    // Rounded on the number as written (1.005), not on its binary value (1.00499…), as Intl does.
    expect(formatNumber(1.005, 'vi')).toBe('1,01');
    expect(formatNumber(9.995, 'vi')).toBe('10');
    expect(formatNumber(1e-7, 'vi', { decimals: 10 })).toBe('0,0000001');
    expect(formatNumber(1e21, 'vi')).toBe('1.000.000.000.000.000.000.000');
  });

  it('writes English numbers with a decimal point and thousands commas', () => {
    expect(formatNumber(7.5, 'en')).toBe('7.5');
    expect(formatNumber(1234567.891, 'en')).toBe('1,234,567.89');
  });

  it('leaves thousands ungrouped where the trainee must type the number back', () => {
    expect(formatNumber(1234.5, 'vi', { grouping: false })).toBe('1234,5');
    expect(formatNumber(0.000125, 'vi', { decimals: 10, grouping: false })).toBe('0,000125');
  });

  it('rounds to the decimals asked for', () => {
    expect(formatNumber(42.56, 'vi', { decimals: 1 })).toBe('42,6');
    expect(formatNumber(2.5, 'vi', { decimals: 0 })).toBe('3');
  });

  it('agrees with Node’s Intl for vi and en', () => {
    for (const n of SAMPLES) {
      expect(formatNumber(n, 'vi')).toBe(new Intl.NumberFormat('vi', { maximumFractionDigits: 2 }).format(n).replace(/^-0$/, '0'));
      expect(formatNumber(n, 'en')).toBe(new Intl.NumberFormat('en', { maximumFractionDigits: 2 }).format(n).replace(/^-0$/, '0'));
    }
  });
});

describe('marks and percentages', () => {
  it('marks keep two decimals; percentages take a space before the sign in Vietnamese only', () => {
    expect(formatMark(8.25, 'vi')).toBe('8,25');
    expect(formatMark(7.5, 'en')).toBe('7.5');
    expect(formatPercent(75, 'vi')).toBe('75 %');
    expect(formatPercent(42.55, 'vi')).toBe('42,6 %');
    expect(formatPercent(75, 'en')).toBe('75%');
  });
});

describe('days and times', () => {
  it('writes dd/mm/yyyy HH:mm in Vietnam time for Vietnamese, ISO days for English', () => {
    // 17:05 UTC on 30 June is 00:05 on 1 July in Hà Nội.
    expect(formatDateTime('2025-06-30T17:05:09.123Z', 'vi')).toBe('01/07/2025 00:05');
    expect(formatDate('2025-06-30T17:05:09Z', 'vi')).toBe('01/07/2025');
    expect(formatDateTime('2025-06-30T17:05:09Z', 'en')).toBe('2025-07-01 00:05');
    expect(formatDay('2025-07-01', 'vi')).toBe('01/07/2025');
    expect(formatDay('2025-07-01', 'en')).toBe('2025-07-01');
  });

  it('uses the offset it is given (the device’s own in the player)', () => {
    expect(formatDateTime('2025-06-30T17:05:00Z', 'vi', 0)).toBe('30/06/2025 17:05');
    const at = new Date('2025-06-30T17:05:00Z');
    expect(deviceOffsetMinutes(at)).toBe(-at.getTimezoneOffset());
  });

  it('keeps a stamp it cannot read as it came', () => {
    expect(formatDateTime('hôm qua', 'vi')).toBe('hôm qua');
    expect(formatDay('2025-7-1', 'vi')).toBe('2025-7-1');
  });
});

describe('durations', () => {
  it('reads an xAPI duration in words', () => {
    expect(formatDuration('PT1H2M3.45S', 'vi')).toBe('1 giờ 2 phút 3,5 giây');
    expect(formatDuration('PT1H2M3.45S', 'en')).toBe('1 h 2 min 3.5 s');
    expect(formatDuration('PT0S', 'vi')).toBe('0 giây');
    expect(formatDuration('P1DT30M', 'vi')).toBe('24 giờ 30 phút');
    expect(formatDuration('PT', 'vi')).toBe('PT');
    expect(formatDuration('12 phút', 'vi')).toBe('12 phút');
  });
});

describe('Chromium’s Intl for vi and en', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('gives the same numbers as formatNumber, and dates that are not dd/mm/yyyy', async () => {
    const page = await browser.newPage();
    const got = await page.evaluate((samples) => {
      const f = (lang: string) => new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
      return {
        vi: samples.map((n) => f('vi').format(n)),
        en: samples.map((n) => f('en').format(n)),
        viDate: new Intl.DateTimeFormat('vi', { dateStyle: 'short', timeZone: 'UTC' }).format(new Date('2025-07-01T00:00:00Z')),
      };
    }, SAMPLES);
    expect(got.vi.map((s) => s.replace(/^-0$/, '0'))).toEqual(SAMPLES.map((n) => formatNumber(n, 'vi')));
    expect(got.en.map((s) => s.replace(/^-0$/, '0'))).toEqual(SAMPLES.map((n) => formatNumber(n, 'en')));
    expect(got.viDate).not.toBe('01/07/2025');
    await page.close();
  }, 30_000);
});
