/**
 * Typed answers and resume state in real SCORM packages in Chromium under scorm-again: a
 * multi-line thu hoạch reaches the LMS, a long essay keeps the resume state within SCORM 1.2's
 * 4,096 characters and says what it keeps, the trainee is told when the LMS does not save, and
 * a module ignores the resume state another module left in its LMS slot.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Frame, Page } from 'playwright-core';
import type { Course } from '../../src/core/model.js';
import type { Taxonomy } from '../../src/core/taxonomy.js';
import { readTestCourse } from '../support/course.js';
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
  type HostOptions,
  type ServedPackage,
} from './harness/index.js';

const FIXTURE = path.join(repoRoot, 'test', 'e2e', 'fixtures', 'text-answers');

/** Three paragraphs, 300 characters on one line: more than SCORM 1.2's 255. */
const PARAGRAPHS = [
  'Thứ nhất, chuẩn bị kỹ nội dung, tổng hợp trước kiến nghị của người dân theo từng thôn.',
  'Thứ hai, chủ trì đối thoại, lắng nghe đến cùng, trả lời những việc thuộc thẩm quyền của xã ngay tại buổi đối thoại.',
  'Thứ ba, công khai kết luận, giao người theo dõi và báo lại kết quả giải quyết cho người dân.',
];

let browser: Browser;
let course: Course;
let taxonomy: Taxonomy;

beforeAll(async () => {
  buildRuntime();
  ({ course, taxonomy } = await readTestCourse(FIXTURE));
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

type Cmi = Record<string, unknown>;
const list = (o: unknown): Record<string, unknown>[] =>
  Array.isArray(o) ? (o as Record<string, unknown>[]) : Object.values((o ?? {}) as Record<string, Record<string, unknown>>);

interface Opened {
  page: Page;
  frame: Frame;
  warnings: string[];
}

async function open(pkg: ServedPackage, host: string, o: Omit<HostOptions, 'launch'> & { module: string }): Promise<Opened> {
  const { module, ...rest } = o;
  pkg.server.page(host, hostPage({ ...rest, launch: pkg.launch(module) }));
  const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
  });
  await page.goto(pkg.server.origin + host);
  const frame = await scoFrame(page);
  await frame.waitForSelector('.bd-js .bd-page:not([hidden]) .bd-page-title');
  return { page, frame, warnings };
}

