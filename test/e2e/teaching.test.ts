/**
 * A trainee on a 360 × 740 phone, in a real SCORM 1.2 package under scorm-again with credit and a
 * mastery score (as Moodle launches it): a wrong answer shows the right one and the explanation
 * where the author's review allows and not where it forbids; a sent answer is not sent again and
 * the button says so; an ordering question is put right with the keyboard alone; the module is
 * not complete, and has no grade in the LMS, until the case's reflection is written, across a
 * relaunch; the last page says what the mark is made of. axe finds nothing on the question page
 * and the case page.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Frame, Page } from 'playwright-core';
import type { Course } from '../../src/core/model.js';
import type { Taxonomy } from '../../src/core/taxonomy.js';
import { readTestCourse } from '../support/course.js';
import { axeViolations } from '../support/axe.js';
import { questionOf } from '../quiz/learner.js';
import { buildRuntime, closeSco, hostPage, launchChromium, nextLaunchCmi12, readCmi, repoRoot, scoFrame, servePackage, type ServedPackage } from './harness/index.js';

const FIXTURE = path.join(repoRoot, 'test', 'e2e', 'fixtures', 'teaching');
const MODULE = 'tiep-cong-dan';
/** What an LMS sets from the manifest's adlcp:masteryscore for a credit launch. */
const LMS_CMI = { core: { credit: 'credit', lesson_mode: 'normal' }, student_data: { mastery_score: '50' } };
const SHOWN = '.bd-page:not([hidden])';

let browser: Browser;
let course: Course;
let taxonomy: Taxonomy;
let pkg: ServedPackage;

beforeAll(async () => {
  buildRuntime();
  ({ course, taxonomy } = await readTestCourse(FIXTURE));
  [browser, pkg] = await Promise.all([launchChromium(), servePackage(course, taxonomy, 'scorm12')]);
}, 120_000);

afterAll(async () => {
  await Promise.all([browser?.close(), pkg?.close()]);
});

type Cmi = Record<string, unknown>;
const list = (o: unknown): Record<string, unknown>[] =>
  Array.isArray(o) ? (o as Record<string, unknown>[]) : Object.values((o ?? {}) as Record<string, Record<string, unknown>>);
const core = (cmi: Cmi): Record<string, any> => cmi['core'] as Record<string, any>;

async function open(host: string, cmi: Cmi): Promise<{ page: Page; frame: Frame }> {
  pkg.server.page(host, hostPage({ version: 'scorm12', launch: pkg.launch(MODULE), cmi }));
  const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
  await page.goto(pkg.server.origin + host);
  const frame = await scoFrame(page);
  await frame.waitForSelector(`${SHOWN} .bd-page-title`);
  return { page, frame };
}

/** Presses the question's check button; its handler redraws the feedback before the click returns. */
async function check(frame: Frame, question: string): Promise<string> {
  await frame.click(`${question} .bd-actions button`);
  await frame.waitForSelector(`${question} .bd-feedback`);
  return (await frame.textContent(question)) ?? '';
}

