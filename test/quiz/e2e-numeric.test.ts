/**
 * Numeric answers written the Vietnamese way, typed by a trainee in Chromium into a cmi5 package
 * launched against the project's LRS: "25,5 %" and "5%" are right answers recorded as decimals; text
 * that is not one number ("hai mươi lăm", the ambiguous "10.000") is asked again, records nothing
 * and spends no attempt.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iri, type Course } from '../../src/core/model.js';
import { EXT } from '../../src/core/tracking.js';
import type { ServedPackage } from '../e2e/harness/index.js';
import { repoRoot } from '../formats/course.js';
import { ACTOR, expectValid, ofRegistration, until, verbName, waitForPlayer, type Stmt } from '../formats/support/flow.js';
import type { ProjectLrs } from '../formats/support/lrs.js';
import { startPackageUnderLrs, type PackageUnderLrs } from '../formats/support/package-under-lrs.js';

const FIXTURE = path.join(repoRoot, 'test', 'formats', 'fixtures', 'bank');
const MODULE = 'ngan-sach-xa';
const TEST = '[data-bd-test="kiem-tra-ngan-sach"]';

describe('numeric answers typed in Chromium', () => {
  let browser: Browser;
  let lrs: ProjectLrs;
  let pkg: ServedPackage;
  let course: Course;

  let started: PackageUnderLrs | undefined;

  beforeAll(async () => {
    started = await startPackageUnderLrs(FIXTURE, 'cmi5');
    ({ browser, lrs, pkg, course } = started);
  }, 120_000);
  afterAll(async () => {
    await started?.close();
  });

  async function launch(registration: string): Promise<Page> {
    const { query: q } = await lrs.prepareCmi5Launch({ actor: ACTOR, registration, activityId: iri.module(course, MODULE) });
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`${pkg.server.origin}${pkg.launch(MODULE)}?${q.toString()}`);
    await waitForPlayer(page);
    return page;
  }

  const answeredOf = (list: Stmt[], questionId: string): Stmt[] =>
    list.filter((s) => verbName(s) === 'answered' && s['object']['id'] === `${iri.course(course)}/questions/${questionId}`);

  it('a knowledge check: text that is not a number is asked again and not recorded; "25,5 %" is right', async () => {
    const registration = randomUUID();
    const page = await launch(registration);
    const check = '[data-bd-question="ty-le-thu"]';
    await page.fill(`${check} input`, 'hai mươi lăm');
    await page.click(`${check} .bd-actions button`);
    expect(await page.textContent(`${check} .bd-result`)).toBe('Đồng chí chỉ nhập số, ví dụ 25 hoặc 25,5 (có thể thêm dấu %).');
    expect(await page.getAttribute(`${check} input`, 'aria-invalid')).toBe('true');
    await page.fill(`${check} input`, '25,5 %');
    expect(await page.getAttribute(`${check} input`, 'aria-invalid')).toBeNull();
    await page.click(`${check} .bd-actions button`);
    expect(await page.textContent(`${check} .bd-feedback strong`)).toBe('Đúng.');
    const list = await until('the answered statement', async () => {
      const all = await ofRegistration(lrs, registration);
      return answeredOf(all, 'ty-le-thu').length > 0 && all;
    });
    await new Promise((r) => setTimeout(r, 300));
    const answered = answeredOf(await ofRegistration(lrs, registration), 'ty-le-thu');
    expect(answered).toHaveLength(1);
    expect(answered[0]!['result']).toMatchObject({ response: '25.5', success: true });
    expectValid(list);
    await page.close();
  }, 60_000);

  it('a test: "10.000" is asked again before submitting and spends no attempt; "5%" and "10" then score 10/10', async () => {
    const registration = randomUUID();
    const page = await launch(registration);
    await page.click('.bd-next');
    await page.click(`${TEST} .bd-actions button`);
    await page.waitForSelector(`${TEST} fieldset[data-question]`);
    const order = await page.$$eval(`${TEST} fieldset[data-question]`, (fs) => fs.map((f) => f.getAttribute('data-question')!));
    await page.fill(`${TEST} fieldset[data-question="du-phong"] input`, '5%');
    await page.fill(`${TEST} fieldset[data-question="so-thon"] input`, '10.000');
    await page.click(`${TEST} .bd-actions button`);
    const n = order.indexOf('so-thon') + 1;
    expect(await page.textContent(`${TEST} .bd-number-problem`)).toBe(
      `Câu ${n}: Đồng chí chỉ nhập số không có dấu ngăn cách hàng nghìn: “10.000” có thể là 10000 hoặc 10. Hãy viết 10000 hoặc 10.`,
    );
    expect(await page.locator(`${TEST} .bd-summary`).count()).toBe(0);
    expect(await page.getAttribute(`${TEST} fieldset[data-question="so-thon"] input`, 'aria-invalid')).toBe('true');
    await new Promise((r) => setTimeout(r, 300));
    expect((await ofRegistration(lrs, registration)).map(verbName)).toEqual(['initialized']);

    await page.fill(`${TEST} fieldset[data-question="so-thon"] input`, '10');
    await page.click(`${TEST} .bd-actions button`);
    await page.waitForSelector(`${TEST} .bd-summary`);
    expect(await page.getAttribute(`${TEST} .bd-summary`, 'data-mark')).toBe('10');
    // cmi5: the LRS keeps the 10-point mark, no percentage is shown.
    expect(await page.textContent(`${TEST} .bd-summary`)).not.toContain('%');
    const sent = await until('the test outcome', async () => {
      const all = await ofRegistration(lrs, registration);
      return all.some((s) => verbName(s) === 'passed') && all;
    });
    expect(answeredOf(sent, 'du-phong').map((s) => s['result']['response'])).toEqual(['5']);
    expect(answeredOf(sent, 'so-thon').map((s) => s['result']['response'])).toEqual(['10']);
    const outcome = sent.find((s) => verbName(s) === 'passed')!;
    expect(outcome['result']['extensions'][EXT.attempt]).toBe(1);
    expectValid(sent);
    await page.close();
  }, 60_000);
});
