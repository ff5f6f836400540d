/**
 * The statement viewer and the transcript read like a record. A trainee works through a real
 * module in the preview LMS in Chromium (knowledge checks of several kinds and a case, cmi5 as
 * the LMS launches it, then the same module as SCORM 2004); the viewer then shows the choices'
 * texts, matched pairs "A → 1", the order as a numbered list of steps, the case decision's text,
 * the module's name on `launched`, no mark on a knowledge check, a long answer folded into
 * <details>, and dd/mm/yyyy HH:mm; axe finds nothing at 360 px and at 1,280 px.
 */
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Frame, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type RunningPreview } from '../../src/lms/index.js';
import type { Question } from '../../src/core/index.js';
import { buildRuntime, launchChromium } from '../e2e/harness/index.js';
import { answer } from '../quiz/learner.js';
import { axeViolations } from '../support/axe.js';
import { CHECK_ANSWER, COURSE_ID, MODULE_ID, horizontalOverflow, lrsReader, playerFrame, readToEnd, tempContent, until, verbName } from './support.js';

const MODULE_TITLE = 'Nhập môn tiếp công dân ở xã';
const WRONG_SINGLE = 'Một lần mỗi năm';
const LONG_ANSWER =
  'Trước hết, đồng chí chủ trì rà soát lịch tiếp công dân và niêm yết công khai ở trụ sở. ' +
  'Sau đó, phân công cán bộ ghi chép đầy đủ ý kiến, đọc lại cho công dân nghe và hẹn ngày trả lời cụ thể.\n' +
  'Cuối cùng, theo dõi việc giải quyết đến khi xong và báo cáo kết quả.';

const PRACTICE = `
:::question multiple id=thanh-phan-tiep topic=tiep-cong-dan
Ai cùng tham gia buổi tiếp công dân định kỳ?
- [x] Chủ tịch UBND xã
- [x] Công chức tư pháp - hộ tịch
- [ ] Phóng viên báo tỉnh
:::

:::question matching id=ghep-viec topic=tiep-cong-dan
Ghép việc với người làm.
- Ghi sổ tiếp công dân -> Công chức văn phòng
- Chủ trì buổi tiếp -> Chủ tịch UBND xã
:::

:::question ordering id=trinh-tu-tiep topic=tiep-cong-dan
Sắp xếp các bước tiếp công dân.
1. Nghe và ghi đủ nội dung
2. Đọc lại cho công dân nghe
3. Hẹn ngày trả lời
:::

:::question essay id=thu-hoach-tiep topic=tiep-cong-dan
Đồng chí sẽ làm gì để buổi tiếp công dân tới tốt hơn?
:::

:::case id=don-thu start=nhan-don
### nhan-don: Nhận đơn của công dân
- [Giao công chức tiếp nhận, vào sổ và hẹn ngày trả lời](#ket-tot) +2
- [Để đơn lại, khi nào rảnh thì xem](#ket-sai) -2
### ket-tot: Xử lý đúng {outcome=tot}
### ket-sai: Sai nguyên tắc {outcome=sai-nguyen-tac}
:::
`;

const DECISION = 'Giao công chức tiếp nhận, vào sổ và hẹn ngày trả lời';

