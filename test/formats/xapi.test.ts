/**
 * The plain xAPI package in Chromium: the LMS launches index.html with endpoint, auth, actor and
 * registration in the query; the course page hands them to the module; statements reach the LRS.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iri, type Course } from '../../src/core/model.js';
import type { ServedPackage } from '../e2e/harness/index.js';
import { repoRoot } from './course.js';
import { ACTOR, expectValid, ofRegistration, readToEnd, title, until, verbName, waitForPlayer, type Stmt } from './support/flow.js';
import type { ProjectLrs } from './support/lrs.js';
import { startPackageUnderLrs, type PackageUnderLrs } from './support/package-under-lrs.js';

const FIXTURE = path.join(repoRoot, 'test', 'formats', 'fixtures', 'course');

describe('xAPI package in Chromium against an LRS', () => {
  let browser: Browser;
  let lrs: ProjectLrs;
  let pkg: ServedPackage;
  let course: Course;

  let started: PackageUnderLrs | undefined;

  beforeAll(async () => {
    started = await startPackageUnderLrs(FIXTURE, 'xapi');
    ({ browser, lrs, pkg, course } = started);
  }, 120_000);
  afterAll(async () => {
    await started?.close();
  });

  /** The Tin Can launch: index.html with the LRS in the query, then the learner opens the module. */
  async function launch(page: Page, registration: string): Promise<void> {
    const q = new URLSearchParams({ endpoint: lrs.endpoint, auth: lrs.basicAuth, actor: JSON.stringify(ACTOR), registration });
    await page.goto(`${pkg.server.origin}/pkg/index.html?${q.toString()}`);
    expect(await page.isHidden('#no-lrs')).toBe(true);
    await page.click('#modules a');
    await waitForPlayer(page);
  }

  async function leave(page: Page, registration: string, last: string, count: number): Promise<Stmt[]> {
    await page.goto('about:blank');
    return until(last, async () => {
      const list = await ofRegistration(lrs, registration);
      return list.length >= count && list.some((s) => verbName(s) === last) && list;
    });
  }

  it('records a learner finishing the module, then resuming and leaving unfinished', async () => {
    const registration = randomUUID();
    const context = await browser.newContext();
    const page = await context.newPage();
    await launch(page, registration);
    await page.click('.bd-next');
    const first = await leave(page, registration, 'suspended', 2);
    expect(first.map(verbName)).toEqual(['initialized', 'suspended']);

    const page2 = await context.newPage();
    await launch(page2, registration);
    expect(await title(page2)).toBe(course.modules[0]!.pages[1]!.title);
    await readToEnd(page2);
    await page2.waitForFunction(() => document.querySelector('.bd-live')?.textContent?.includes('hoàn thành'));
    const all = await leave(page2, registration, 'terminated', 5);
    expect(all.map(verbName)).toEqual(['initialized', 'suspended', 'resumed', 'completed', 'terminated']);
    expectValid(all);
    const moduleIri = iri.module(course, course.modules[0]!.meta.id);
    for (const s of all) {
      expect(s['object']['id']).toBe(moduleIri);
      expect(s['actor']).toEqual(ACTOR);
      expect(s['context']['contextActivities']['grouping'][0]['id']).toBe(iri.course(course));
    }
    await context.close();
  }, 90_000);

  it('delivers what was made offline as soon as the browser is back online, in the same session', async () => {
    const registration = randomUUID();
    const context = await browser.newContext();
    const page = await context.newPage();
    await launch(page, registration);
    await until('initialized', async () => (await ofRegistration(lrs, registration)).length === 1);
    await context.setOffline(true);
    await readToEnd(page);
    await page.waitForFunction(() => document.querySelector('.bd-live')?.textContent?.includes('hoàn thành'));
    await new Promise((r) => setTimeout(r, 300));
    expect((await ofRegistration(lrs, registration)).map(verbName)).toEqual(['initialized']);
    await context.setOffline(false);
    // The page is still open: the queue retries on the browser's "online" event.
    await until('completed', async () => (await ofRegistration(lrs, registration)).some((s) => verbName(s) === 'completed'));
    const all = await leave(page, registration, 'terminated', 3);
    expect(all.map(verbName)).toEqual(['initialized', 'completed', 'terminated']);
    expect(new Set(all.map((s) => s['id'])).size).toBe(3);
    expectValid(all);
    await context.close();
  }, 60_000);

  it('carries no LRS address or credentials in the package', () => {
    const secret = lrs.basicAuth.slice('Basic '.length);
    for (const f of pkg.files) {
      const text = readFileSync(path.join(pkg.dir, f), 'latin1');
      expect(text.includes(secret), f).toBe(false);
      expect(text.includes(lrs.origin), f).toBe(false);
    }
  });
});
