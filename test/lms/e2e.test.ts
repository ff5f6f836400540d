/**
 * The preview LMS in Chromium, as a learner uses it: switch learner on the catalogue, launch one
 * module in each package format, finish it, and find the statements in the embedded LRS; then
 * restart the server on the same data folder and find the SCORM resume point and the transcript.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, LMS_HOME_PAGE, type RunningPreview } from '../../src/lms/index.js';
import type { LrsClient } from '../../src/lms/lrs-client.js';
import { buildRuntime, launchChromium } from '../e2e/harness/index.js';
import { CHECK_ANSWER, COURSE_ID, MODULE_ID, lrsReader, playerFrame, readToEnd, tempContent, until, verbName, type Stmt } from './support.js';

const LEARNER = 'hv002';
const agent = JSON.stringify({ objectType: 'Agent', account: { homePage: LMS_HOME_PAGE, name: LEARNER } });

describe('preview LMS in Chromium', () => {
  let browser: Browser;
  let context: BrowserContext;
  let content: ReturnType<typeof tempContent>;
  let dataDir: string;
  let preview: RunningPreview;
  let reader: LrsClient;

  beforeAll(async () => {
    buildRuntime();
    content = tempContent();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'bd-lms-data-'));
    [browser, preview] = await Promise.all([launchChromium(), startPreview({ contentDir: content.dir, dataDir, port: 0 })]);
    reader = await lrsReader(preview);
    context = await browser.newContext();
  }, 120_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await preview?.close();
    content?.remove();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const VERB = (name: string): string => `http://adlnet.gov/expapi/verbs/${name}`;
  const statementsOf = (query: Record<string, string> = {}): Promise<Stmt[]> => reader.statements({ agent, ascending: 'true', ...query }, 2000);

  async function launch(page: Page, format: string): Promise<void> {
    await page.goto(`${preview.url}/`);
    await page.getByRole('link', { name: new RegExp(`— ${format}$`) }).click();
    await page.waitForURL(/\/launch\//);
  }

  /** Leave the module the way a learner does: the link back to the catalogue. */
  async function back(page: Page): Promise<void> {
    await page.click('#back');
    await page.waitForURL(`${preview.url}/`);
  }

  it('switches learner from the catalogue', async () => {
    const page = await context.newPage();
    await page.goto(`${preview.url}/`);
    await page.locator('h1').waitFor();
    await page.selectOption('#learner', LEARNER);
    await page.getByRole('button', { name: 'Đổi học viên' }).click();
    await page.waitForURL(`${preview.url}/`);
    expect(await page.inputValue('#learner')).toBe(LEARNER);
    expect(await page.textContent(`td.status-not-attempted`)).toBe('Chưa học');
    await page.close();
  });

  const titleOf = (frame: Frame): Promise<string | null> => frame.textContent('.bd-page:not([hidden]) .bd-page-title');
  const pageTitles = (): string[] => preview.content.courses[0]!.modules[0]!.pages.map((p) => p.title);
  let scormTitles: string[] = [];

  it('SCORM 1.2: commits reach the LMS and a relaunch resumes where the learner left off', async () => {
    const page = await context.newPage();
    await launch(page, 'SCORM 1.2');
    const frame = await playerFrame(page);
    scormTitles = pageTitles();
    expect(await titleOf(frame)).toBe(scormTitles[0]);
    expect(scormTitles.length).toBeGreaterThanOrEqual(3);
    await frame.click('.bd-next');
    await back(page);
    expect(await page.textContent('td.status-not-attempted')).toBe('Chưa học');
    await launch(page, 'SCORM 1.2');
    const again = await playerFrame(page);
    expect(await titleOf(again)).toBe(scormTitles[1]);
    await again.click('.bd-next');
    await back(page);
    await page.close();
  }, 90_000);

  it('SCORM 2004: a knowledge check answered and the completion reach the LRS as xAPI', async () => {
    const before = (await statementsOf({ verb: 'http://adlnet.gov/expapi/verbs/completed' })).length;
    const page = await context.newPage();
    await launch(page, 'SCORM 2004');
    const frame = await playerFrame(page);
    await readToEnd(frame);
    // The last page's knowledge check: answered, then recorded as a SCORM interaction.
    await frame.getByRole('radio', { name: CHECK_ANSWER }).check();
    await frame.getByRole('button', { name: 'Kiểm tra' }).click();
    await frame.getByText('Đúng.').first().waitFor();
    await back(page);
    const answered = await until('SCORM 2004 answered', async () => {
      const list = await statementsOf({ verb: VERB('answered') });
      return list.length > 0 && list;
    });
    expect(answered[0]!['object']['id']).toContain('lich-tiep-dan');
    expect(answered[0]!['result']['success']).toBe(true);
    const completed = await until('SCORM 2004 completed', async () => {
      const list = await statementsOf({ verb: 'http://adlnet.gov/expapi/verbs/completed' });
      return list.length > before && list;
    });
    expect(completed).toHaveLength(1);
    expect(completed[0]!['object']['id']).toMatch(new RegExp(`/courses/${COURSE_ID}/modules/${MODULE_ID}$`));
    expect(completed[0]!['actor']['account']['name']).toBe(LEARNER);
    expect(await page.textContent('td.status-completed')).toBe('Đã hoàn thành');
    await page.close();
  }, 90_000);

  it('cmi5: launched, initialized, completed, terminated from the AU, then the LMS says the course is satisfied', async () => {
    const page = await context.newPage();
    await launch(page, 'cmi5');
    const frame = await playerFrame(page);
    await until('cmi5 initialized', async () => (await statementsOf({ verb: VERB('initialized') })).length > 0);
    await readToEnd(frame);
    await back(page);
    const list = await until('cmi5 satisfied', async () => {
      const all = await statementsOf();
      // terminated goes when the AU's frame unloads, which may be stored just after satisfied.
      return all.some((s) => verbName(s) === 'satisfied') && all.some((s) => verbName(s) === 'terminated') && all;
    });
    const cmi5 = list.filter((s) => (s['context']?.['contextActivities']?.['category'] ?? []).some((c: { id: string }) => c.id.includes('cmi5')));
    const registration = cmi5[0]!['context']['registration'];
    const ofReg = list.filter((s) => s['context']?.['registration'] === registration).map(verbName);
    expect(ofReg.slice(0, 2)).toEqual(['launched', 'initialized']);
    expect(ofReg).toContain('completed');
    expect(ofReg.indexOf('terminated')).toBeGreaterThan(ofReg.indexOf('completed'));
    const satisfied = list.find((s) => verbName(s) === 'satisfied')!;
    expect(satisfied['object']['id']).toMatch(new RegExp(`/courses/${COURSE_ID}$`));
    expect(satisfied['context']['registration']).toBe(registration);
    await page.close();
  }, 90_000);

  it('cmi5: the AU\'s own exit control brings the whole window back to the catalogue', async () => {
    const page = await context.newPage();
    await launch(page, 'cmi5');
    const frame = await playerFrame(page);
    const exit = frame.locator('.bd-exit');
    await exit.waitFor();
    await exit.click();
    await page.waitForURL(`${preview.url}/`);
    expect(await page.locator('iframe').count()).toBe(0);
    await page.close();
  }, 90_000);

  it('xAPI: the module reports to the LRS with the launch token, actor and registration', async () => {
    const before = await statementsOf();
    const page = await context.newPage();
    await launch(page, 'xAPI');
    const frame = await playerFrame(page);
    await until('xAPI initialized', async () => (await statementsOf({ verb: VERB('initialized') })).length > 1);
    await readToEnd(frame);
    await back(page);
    const list = await until('xAPI terminated', async () => {
      const all = await statementsOf();
      const fresh = all.filter((s) => !before.some((b) => b['id'] === s['id']));
      return fresh.some((s) => verbName(s) === 'terminated') && fresh;
    });
    expect(list.map(verbName)).toEqual(expect.arrayContaining(['initialized', 'completed', 'terminated']));
    expect(new Set(list.map((s) => s['context']?.['registration'])).size).toBe(1);
    await page.close();
  }, 90_000);

  it('after a restart on the same data folder, SCORM resumes and the transcript is intact', async () => {
    const page = await context.newPage();
    await page.goto(`${preview.url}/transcript`);
    const totalBefore = await page.textContent('#total-periods');
    const rowsBefore = await page.locator('tbody tr').allTextContents();
    await page.close();
    expect(Number(totalBefore)).toBeGreaterThan(0);

    await preview.close();
    preview = await startPreview({ contentDir: content.dir, dataDir, port: 0 });
    reader = await lrsReader(preview);

    const again = await context.newPage();
    await again.goto(`${preview.url}/transcript`);
    expect(await again.inputValue('#learner')).toBe(LEARNER);
    expect(await again.textContent('#total-periods')).toBe(totalBefore);
    expect(await again.locator('tbody tr').allTextContents()).toEqual(rowsBefore);
    // The SCORM 1.2 attempt's CMI survived: the player opens on the third page, where it was left.
    await launch(again, 'SCORM 1.2');
    const frame = await playerFrame(again);
    expect(await titleOf(frame)).toBe(scormTitles[2]);
    await readToEnd(frame);
    await back(again);
    // Its completion reaches the LRS as xAPI, under the SCORM attempt's own registration.
    const scorm = await until('SCORM 1.2 completed', async () => {
      const started = new Set((await statementsOf({ verb: VERB('initialized') })).map((s) => s['context']['registration']));
      const list = (await statementsOf({ verb: VERB('completed') })).filter((s) => !started.has(s['context']['registration']));
      return list.length >= 2 && list;
    });
    expect(new Set(scorm.map((s) => s['context']['registration'])).size).toBe(scorm.length);
    await again.close();
  }, 90_000);
});
