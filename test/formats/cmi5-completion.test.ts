/**
 * When `completed` is sent, in Chromium with a cmi5 package against the project's LRS: a module
 * whose test (page 2) draws from the question bank on its last page (page 3). Passing the test
 * does not complete the module, nor does leaving and relaunching; `completed` is sent once the
 * trainee has seen every page, the bank included, with the test done, and the module's grade
 * (passed/failed of the AU) goes with it, not before.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iri, type Course } from '../../src/core/model.js';
import type { ServedPackage } from '../e2e/harness/index.js';
import { repoRoot } from './course.js';
import { ACTOR, expectValid, ofRegistration, title, until, verbName, waitForPlayer } from './support/flow.js';
import type { ProjectLrs } from './support/lrs.js';
import { startPackageUnderLrs, type PackageUnderLrs } from './support/package-under-lrs.js';

const FIXTURE = path.join(repoRoot, 'test', 'formats', 'fixtures', 'bank');
const MODULE = 'ngan-sach-xa';
const TEST = '[data-bd-test="kiem-tra-ngan-sach"]';

describe('cmi5: completed only once every page is seen', () => {
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

  async function launch(context: BrowserContext, registration: string): Promise<Page> {
    const { query: q } = await lrs.prepareCmi5Launch({ actor: ACTOR, registration, activityId: iri.module(course, MODULE) });
    const page = await context.newPage();
    await page.goto(`${pkg.server.origin}${pkg.launch(MODULE)}?${q.toString()}`);
    await waitForPlayer(page);
    return page;
  }

  const verbs = async (registration: string): Promise<string[]> => (await ofRegistration(lrs, registration)).map(verbName);

  it('passing the test on page 2 neither completes nor grades the module; seeing the bank page does, once', async () => {
    const registration = randomUUID();
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const page = await launch(context, registration);
    await page.click('.bd-next');
    await page.click(`${TEST} .bd-actions button`);
    await page.waitForSelector(`${TEST} fieldset[data-question]`);
    await page.fill(`${TEST} fieldset[data-question="du-phong"] input`, '5');
    await page.fill(`${TEST} fieldset[data-question="so-thon"] input`, '10');
    await page.click(`${TEST} .bd-actions button`);
    await page.waitForSelector(`${TEST} .bd-summary`);
    await until('the test outcome', async () => (await verbs(registration)).includes('passed'));
    await new Promise((r) => setTimeout(r, 300));
    expect(await verbs(registration)).toEqual(['initialized', 'answered', 'answered', 'passed']);

    // Leave before the bank page, come back: the module is still not completed.
    await page.goto('about:blank');
    await until('terminated', async () => (await verbs(registration)).includes('terminated'));
    await page.close();
    const again = await launch(context, registration);
    expect(await title(again)).toBe('Bài kiểm tra');
    await until('initialized of the second session', async () => (await verbs(registration)).filter((v) => v === 'initialized').length === 2);
    await new Promise((r) => setTimeout(r, 300));
    expect(await verbs(registration)).not.toContain('completed');

    await again.click('.bd-list-item[data-page="2"]');
    expect(await title(again)).toBe('Ngân hàng câu hỏi');
    await until('completed', async () => (await verbs(registration)).includes('completed'));
    await again.goto('about:blank');
    await until('terminated of the second session', async () => (await verbs(registration)).filter((v) => v === 'terminated').length === 2);
    const all = await ofRegistration(lrs, registration);
    // The test's own passed in session 1; the module's grade only with completed, in session 2.
    expect(all.map(verbName)).toEqual(['initialized', 'answered', 'answered', 'passed', 'terminated', 'initialized', 'completed', 'passed', 'terminated']);
    expect(all[3]!['object']['id']).toBe(`${iri.course(course)}/tests/kiem-tra-ngan-sach`);
    expect(all[7]!['object']['id']).toBe(iri.module(course, MODULE));
    expectValid(all);
    await context.close();
  }, 90_000);
});
