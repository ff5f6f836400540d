import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { EXT } from '../../src/core/tracking.js';
import { fixture, readCases } from './helpers.js';
import { axeViolations } from '../support/axe.js';
import { caseBundle, collected, openCase, storedState } from './page.js';

const { cases } = readCases(fixture('gathering.md'), 'gathering.md');
let browser: Browser;
let page: Page;
let bundle: string;

beforeAll(async () => {
  [browser, bundle] = await Promise.all([launchChromium(), caseBundle()]);
  page = await browser.newPage({ viewport: { width: 360, height: 740 } });
});

afterAll(async () => {
  await browser?.close();
});

/** Press a choice with the keyboard, as a learner without a mouse would. */
async function pick(label: string): Promise<void> {
  const button = page.getByRole('button', { name: label });
  await button.focus();
  await page.keyboard.press('Enter');
}

async function focusedClass(): Promise<string> {
  return page.evaluate(() => (document.activeElement as HTMLElement | null)?.className ?? '');
}


describe('case player in Chromium at 360 px', () => {
  it('walks the best path with the keyboard, recording each decision and a 10/10 outcome', async () => {
    await openCase(page, bundle, { cases });
    await page.evaluate(() => localStorage.clear());
    await openCase(page, bundle, { cases });
    expect(await page.locator('.bd-case-situation').getAttribute('open')).not.toBeNull();
    expect(await axeViolations(page)).toEqual([]);

    await pick('Mời đại diện vào làm việc, lắng nghe');
    expect(await focusedClass()).toContain('bd-case-result');
    await expect.poll(() => page.locator('.bd-case-result').innerText()).toContain('Bà con cử năm người đại diện');
    expect(await page.locator('.bd-case-result').innerText()).toContain('Có mặt sớm, lắng nghe');
    // score 2 unlocks the dialogue choice; the "chose giai-tan" one stays hidden
    expect(await page.locator('.bd-case-choices button').allInnerTexts()).toEqual([
      'Hứa giải quyết ngay trong ngày',
      'Hẹn lịch đối thoại, giao rà soát hồ sơ',
    ]);
    await pick('Hẹn lịch đối thoại, giao rà soát hồ sơ');
    expect(await page.locator('[data-outcome]').innerText()).toContain('Tốt');
    expect(await page.locator('.bd-case-mark').innerText()).toContain('10/10 — Đạt. Xếp loại: Xuất sắc');

    await page.getByLabel(/Câu hỏi suy ngẫm/).fill('Báo cáo diễn biến, kiến nghị của dân và lịch đối thoại.');
    await page.getByRole('button', { name: 'Gửi câu trả lời' }).click();
    expect(await page.locator('.bd-case-reflection .bd-note').innerText()).toBe('Đã gửi câu trả lời cho giảng viên.');

    const { records, outcomes, announced } = await collected(page);
    expect(records.map((r) => [r.id, r.type, r.scorm2004.learnerResponse, r.result])).toEqual([
      ['tap-trung.mo-dau', 'choice', 'a', 'correct'],
      ['tap-trung.lang-nghe', 'choice', 'b', 'correct'],
      ['tap-trung.ket-tot-r1', 'long-fill-in', 'Báo cáo diễn biến, kiến nghị của dân và lịch đối thoại.', 'neutral'],
    ]);
    expect(records[0]!.latencyMs).toBeGreaterThanOrEqual(0);
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ kind: 'case', id: 'tap-trung', mark: 10, raw: 4, max: 4, passed: true, weight: 0.4, gradeBand: 'xuat-sac' });
    expect(outcomes[0]!.extensions![EXT.casePath]).toEqual(['mo-dau', 'lang-nghe', 'ket-tot']);
    expect(outcomes[0]!.extensions![EXT.caseOutcome]).toBe('tot');
    expect(announced).toContain('Đã chọn: Mời đại diện vào làm việc, lắng nghe. Tiếp theo: Làm việc với đại diện.');
    expect(await axeViolations(page)).toEqual([]);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
  });

  it('resumes at the same scene with the same path after a relaunch, without reporting twice', async () => {
    // The walk itself stays compact; the sent reflection's text is kept beside it.
    const state = JSON.parse(await storedState(page)) as Record<string, unknown>;
    expect(JSON.stringify(state['walk']).length).toBeLessThan(120);
    await openCase(page, bundle, { cases });
    expect(await page.locator('.bd-case-scene').getAttribute('data-scene')).toBe('ket-tot');
    expect(await page.locator('.bd-case-path li').allInnerTexts()).toHaveLength(3);
    expect(await page.locator('.bd-case-reflection .bd-note').innerText()).toBe('Đã gửi câu trả lời cho giảng viên.');
    // The sent text reads again, as sent, and stays final.
    const field = page.getByLabel(/Câu hỏi suy ngẫm/);
    expect(await field.inputValue()).toBe('Báo cáo diễn biến, kiến nghị của dân và lịch đối thoại.');
    expect(await field.evaluate((f) => (f as HTMLTextAreaElement).readOnly)).toBe(true);
    const { outcomes } = await collected(page);
    expect(outcomes).toEqual([]);
  });

  it('after a relaunch under a small resume limit, shows the start of a long sent reflection and says so, or says it was sent when none fits', async () => {
    const walk = async (limit: number, answer: string): Promise<void> => {
      await page.evaluate(() => localStorage.clear());
      await openCase(page, bundle, { cases, stateLimit: limit });
      await pick('Mời đại diện vào làm việc, lắng nghe');
      await pick('Hẹn lịch đối thoại, giao rà soát hồ sơ');
      await page.getByLabel(/Câu hỏi suy ngẫm/).fill(answer);
      await page.getByRole('button', { name: 'Gửi câu trả lời' }).click();
      await openCase(page, bundle, { cases, stateLimit: limit });
    };
    const answer = 'Báo cáo Thường trực Đảng ủy diễn biến buổi làm việc, các kiến nghị của bà con và lịch đối thoại; giao cán bộ địa chính rà soát hồ sơ. '.repeat(5);
    await walk(400, answer);
    const field = page.getByLabel(/Câu hỏi suy ngẫm/);
    const shown = await field.inputValue();
    expect(shown.length).toBeGreaterThan(50);
    expect(answer.startsWith(shown)).toBe(true);
    expect(await page.locator('.bd-case-reflection .bd-note').innerText()).toBe(
      `Đã gửi câu trả lời cho giảng viên. Ở đây chỉ hiện lại ${shown.length} ký tự đầu trong tổng số ${answer.length} ký tự đồng chí đã gửi: chỗ lưu tạm của hệ thống học tập không giữ được cả câu trả lời.`,
    );
    expect((await storedState(page)).length).toBeLessThanOrEqual(400);

    // Room for the walk only: no empty, locked field, but a word that the answer went.
    const walkOnly = (await storedState(page)).length - shown.length;
    await walk(walkOnly, answer);
    expect(await page.locator('.bd-case-reflection textarea').isHidden()).toBe(true);
    expect(await page.locator('.bd-case-reflection .bd-note').innerText()).toBe(
      'Đã gửi câu trả lời cho giảng viên. Đồng chí đã gửi câu trả lời này trong lần học trước; chỗ lưu tạm của hệ thống học tập không còn chỗ để hiện lại nội dung ở đây.',
    );
    expect(await page.getByRole('button', { name: 'Đã gửi câu trả lời' }).isVisible()).toBe(true);
  });

  it('walks a second path with a step back where the author allows it', async () => {
    await page.evaluate(() => localStorage.clear());
    await openCase(page, bundle, { cases });
    await pick('Đề nghị lực lượng công an giải tán');
    await pick('Tiếp tục cứng rắn');
    expect(await page.locator('.bd-case-mark').innerText()).toContain('0/10 — Chưa đạt');
    await page.getByRole('button', { name: 'Quay lại để chọn cách khác' }).click();
    expect(await page.locator('.bd-case-scene').getAttribute('data-scene')).toBe('giai-tan');
    expect(await focusedClass()).toBe('');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H4');
    await pick('Dừng lại, mời đại diện vào làm việc');
    expect(await page.locator('.bd-case-choices button').allInnerTexts()).toEqual([
      'Hứa giải quyết ngay trong ngày',
      'Ghi nhận, báo cáo Thường trực Đảng ủy',
    ]);
    await pick('Ghi nhận, báo cáo Thường trực Đảng ủy');
    expect(await page.locator('[data-outcome]').innerText()).toContain('Chấp nhận được');

    const { records, outcomes } = await collected(page);
    expect(records.map((r) => `${r.id}=${r.scorm12.studentResponse}:${r.result}`)).toEqual([
      'tap-trung.mo-dau=b:incorrect',
      'tap-trung.giai-tan=b:incorrect',
      'tap-trung.giai-tan=a:correct',
      'tap-trung.lang-nghe=c:correct',
    ]);
    expect(outcomes.map((o) => [o.mark, o.passed, o.extensions![EXT.caseOutcome]])).toEqual([
      [0, false, 'sai-nguyen-tac'],
      [0, false, 'chap-nhan-duoc'],
    ]);
    expect(outcomes[1]!.extensions![EXT.casePath]).toEqual(['mo-dau', 'giai-tan', 'lang-nghe', 'ket-chap-nhan']);
  });

  it('in review mode the learner can walk but nothing is recorded', async () => {
    await page.evaluate(() => localStorage.clear());
    await openCase(page, bundle, { cases, mode: 'review', lang: 'en' });
    expect(await page.locator('.bd-note').first().innerText()).toBe('Viewing only: choices are not recorded or graded.');
    await pick('Mời đại diện vào làm việc, lắng nghe');
    const { records, outcomes } = await collected(page);
    expect(records).toEqual([]);
    expect(outcomes).toEqual([]);
    expect(await storedState(page)).toBe('');
  });
});