describe('the preview LMS reads its records like a record', () => {
  let browser: Browser;
  let content: ReturnType<typeof tempContent>;
  let dataDir: string;
  let preview: RunningPreview;

  const question = (id: string): Question => {
    const q = preview.content.courses[0]!.modules[0]!.questions.find((x) => x.id === id);
    if (!q) throw new Error(`no question ${id}`);
    return q;
  };

  /** Everything on the last page, answered and checked the way a trainee does it. */
  async function workThrough(frame: Frame): Promise<void> {
    await readToEnd(frame);
    const check = async (id: string, button = 'Kiểm tra đáp án'): Promise<void> => {
      await frame.locator(`[data-bd-question="${id}"]`).getByRole('button', { name: button }).click();
      await frame.locator(`[data-bd-question="${id}"] .bd-result`).filter({ hasText: /./ }).waitFor();
    };
    await frame.getByRole('radio', { name: WRONG_SINGLE }).check();
    await check('lich-tiep-dan');
    const multiple = question('thanh-phan-tiep');
    if (multiple.kind !== 'multiple') throw new Error('multiple');
    await answer(frame, multiple, { kind: 'choice', choices: multiple.choices.filter((c) => c.correct).map((c) => c.id) });
    await check('thanh-phan-tiep');
    const matching = question('ghep-viec');
    if (matching.kind !== 'matching') throw new Error('matching');
    await answer(frame, matching, { kind: 'pairs', pairs: Object.fromEntries(matching.pairs) });
    await check('ghep-viec');
    const ordering = question('trinh-tu-tiep');
    if (ordering.kind !== 'ordering') throw new Error('ordering');
    await answer(frame, ordering, { kind: 'order', steps: [...ordering.steps].reverse().map((s) => s.id) });
    await check('trinh-tu-tiep');
    await answer(frame, question('thu-hoach-tiep'), { kind: 'text', text: LONG_ANSWER });
    // An essay is sent, not checked.
    await check('thu-hoach-tiep', 'Gửi câu trả lời');
    await frame.getByRole('button', { name: DECISION, exact: true }).press('Enter');
    await frame.waitForSelector('[data-outcome="tot"]');
  }

  async function runModule(format: 'cmi5' | 'scorm2004'): Promise<void> {
    const reader = await lrsReader(preview);
    const before = (await reader.statements({}, 2000)).length;
    const page = await browser.newPage();
    await page.goto(`${preview.url}/launch/${COURSE_ID}/${MODULE_ID}/${format}`);
    await workThrough(await playerFrame(page));
    await page.click('#back');
    await page.waitForURL(`${preview.url}/`);
    await page.close();
    // Six answers and the case's outcome at least, beyond what was there before.
    await until(`${format} answers in the LRS`, async () => {
      const list = await reader.statements({}, 2000);
      return list.length - before >= 7 && list.filter((s) => verbName(s) === 'answered').length >= 6;
    });
  }

  beforeAll(async () => {
    buildRuntime();
    content = tempContent();
    appendFileSync(content.moduleFile, PRACTICE);
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'bd-lms-record-'));
    [browser, preview] = await Promise.all([launchChromium(), startPreview({ contentDir: content.dir, dataDir, port: 0 })]);
    await runModule('cmi5');
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await preview?.close();
    content?.remove();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function viewer(query = '', width = 1280): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(`${preview.url}/statements${query}`);
    await page.locator('#rows tr').first().waitFor();
    return page;
  }

  /** The rows of one verb, as the reader sees them (verb names in Vietnamese). */
  const rowsOf = (page: Page, verb: string): Locator => page.locator('#rows tr').filter({ has: page.locator('td:nth-child(3)', { hasText: new RegExp(`^${verb}$`) }) });
  const rowAbout = (page: Page, verb: string, object: string | RegExp): Locator => rowsOf(page, verb).filter({ has: page.locator('td:nth-child(4)', { hasText: object }) });

  it('answers as the trainee saw them: choice texts, pairs, the order given, the case decision', async () => {
    const page = await viewer();
    const multiple = rowAbout(page, 'đã trả lời', 'Ai cùng tham gia');
    expect(await multiple.locator('td:nth-child(5) ul.answer-list li').allTextContents()).toEqual(['Chủ tịch UBND xã', 'Công chức tư pháp - hộ tịch']);
    expect(await multiple.locator('td:nth-child(5)').textContent()).toContain('Đúng');

    const matching = rowAbout(page, 'đã trả lời', 'Ghép việc');
    expect((await matching.locator('li').allTextContents()).sort()).toEqual(['Chủ trì buổi tiếp → Chủ tịch UBND xã', 'Ghi sổ tiếp công dân → Công chức văn phòng']);

    const ordering = rowAbout(page, 'đã trả lời', 'Sắp xếp');
    expect(await ordering.locator('ol.answer-list li').allTextContents()).toEqual(['Hẹn ngày trả lời', 'Đọc lại cho công dân nghe', 'Nghe và ghi đủ nội dung']);
    expect(await ordering.locator('td:nth-child(5)').textContent()).toContain('Chưa đúng');

    const decision = rowAbout(page, 'đã trả lời', 'Nhận đơn của công dân');
    expect(await decision.locator('td:nth-child(5) .answer').textContent()).toBe(`Trả lời: ${DECISION}`);
    await page.close();
  }, 60_000);

  it('names the module on launched, and shows a mark only where the result carries one', async () => {
    const page = await viewer();
    const launched = rowsOf(page, 'đã mở').first();
    expect(await launched.locator('td:nth-child(4)').textContent()).toBe(MODULE_TITLE);

    const check = rowAbout(page, 'đã trả lời', 'định kỳ bao lâu');
    const cell = (await check.locator('td:nth-child(5)').textContent()) ?? '';
    expect(cell).toContain(`Trả lời: ${WRONG_SINGLE}`);
    expect(cell).toContain('Chưa đúng');
    expect(cell).not.toMatch(/\/10/);
    expect(cell).not.toContain(CHECK_ANSWER);

    // The case's outcome and the module's pass do carry a mark: 10/10 for the best decision.
    expect(await rowsOf(page, 'đã đạt').locator('td:nth-child(5) .mark').allTextContents()).toContain('Điểm: 10/10');
    await page.close();
  }, 60_000);

  it('folds a long answer into <details> and keeps all of it', async () => {
    const page = await viewer();
    const essay = rowAbout(page, 'đã trả lời', 'buổi tiếp công dân tới tốt hơn');
    const details = essay.locator('details.answer-long');
    expect(await details.count()).toBe(1);
    const summary = details.locator('summary');
    expect(await summary.innerText()).toMatch(/^Trước hết, đồng chí chủ trì.{20,80}… \(xem toàn bộ\)$/);
    expect(await details.locator('.answer-text').isVisible()).toBe(false);
    await summary.click();
    expect(await details.locator('.answer-text').textContent()).toBe(LONG_ANSWER);
    expect(await details.locator('.answer-text').isVisible()).toBe(true);
    // Open, the opening gives way to the whole text and the toggle folds it again.
    expect(await summary.innerText()).toBe('(thu gọn)');
    await page.close();
  }, 60_000);

  it('writes every time as dd/mm/yyyy HH:mm in Vietnam time', async () => {
    const page = await viewer();
    const cells = await page.locator('#rows td:first-child time').evaluateAll((els) => els.map((e) => [e.textContent, e.getAttribute('datetime')]));
    expect(cells.length).toBeGreaterThan(5);
    for (const [text, iso] of cells) {
      expect(text).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
      const at = new Date(new Date(iso!).getTime() + 7 * 3600_000);
      const want = `${String(at.getUTCDate()).padStart(2, '0')}/${String(at.getUTCMonth() + 1).padStart(2, '0')}/${at.getUTCFullYear()}`;
      expect(text!.slice(0, 10)).toBe(want);
    }
    expect(await page.locator('thead th').first().textContent()).toBe('Thời điểm (giờ Việt Nam)');
    await page.close();
  }, 60_000);

  it('in English: English verb names, yyyy-mm-dd HH:mm, decimal points', async () => {
    const page = await browser.newPage();
    await page.goto(`${preview.url}/lang?to=en&back=${encodeURIComponent('/statements')}`);
    await page.locator('#rows tr').first().waitFor();
    expect(await page.locator('thead th').first().textContent()).toBe('Time (Vietnam)');
    expect(await rowsOf(page, 'launched').first().locator('td:nth-child(4)').textContent()).toBe(MODULE_TITLE);
    expect(await rowsOf(page, 'answered').count()).toBeGreaterThanOrEqual(6);
    const times = await page.locator('#rows td:first-child time').allTextContents();
    for (const text of times) expect(text).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const check = rowsOf(page, 'answered').filter({ has: page.locator('td:nth-child(4)', { hasText: 'định kỳ bao lâu' }) });
    expect(await check.locator('td:nth-child(5)').textContent()).toContain('Not correct');
    const durations = await page.locator('#rows td:nth-child(5) .meta').allTextContents();
    expect(durations.length).toBeGreaterThan(5);
    for (const text of durations) expect(text).toMatch(/^Time taken: \d+(\.\d)? (h|min|s)( \d+(\.\d)? (min|s))*$/);
    await page.close();
  }, 60_000);

  it('the transcript gives the module’s mark and the day it was passed', async () => {
    const page = await browser.newPage();
    await page.goto(`${preview.url}/transcript`);
    const row = page.locator('tbody tr').filter({ hasText: MODULE_TITLE });
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(0, 4)).toEqual([MODULE_TITLE, 'Đạt (10)', '10', 'Xuất sắc']);
    expect(cells[4]).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    expect(await page.locator('thead th').nth(4).textContent()).toBe('Ngày có kết quả');
    await page.close();
  }, 60_000);

  it('reads SCORM 2004 answers, whose records list no choices, against the module’s own questions', async () => {
    await runModule('scorm2004');
    const page = await viewer();
    // The SCORM bridge names an interaction by its CMI id under the module.
    const scormRows = page.locator('#rows tr').filter({ has: page.locator(`td:nth-child(4)[title*="/interactions/"]`) });
    const multiple = scormRows.filter({ has: page.locator('td:nth-child(4)', { hasText: 'Ai cùng tham gia' }) });
    expect(await multiple.locator('ul.answer-list li').allTextContents()).toEqual(['Chủ tịch UBND xã', 'Công chức tư pháp - hộ tịch']);
    const ordering = scormRows.filter({ has: page.locator('td:nth-child(4)', { hasText: 'Sắp xếp' }) });
    expect(await ordering.locator('ol.answer-list li').allTextContents()).toEqual(['Hẹn ngày trả lời', 'Đọc lại cho công dân nghe', 'Nghe và ghi đủ nội dung']);
    const decision = scormRows.filter({ has: page.locator('td:nth-child(4)', { hasText: 'Nhận đơn của công dân' }) });
    expect(await decision.locator('.answer').textContent()).toBe(`Trả lời: ${DECISION}`);
    await page.close();
  }, 120_000);

  for (const width of [360, 1280]) {
    for (const [name, url] of [
      ['statements', '/statements'],
      ['transcript', '/transcript'],
    ] as const) {
      it(`${name} at ${width} px: no axe violations, no sideways scroll, a long answer opened`, async () => {
        const page = await browser.newPage({ viewport: { width, height: 800 } });
        await page.goto(`${preview.url}${url}`);
        if (name === 'statements') {
          await page.locator('#rows tr').first().waitFor();
          await page.locator('details.answer-long summary').first().click();
        }
        expect(await axeViolations(page)).toEqual([]);
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        await page.close();
      }, 60_000);
    }
  }
});
