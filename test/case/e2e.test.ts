/**
 * The case in a real package under scorm-again: build the fixture course, launch its module in
 * an LMS frame, walk two different paths, and read back what the LMS holds.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Frame, Page } from 'playwright-core';
import type { Course } from '../../src/core/model.js';
import type { Taxonomy } from '../../src/core/taxonomy.js';
import {
  buildRuntime,
  closeSco,
  hostPage,
  launchChromium,
  nextLaunchCmi12,
  readCmi,
  repoRoot,
  scoFrame,
  servePackage,
  type ServedPackage,
} from '../e2e/harness/index.js';
import { axeViolations } from '../support/axe.js';
import { readTestCourse } from '../support/course.js';

let browser: Browser;
let course: Course;
let taxonomy: Taxonomy;
let pkg: ServedPackage;
let pkg2004: ServedPackage;

beforeAll(async () => {
  buildRuntime();
  ({ course, taxonomy } = await readTestCourse(path.join(repoRoot, 'test', 'case', 'fixtures', 'course')));
  [browser, pkg, pkg2004] = await Promise.all([
    launchChromium(),
    servePackage(course, taxonomy, 'scorm12'),
    servePackage(course, taxonomy, 'scorm2004'),
  ]);
});

afterAll(async () => {
  await pkg?.close();
  await pkg2004?.close();
  await browser?.close();
});

interface Interaction {
  id: string;
  type: string;
  student_response: string;
  learner_response: string;
  result: string;
  latency: string;
}

async function launch(cmi?: Record<string, unknown>, version: 'scorm12' | 'scorm2004' = 'scorm12'): Promise<{ page: Page; sco: Frame }> {
  const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
  const served = version === 'scorm12' ? pkg : pkg2004;
  served.server.page('/host.html', hostPage({ version, launch: served.launch('tiep-dan'), ...(cmi ? { cmi } : {}) }));
  await page.goto(`${served.server.origin}/host.html`);
  const sco = await scoFrame(page);
  await sco.waitForSelector('.bd-case-scene');
  return { page, sco };
}

async function pick(sco: Frame, label: string): Promise<void> {
  await sco.getByRole('button', { name: label, exact: true }).press('Enter');
}

function interactions(cmi: Record<string, unknown>): Interaction[] {
  const list = (cmi['interactions'] ?? {}) as Record<string, Interaction>;
  return Object.keys(list)
    .filter((k) => /^\d+$/.test(k))
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => list[k]!);
}

function core(cmi: Record<string, unknown>): Record<string, unknown> {
  return (cmi['core'] ?? {}) as Record<string, unknown>;
}

describe('case under scorm-again (SCORM 1.2)', () => {
  it('best path: choice interactions, reflection as performance, 100 % and passed; resumes at the same scene', async () => {
    const { page, sco } = await launch();
    await pick(sco, 'Mời đại diện vào làm việc, lắng nghe');
    await pick(sco, 'Hẹn lịch đối thoại, giao rà soát hồ sơ');
    await sco.getByLabel(/Câu hỏi suy ngẫm/).fill('Báo cáo diễn biến, kiến nghị của dân và lịch đối thoại.');
    await sco.getByRole('button', { name: 'Gửi câu trả lời' }).click();
    await sco.waitForSelector('text=Đã gửi câu trả lời cho giảng viên.');

    const violations = await axeViolations(sco, '.bd-case');
    expect(violations).toEqual([]);

    await closeSco(page);
    const cmi = await readCmi(page);
    expect(interactions(cmi).map((i) => [i.id, i.type, i.student_response, i.result])).toEqual([
      ['tap-trung.mo-dau', 'choice', 'a', 'correct'],
      ['tap-trung.lang-nghe', 'choice', 'b', 'correct'],
      ['tap-trung.ket-tot-r1', 'performance', 'Báo cáo diễn biến, kiến nghị của dân và lịch đối thoại.', 'neutral'],
    ]);
    for (const i of interactions(cmi)) expect(i.latency).toMatch(/^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/);
    const c = core(cmi);
    expect((c['score'] as Record<string, unknown>)['raw']).toBe('100');
    expect(c['lesson_status']).toBe('passed');
    const suspend = String(cmi['suspend_data'] ?? '');
    expect(suspend.length).toBeLessThan(500);
    await page.close();

    // Relaunch: the LMS hands back suspend_data; the case opens where the learner left it.
    const again = await launch(nextLaunchCmi12(cmi));
    expect(await again.sco.locator('.bd-case-scene').getAttribute('data-scene')).toBe('ket-tot');
    expect(await again.sco.locator('.bd-case-path li').allInnerTexts()).toHaveLength(3);
    expect(await again.sco.locator('.bd-case-mark').innerText()).toContain('10/10');
    await again.page.close();
  });

  it('a reflection longer than 1.2 keeps: the first 255 characters reach the LMS and the trainee is told so', async () => {
    const { page, sco } = await launch();
    await pick(sco, 'Mời đại diện vào làm việc, lắng nghe');
    await pick(sco, 'Hẹn lịch đối thoại, giao rà soát hồ sơ');
    const long = 'Báo cáo diễn biến, kiến nghị của dân và lịch đối thoại. '.repeat(6).trim();
    expect(long.length).toBeGreaterThan(255);
    await sco.getByLabel(/Câu hỏi suy ngẫm/).fill(long);
    await sco.getByRole('button', { name: 'Gửi câu trả lời' }).click();
    await sco.waitForSelector(
      `text=Đã gửi câu trả lời cho giảng viên. Hệ thống học tập chỉ nhận 255 ký tự đầu trong tổng số ${long.length} ký tự; ${long.length - 255} ký tự còn lại không được gửi.`,
    );
    await closeSco(page);
    const reflection = interactions(await readCmi(page)).find((i) => i.type === 'performance');
    // The case records cut text with an ellipsis, so the LMS sees where it ends.
    expect(reflection?.student_response).toBe(`${long.slice(0, 254)}…`);
    await page.close();
  });

  it('a second path with a step back: wrong then recovered, scored on the 10-point scale', async () => {
    const { page, sco } = await launch();
    await pick(sco, 'Đề nghị lực lượng công an giải tán');
    await pick(sco, 'Tiếp tục cứng rắn');
    await sco.getByRole('button', { name: 'Quay lại để chọn cách khác' }).press('Enter');
    await pick(sco, 'Dừng lại, mời đại diện vào làm việc');
    await pick(sco, 'Hứa giải quyết ngay trong ngày');
    await pick(sco, 'Nhận khuyết điểm, hẹn lịch đối thoại');
    expect(await sco.locator('[data-outcome]').innerText()).toContain('Chấp nhận được');
    await closeSco(page);
    const cmi = await readCmi(page);
    expect(interactions(cmi).map((i) => `${i.id}=${i.student_response}:${i.result}`)).toEqual([
      'tap-trung.mo-dau=b:wrong',
      'tap-trung.giai-tan=b:wrong',
      'tap-trung.giai-tan=a:correct',
      'tap-trung.lang-nghe=a:wrong',
      'tap-trung.hua-suong=a:correct',
    ]);
    // -2 +1 -1 +1 = -1 → 0/10 (never below zero): 0 % and failed.
    const c = core(cmi);
    expect((c['score'] as Record<string, unknown>)['raw']).toBe('0');
    expect(c['lesson_status']).toBe('failed');
    await page.close();
  });
});

describe('case under scorm-again (SCORM 2004)', () => {
  it('decisions as choice with incorrect/correct results, the reflection as long-fill-in, scaled score', async () => {
    const { page, sco } = await launch(undefined, 'scorm2004');
    await pick(sco, 'Mời đại diện vào làm việc, lắng nghe');
    await pick(sco, 'Hứa giải quyết ngay trong ngày');
    await sco.getByRole('button', { name: 'Quay lại để chọn cách khác' }).press('Enter');
    await pick(sco, 'Hẹn lịch đối thoại, giao rà soát hồ sơ');
    // At the end, before the reflection: not complete, no score, and progress short of the
    // completion threshold (completedByMeasure), which would complete the SCO by itself.
    await sco.waitForSelector('[data-outcome="tot"]');
    const owed = await readCmi(page);
    expect(owed['completion_status']).not.toBe('completed');
    expect((owed['score'] as Record<string, unknown>)['scaled']).toBe('');
    expect(Number(owed['progress_measure'])).toBeLessThan(1);
    // Two lines and a leading brace: SCORM validators take neither as they are.
    await sco.getByLabel(/Câu hỏi suy ngẫm/).fill('{Trước hết} báo cáo diễn biến.\nSau đó nêu kiến nghị của người dân.');
    await sco.getByRole('button', { name: 'Gửi câu trả lời' }).click();
    await sco.waitForSelector('text=Đã gửi câu trả lời cho giảng viên.');
    await closeSco(page);
    const cmi = await readCmi(page);
    expect(interactions(cmi).map((i) => [i.id, i.type, i.learner_response, i.result])).toEqual([
      ['tap-trung.mo-dau', 'choice', 'a', 'correct'],
      ['tap-trung.lang-nghe', 'choice', 'a', 'incorrect'],
      ['tap-trung.lang-nghe', 'choice', 'b', 'correct'],
      ['tap-trung.ket-tot-r1', 'long-fill-in', ' {Trước hết} báo cáo diễn biến. Sau đó nêu kiến nghị của người dân.', 'neutral'],
    ]);
    const score = cmi['score'] as Record<string, unknown>;
    expect(Number(score['scaled'])).toBe(1);
    expect(cmi['success_status']).toBe('passed');
    expect(String(cmi['suspend_data']).length).toBeLessThan(500);
    await page.close();
  });
});