describe('typed answers in a SCORM 1.2 package under scorm-again', () => {
  let pkg: ServedPackage;
  beforeAll(async () => {
    pkg = await servePackage(course, taxonomy, 'scorm12');
  }, 60_000);
  afterAll(async () => {
    await pkg?.close();
  });

  it('a thu hoạch in three paragraphs reaches the LMS as one line, and the trainee is told what 1.2 keeps', async () => {
    const { page, frame } = await open(pkg, '/essay.html', { version: 'scorm12', module: 'thu-hoach' });
    const root = '[data-bd-question="bai-thu-hoach"]';
    await frame.fill(`${root} textarea`, PARAGRAPHS.join('\n'));
    const oneLine = PARAGRAPHS.join(' / ');
    expect(oneLine.length).toBeGreaterThan(255);
    // The counter shows what was typed against the default maximum; a note says what 1.2 takes.
    expect(await frame.textContent(`${root} .bd-count`)).toBe(`${PARAGRAPHS.join('\n').length}/4.000 ký tự`);
    expect(await frame.textContent(`${root} .bd-lms-keeps`)).toBe(
      `Hệ thống học tập chỉ nhận 255 ký tự đầu của câu trả lời; ${oneLine.length - 255} ký tự sau đó sẽ không được gửi.`,
    );
    await frame.click(`${root} .bd-actions button`);
    await frame.waitForSelector(`${root} .bd-feedback`);
    const feedback = await frame.textContent(`${root} .bd-feedback`);
    expect(feedback).toContain('Đã ghi nhận câu trả lời');
    expect(feedback).toContain(`Đã gửi 255 ký tự đầu trong tổng số ${oneLine.length} ký tự của câu trả lời`);
    const cmi = await readCmi(page);
    const got = list(cmi['interactions']);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ id: 'bai-thu-hoach', type: 'performance', result: 'neutral', student_response: oneLine.slice(0, 255) });
    // The LMS refused nothing, so no notice is shown.
    expect(await frame.$$('.bd-notice')).toHaveLength(0);
    await page.close();
  }, 60_000);

  it('a 4,920-character essay in a test keeps suspend_data within 4,096, says what it keeps, and resumes it', async () => {
    const first = await open(pkg, '/long-1.html', { version: 'scorm12', module: 'kiem-tra-viet' });
    await first.frame.click('[data-bd-test="kiem-tra-viet"] .bd-actions button');
    await first.frame.waitForSelector('fieldset[data-question]');
    await first.frame.click('fieldset[data-question="chon-mot"] input[type=radio] >> nth=0');
    const chosen = await first.frame.$eval('fieldset[data-question="chon-mot"] input:checked', (i) => (i as HTMLInputElement).value);
    const essay = 'Kế hoạch đối thoại về giải phóng mặt bằng. '.repeat(200).slice(0, 4920);
    const field = 'fieldset[data-question="bai-viet-dai"] textarea';
    await first.frame.fill(field, essay);
    expect(await first.frame.inputValue(field)).toHaveLength(4920);
    const note = await first.frame.textContent('fieldset[data-question="bai-viet-dai"] .bd-resume-keeps');
    const kept = Number(/giữ được ([\d.]+) ký tự đầu/.exec(note ?? '')?.[1]?.replace(/\./g, ''));
    expect(note).toContain('trong tổng số 4.920 ký tự của câu trả lời này');
    expect(kept).toBeGreaterThan(3000);
    expect(kept).toBeLessThan(4096);
    // The test fitted its own state: the player did not have to drop it.
    expect(await first.frame.$$('.bd-notice')).toHaveLength(0);
    await closeSco(first.page);
    const cmi1 = await readCmi(first.page);
    await first.page.close();
    const suspend = String(cmi1['suspend_data']);
    expect(suspend.length).toBeLessThanOrEqual(4096);
    expect(suspend.length).toBeGreaterThan(4000);

    // Next launch: the attempt is still running, the choice is kept, the essay as far as it fitted.
    const second = await open(pkg, '/long-2.html', { version: 'scorm12', module: 'kiem-tra-viet', cmi: nextLaunchCmi12(cmi1) });
    await second.frame.waitForSelector('fieldset[data-question="bai-viet-dai"]');
    expect(await second.frame.inputValue(field)).toBe(essay.slice(0, kept));
    expect(await second.frame.$eval('fieldset[data-question="chon-mot"] input:checked', (i) => (i as HTMLInputElement).value)).toBe(chosen);
    await second.page.close();
  }, 90_000);

  it('tells the trainee, politely and in Vietnamese, when the LMS does not save, and warns with the error code', async () => {
    // The LMS's server answers every commit with 404: scorm-again's LMSCommit returns "false".
    const { page, frame, warnings } = await open(pkg, '/no-save.html', {
      version: 'scorm12',
      module: 'thu-hoach',
      settings: { lmsCommitUrl: `/commit-missing` },
    });
    await frame.click('.bd-next');
    await frame.waitForSelector('.bd-notice[data-notice="saving"]');
    const text = await frame.textContent('.bd-notice[data-notice="saving"]');
    expect(text).toContain('Hệ thống học tập chưa lưu được dữ liệu vừa gửi.');
    expect(text).toContain('Chi tiết cho cán bộ hỗ trợ: commit (');
    // Once per kind, however many saves fail.
    await frame.click('.bd-prev');
    expect(await frame.$$('.bd-notice')).toHaveLength(1);
    expect(warnings.some((w) => /LMSCommit refused by the LMS: error \d+/.test(w))).toBe(true);
    await page.close();
  }, 60_000);

  it("ignores another module's resume state with a console warning, and starts on its first page", async () => {
    const other = course.modules.find((m) => m.meta.id === 'kiem-tra-viet')!;
    // What the other module wrote into the LMS slot this module now reads (a content switch).
    const foreign = JSON.stringify({ v: 1, m: `${other.meta.id}@${other.meta.version}`, p: 1, s: '3' });
    const { page, frame, warnings } = await open(pkg, '/foreign.html', {
      version: 'scorm12',
      module: 'thu-hoach',
      cmi: { core: { entry: 'resume', lesson_location: 'cau-hoi-cho-bai-kiem-tra', lesson_status: 'incomplete' }, suspend_data: foreign },
    });
    expect(await frame.textContent('.bd-counter')).toBe('Trang 1/2');
    expect(await frame.locator('.bd-list-item.bd-is-seen').count()).toBe(1);
    expect(warnings.some((w) => w.includes('resume state of module kiem-tra-viet@1.0.0 ignored: this is module thu-hoach@1.0.0'))).toBe(true);
    await closeSco(page);
    const cmi = await readCmi(page);
    await page.close();
    // From now on the state names its owner.
    expect(JSON.parse(String(cmi['suspend_data']))).toMatchObject({ v: 1, m: 'thu-hoach@1.0.0', p: 0 });
    expect((cmi['core'] as Record<string, string>)['lesson_location']).toBe('bai-thu-hoach');
  }, 60_000);
});

describe('a long essay in a SCORM 2004 package under scorm-again', () => {
  let pkg: ServedPackage;
  beforeAll(async () => {
    pkg = await servePackage(course, taxonomy, 'scorm2004');
  }, 60_000);
  afterAll(async () => {
    await pkg?.close();
  });

  it("keeps 4,000 characters in learner_response and the result says the rest was not sent", async () => {
    const { page, frame } = await open(pkg, '/long-2004.html', { version: 'scorm2004', module: 'kiem-tra-viet' });
    await frame.click('[data-bd-test="kiem-tra-viet"] .bd-actions button');
    await frame.waitForSelector('fieldset[data-question]');
    const essay = 'Kế hoạch đối thoại về giải phóng mặt bằng. '.repeat(200).slice(0, 4920);
    await frame.fill('fieldset[data-question="bai-viet-dai"] textarea', essay);
    // 2004 keeps the whole attempt in its 64,000 characters: nothing is shortened for resume.
    expect(await frame.isHidden('fieldset[data-question="bai-viet-dai"] .bd-resume-keeps')).toBe(true);
    await frame.click('[data-bd-test="kiem-tra-viet"] .bd-actions button');
    await frame.click('[data-bd-test="kiem-tra-viet"] .bd-actions button');
    await frame.waitForSelector('.bd-summary');
    const notes = await frame.textContent('.bd-sent-notes');
    expect(notes).toContain('Đã gửi 4.000 ký tự đầu trong tổng số 4.920 ký tự của câu trả lời; 920 ký tự còn lại hệ thống học tập không nhận.');
    const cmi: Cmi = await readCmi(page);
    const essayInteraction = list(cmi['interactions']).find((i) => i['id'] === 'kiem-tra-viet.bai-viet-dai');
    expect(String(essayInteraction?.['learner_response'])).toBe(essay.trim().slice(0, 4000));
    expect(await frame.$$eval('.bd-notice', (n) => n.map((e) => e.textContent))).toEqual([]);
    await page.close();
  }, 60_000);
});