describe('feedback that teaches, marks a trainee can trust, no completion before the reflection', () => {
  it('a wrong answer shows the right one and why where review allows, not where it forbids; a sent answer is not sent again', async () => {
    const { page, frame } = await open('/lms/feedback.html', LMS_CMI);
    // Three questions on one page: each says where it stands.
    expect(await frame.$$eval(`${SHOWN} .bd-qhead`, (els) => els.map((e) => e.textContent))).toEqual(['Câu 1/3', 'Câu 2/3', 'Câu 3/3']);
    expect(await frame.textContent(`${SHOWN} .bd-practice-note`)).toBe('Câu hỏi ôn tập: không tính vào điểm học phần.');

    // Default review (one answer): wrong, so the right answer and the explanation show at once.
    const allowed = '[data-bd-question="lich-tiep"]';
    await frame.check(`${allowed} input[value="a"]`);
    const shown = await check(frame, allowed);
    expect(shown).toContain('Chưa đúng.');
    expect(shown).toContain('Quá thưa so với quy định.');
    expect(await frame.textContent(`${allowed} [data-choice="b"]`)).toContain('(Đáp án đúng)');
    expect(await frame.textContent(`${allowed} .bd-right-answer`)).toBe('Đáp án đúng: Mỗi tháng một ngày');
    expect(shown).toContain('Giải thích');
    expect(shown).toContain('ít nhất một ngày trong một tháng');
    const sent = `${allowed} .bd-actions button`;
    expect(await frame.textContent(sent)).toBe('Đã gửi câu trả lời');
    expect(await frame.getAttribute(sent, 'aria-disabled')).toBe('true');
    expect(await frame.isDisabled(`${allowed} input[value="b"]`)).toBe(true);
    // Pressed again (it stays focusable, so the keyboard reaches it): refused, said so, nothing more recorded.
    await frame.focus(sent);
    await page.keyboard.press('Enter');
    expect(await frame.textContent(`${allowed} .bd-refused`)).toBe('Câu trả lời đã được gửi; câu hỏi này không nhận gửi lại.');

    // review=never, attempts=2: the retry left is on the button; neither answer nor explanation is given away.
    const forbidden = '[data-bd-question="giu-bi-mat"]';
    await frame.check(`${forbidden} input[value="a"]`);
    let text = await check(frame, forbidden);
    expect(text).toContain('Không bao giờ chuyển đơn cho người bị tố cáo.');
    expect(await frame.textContent(`${forbidden} .bd-actions button`)).toBe('Kiểm tra lại (còn 1 lần)');
    await frame.check(`${forbidden} input[value="c"]`);
    text = await check(frame, forbidden);
    expect(await frame.textContent(`${forbidden} .bd-actions button`)).toBe('Đã gửi câu trả lời');
    expect(text).toContain('Chưa đúng.');
    expect(text).not.toContain('Đáp án đúng');
    expect(text).not.toContain('Giải thích');
    expect(text).not.toContain('giữ bí mật thông tin người tố cáo');

    expect(await axeViolations(frame, SHOWN)).toEqual([]);
    expect(await frame.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    const ids = list((await readCmi(page))['interactions']).map((i) => i['id']);
    expect(ids).toEqual(['lich-tiep', 'giu-bi-mat', 'giu-bi-mat']);
    await page.close();
  }, 90_000);

  it('an ordering question says how to reorder, and the keyboard alone puts it right', async () => {
    const { page, frame } = await open('/lms/ordering.html', LMS_CMI);
    const q = '[data-bd-question="trinh-tu"]';
    expect(await frame.textContent(`${q} .bd-order-help`)).toContain('Dùng bàn phím: nhấn Tab tới nút của bước cần chuyển rồi nhấn Enter hoặc phím cách');
    const ordering = questionOf(course, 'trinh-tu');
    if (ordering.kind !== 'ordering') throw new Error('trinh-tu is not an ordering question');
    const right = ordering.steps.map((s) => s.id);
    const order = (): Promise<string[]> => frame.$$eval(`${q} li[data-step]`, (ls) => ls.map((l) => l.getAttribute('data-step')!));
    expect(await order()).not.toEqual(right);
    for (let i = 0; i < right.length; i++) {
      let at = (await order()).indexOf(right[i]!);
      if (at === i) continue;
      await frame.focus(`${q} li[data-step="${right[i]}"] [data-move="up"]`);
      // Enter and Space both move the step; focus stays on it, so the next press moves it again.
      for (; at > i; at--) await page.keyboard.press(at % 2 === 0 ? 'Enter' : 'Space');
      expect(await frame.evaluate(() => document.activeElement?.closest('li')?.getAttribute('data-step'))).toBe(right[i]);
    }
    expect(await order()).toEqual(right);
    await frame.focus(`${q} .bd-actions button`);
    await page.keyboard.press('Enter');
    await frame.waitForSelector(`${q} .bd-feedback`);
    expect(await frame.textContent(`${q} .bd-feedback`)).toContain('Đúng.');
    const recorded = list((await readCmi(page))['interactions']).find((i) => i['id'] === 'trinh-tu');
    expect(recorded).toMatchObject({ type: 'sequencing', result: 'correct' });
    await page.close();
  }, 90_000);

  it('the reflection comes before completion and grade, across a relaunch; the last page says what the mark is made of', async () => {
    const first = await open('/lms/case-1.html', LMS_CMI);
    await first.frame.click('.bd-next');
    await first.frame.getByRole('button', { name: 'Mời vào phòng tiếp dân, lắng nghe và ghi biên bản', exact: true }).press('Enter');
    await first.frame.waitForSelector('[data-outcome="tot"]');
    expect(await first.frame.textContent('.bd-case-reflection .bd-note')).toContain('thì mới hoàn thành học phần');
    expect(await axeViolations(first.frame, SHOWN)).toEqual([]);
    await first.frame.click('.bd-next');
    await first.frame.waitForFunction(() => document.querySelector('.bd-status')?.textContent?.includes('còn phải gửi câu trả lời thu hoạch'));
    expect(await first.frame.textContent('.bd-status')).not.toContain('Đồng chí đã hoàn thành học phần');
    const summary = async (frame: Frame): Promise<string[]> => frame.$$eval(`${SHOWN} .bd-grade-summary li, ${SHOWN} .bd-grade-summary p`, (els) => els.map((e) => e.textContent ?? ''));
    expect(await summary(first.frame)).toEqual([
      'Điểm học phần là điểm của phần dưới đây; điểm đạt: 5/10.',
      'Tình huống “Một người dân mang đơn đến trụ sở”: toàn bộ điểm học phần — 10/10, Đạt (xếp loại Xuất sắc)',
      '3 câu hỏi ôn tập trên các trang của học phần không tính vào điểm học phần.',
      'Điểm học phần: 10/10, Đạt (xếp loại Xuất sắc).',
      'Để hoàn thành học phần, đồng chí còn phải gửi câu trả lời thu hoạch của tình huống “Một người dân mang đơn đến trụ sở”.',
    ]);
    await closeSco(first.page);
    const left = await readCmi(first.page);
    // No completion and no score yet: a score alone would make this LMS call the module passed.
    expect(core(left)['lesson_status']).toBe('incomplete');
    expect(core(left)['score']['raw']).toBe('');
    await first.page.close();

    // Relaunch: still owed, on whatever page the trainee lands; writing it completes the module.
    const second = await open('/lms/case-2.html', nextLaunchCmi12(left));
    expect(await second.frame.textContent(`${SHOWN} .bd-page-title`)).toBe('Kết thúc');
    await second.frame.waitForFunction(() => document.querySelector('.bd-status')?.textContent?.includes('còn phải gửi câu trả lời thu hoạch'));
    await second.frame.click('.bd-prev');
    await second.frame.getByLabel(/Câu hỏi suy ngẫm/).fill('Giao công chức tư pháp theo dõi, báo lại trong mười ngày.');
    await second.frame.getByRole('button', { name: 'Gửi câu trả lời' }).click();
    await second.frame.waitForFunction(() => document.querySelector('.bd-status')?.textContent?.includes('Đồng chí đã hoàn thành học phần.'));
    expect(await second.frame.textContent('.bd-status')).toBe('Đồng chí đã hoàn thành học phần. Đạt: 10/10 (100 %).');
    // The reflection, once sent, is final like any sent answer.
    const resend = second.frame.locator('.bd-case-reflection .bd-actions button');
    expect(await resend.textContent()).toBe('Đã gửi câu trả lời');
    await resend.focus();
    await second.page.keyboard.press('Enter');
    expect(await second.frame.textContent('.bd-case-reflection .bd-note')).toBe('Câu trả lời đã được gửi cho giảng viên; không gửi lại được.');
    await second.frame.click('.bd-next');
    expect((await summary(second.frame)).some((line) => line.includes('còn phải gửi'))).toBe(false);
    await closeSco(second.page);
    const done = await readCmi(second.page);
    expect(core(done)['lesson_status']).toBe('passed');
    expect(core(done)['score']['raw']).toBe('100');
    expect(list(done['interactions']).map((i) => `${i['id']}:${i['type']}`).filter((i) => i.includes('ket-tot-r1'))).toEqual(['don-thu.ket-tot-r1:performance']);
    await second.page.close();
  }, 120_000);
});
