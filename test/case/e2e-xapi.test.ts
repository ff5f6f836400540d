/**
 * The case in an xAPI package, sending to the project's own LRS: a statement per decision with
 * the scene's choices, one per reflection with its text, and the outcome with path and label.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { EXT } from '../../src/core/tracking.js';
import { startLrs, type RunningLrs } from '../../src/lrs/index.js';
import { buildRuntime, launchChromium, repoRoot, servePackage, type ServedPackage } from '../e2e/harness/index.js';
import { readTestCourse } from '../support/course.js';

interface Statement {
  verb: { id: string };
  object: { id: string; definition?: Record<string, unknown> };
  result?: { response?: string; success?: boolean; score?: Record<string, number>; extensions?: Record<string, unknown> };
  context?: { contextActivities?: { parent?: { id: string }[] }; extensions?: Record<string, unknown> };
  timestamp: string;
}

const CASE = 'https://daotao.example.gov.vn/xapi/courses/khoa-tinh-huong/cases/tap-trung';
let browser: Browser;
let pkg: ServedPackage;
let lrs: RunningLrs;
let dataDir: string;
let auth: string;

beforeAll(async () => {
  buildRuntime();
  const { course, taxonomy } = await readTestCourse(path.join(repoRoot, 'test', 'case', 'fixtures', 'course'));
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'bd-case-lrs-'));
  lrs = await startLrs({ port: 0, host: '127.0.0.1', dataDir, origins: ['*'], log: () => undefined });
  const key = await lrs.createKey(['all'], 'case e2e');
  auth = `Basic ${Buffer.from(`${key.key}:${key.secret}`).toString('base64')}`;
  [browser, pkg] = await Promise.all([launchChromium(), servePackage(course, taxonomy, 'xapi')]);
});

afterAll(async () => {
  await pkg?.close();
  await browser?.close();
  await lrs?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function statementsFor(learner: string): Promise<Statement[]> {
  const agent = JSON.stringify({ objectType: 'Agent', account: { homePage: 'https://daotao.example.gov.vn', name: learner } });
  const url = `${lrs.url}/statements?agent=${encodeURIComponent(agent)}&ascending=true&limit=200`;
  const res = await fetch(url, { headers: { authorization: auth, 'x-experience-api-version': '1.0.3' } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { statements: Statement[] }).statements;
}

describe('case under xAPI, statements in the LRS', () => {
  it('a decision statement per choice, a reflection statement, and the outcome with path and label', async () => {
    const learner = 'hv-001';
    const actor = JSON.stringify({ name: 'Nguyễn Văn A', account: { homePage: 'https://daotao.example.gov.vn', name: learner } });
    const query = new URLSearchParams({ endpoint: lrs.url, auth, actor });
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`${pkg.server.origin}${pkg.launch('tiep-dan')}?${query.toString()}`);
    await page.waitForSelector('.bd-case-scene');
    await page.getByRole('button', { name: 'Đề nghị lực lượng công an giải tán', exact: true }).press('Enter');
    await page.getByRole('button', { name: 'Dừng lại, mời đại diện vào làm việc', exact: true }).press('Enter');
    // Score is -1 here, so the dialogue choice stays hidden; having chosen giai-tan unlocks the report.
    await page.getByRole('button', { name: 'Hứa giải quyết ngay trong ngày', exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Hẹn lịch đối thoại, giao rà soát hồ sơ' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Ghi nhận, báo cáo Thường trực Đảng ủy', exact: true }).press('Enter');
    await page.waitForSelector('[data-outcome="chap-nhan-duoc"]');

    await expect.poll(async () => (await statementsFor(learner)).filter((s) => s.object.id.startsWith(CASE)).length, { timeout: 15_000 }).toBe(4);
    const caseStatements = (await statementsFor(learner)).filter((s) => s.object.id.startsWith(CASE));
    const [first, second, third, outcome] = caseStatements;

    expect(first!.verb.id).toBe('http://adlnet.gov/expapi/verbs/answered');
    expect(first!.object.id).toBe(`${CASE}/scenes/mo-dau`);
    expect(first!.object.definition).toMatchObject({
      type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
      interactionType: 'choice',
      correctResponsesPattern: ['a'],
      choices: [
        { id: 'a', description: { vi: 'Mời đại diện vào làm việc, lắng nghe' } },
        { id: 'b', description: { vi: 'Đề nghị lực lượng công an giải tán' } },
      ],
    });
    expect(first!.result).toMatchObject({ response: 'b', score: { raw: -2, min: -2, max: 2 } });
    expect(first!.context?.contextActivities?.parent?.map((p) => p.id)).toContain(CASE);
    expect(second!.object.id).toBe(`${CASE}/scenes/giai-tan`);
    expect(second!.result?.response).toBe('a');
    expect(third!.object.id).toBe(`${CASE}/scenes/lang-nghe`);
    expect(third!.result?.response).toBe('c');
    expect(third!.context?.extensions?.[EXT.casePath]).toEqual(['mo-dau', 'giai-tan', 'lang-nghe', 'ket-chap-nhan']);

    expect(outcome!.verb.id).toBe('http://adlnet.gov/expapi/verbs/failed');
    expect(outcome!.object.id).toBe(CASE);
    expect(outcome!.result).toMatchObject({ success: false, score: { scaled: 0, raw: 0, min: 0, max: 4 } });
    expect(outcome!.result?.extensions?.[EXT.casePath]).toEqual(['mo-dau', 'giai-tan', 'lang-nghe', 'ket-chap-nhan']);
    expect(outcome!.result?.extensions?.[EXT.caseOutcome]).toBe('chap-nhan-duoc');
    await page.close();
  });

  it('the best path ends passed, and the reflection text reaches the LRS in result.response', async () => {
    const learner = 'hv-002';
    const actor = JSON.stringify({ name: 'Trần Thị B', account: { homePage: 'https://daotao.example.gov.vn', name: learner } });
    const query = new URLSearchParams({ endpoint: lrs.url, auth, actor });
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`${pkg.server.origin}${pkg.launch('tiep-dan')}?${query.toString()}`);
    await page.waitForSelector('.bd-case-scene');
    await page.getByRole('button', { name: 'Mời đại diện vào làm việc, lắng nghe', exact: true }).press('Enter');
    await page.getByRole('button', { name: 'Hẹn lịch đối thoại, giao rà soát hồ sơ', exact: true }).press('Enter');
    const answer = 'Báo cáo Thường trực: diễn biến, kiến nghị của 40 hộ, lịch đối thoại; vì cấp trên cần nắm để chỉ đạo.';
    await page.getByLabel(/Câu hỏi suy ngẫm/).fill(answer);
    await page.getByRole('button', { name: 'Gửi câu trả lời' }).click();

    await expect.poll(async () => (await statementsFor(learner)).filter((s) => s.object.id.startsWith(CASE)).length, { timeout: 15_000 }).toBe(4);
    const all = (await statementsFor(learner)).filter((s) => s.object.id.startsWith(CASE));
    const outcome = all.find((s) => s.object.id === CASE)!;
    expect(outcome.verb.id).toBe('http://adlnet.gov/expapi/verbs/passed');
    expect(outcome.result).toMatchObject({ success: true, score: { scaled: 1, raw: 4, max: 4 } });
    expect(outcome.result?.extensions?.[EXT.caseOutcome]).toBe('tot');
    const reflection = all.find((s) => s.object.id.endsWith('/reflections/ket-tot-r1'))!;
    expect(reflection.object.definition?.['interactionType']).toBe('long-fill-in');
    expect(reflection.result?.response).toBe(answer);
    await page.close();
  });
});
