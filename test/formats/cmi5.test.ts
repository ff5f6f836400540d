/**
 * The cmi5 package in Chromium, launched as an LMS launches an AU (endpoint, fetch, actor,
 * registration, activityId) against the project's own LRS: the exact statement sequence, the
 * launch modes, resume through the State API, and delivery after the network comes back.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iri, type Course } from '../../src/core/model.js';
import { EXT } from '../../src/core/tracking.js';
import { CMI5 } from '../../src/core/xapi/cmi5.js';
import { RESUME_STATE_ID } from '../../src/runtime/tracking/xapi/resume.js';
import { type ServedPackage } from '../e2e/harness/index.js';
import { repoRoot } from './course.js';
import type { ProjectLrs } from './support/lrs.js';
import { ACTOR, categories, expectValid, ofRegistration, readToEnd, title, until, verbName, waitForPlayer, type Stmt } from './support/flow.js';
import { startPackageUnderLrs, type PackageUnderLrs } from './support/package-under-lrs.js';

const FIXTURE = path.join(repoRoot, 'test', 'formats', 'fixtures', 'course');
const LMS_COURSE = 'https://lms.daotao.example.gov.vn/courses/77';

describe('cmi5 package in Chromium against an LRS', () => {
  let browser: Browser;
  let lrs: ProjectLrs;
  let pkg: ServedPackage;
  let course: Course;
  let moduleId: string;
  let auId: string;

  let started: PackageUnderLrs | undefined;

  beforeAll(async () => {
    started = await startPackageUnderLrs(FIXTURE, 'cmi5');
    ({ browser, lrs, pkg, course } = started);
    moduleId = course.modules[0]!.meta.id;
    auId = iri.module(course, moduleId);
  }, 120_000);
  afterAll(async () => {
    await started?.close();
  });

  /** What the LMS does before a launch: LaunchData in the State API, then the launch URL. */
  async function launch(page: Page, registration: string, sessionId: string, launchMode = 'Normal', returnURL = 'https://lms.daotao.example.gov.vn/return'): Promise<string> {
    await lrs.setState(auId, ACTOR, registration, CMI5.launchDataStateId, {
      contextTemplate: {
        contextActivities: { grouping: [{ objectType: 'Activity', id: LMS_COURSE }] },
        extensions: { [CMI5.sessionId]: sessionId },
      },
      launchMode,
      moveOn: 'Completed',
      returnURL,
    });
    const fetchUrl = await lrs.newFetchUrl({ actor: ACTOR, registration, activityId: auId });
    const q = new URLSearchParams({ endpoint: lrs.endpoint, fetch: fetchUrl, actor: JSON.stringify(ACTOR), registration, activityId: auId });
    await page.goto(`${pkg.server.origin}${pkg.launch(moduleId)}?${q.toString()}`);
    await waitForPlayer(page);
    return fetchUrl;
  }

  const ofSession = async (registration: string, sessionId: string): Promise<Stmt[]> =>
    (await ofRegistration(lrs, registration)).filter((s) => s['context']?.['extensions']?.[CMI5.sessionId] === sessionId);

  async function leave(page: Page, registration: string, sessionId: string): Promise<Stmt[]> {
    await page.goto('about:blank');
    return until('terminated', async () => {
      const list = await ofSession(registration, sessionId);
      return list.some((s) => verbName(s) === 'terminated') && list;
    });
  }

  it('sends initialized, completed, terminated in order with the context template, and resumes through the State API', async () => {
    const registration = randomUUID();
    const session1 = randomUUID();
    const context = await browser.newContext();
    const page = await context.newPage();
    const fetchUrl = await launch(page, registration, session1);
    await readToEnd(page);
    await page.waitForFunction(() => document.querySelector('.bd-live')?.textContent?.includes('hoàn thành'));
    const first = await leave(page, registration, session1);

    expect(first.map(verbName)).toEqual(['initialized', 'completed', 'terminated']);
    expectValid(first);
    for (const s of first) {
      expect(s['object']['id']).toBe(auId);
      expect(s['actor']).toEqual(ACTOR);
      expect(s['context']['registration']).toBe(registration);
      expect(categories(s)).toContain(CMI5.categoryCmi5);
      expect(s['context']['contextActivities']['grouping'].map((a: { id: string }) => a.id)).toContain(LMS_COURSE);
      expect(s['context']['extensions'][EXT.moduleVersion]).toBe('1.2.0');
    }
    const [, completed, terminated] = first as [Stmt, Stmt, Stmt];
    expect(categories(completed)).toContain(CMI5.categoryMoveOn);
    expect(completed['result']).toMatchObject({ completion: true });
    expect(completed['result']['duration']).toMatch(/^PT/);
    expect(categories(terminated)).not.toContain(CMI5.categoryMoveOn);
    expect(terminated['result']['duration']).toMatch(/^PT/);
    // The AU took its token from the fetch URL: the URL is spent, a second POST gets cmi5 error 1.
    expect(await lrs.post(fetchUrl)).toMatchObject({ status: 401, body: { 'error-code': '1' } });

    // A second session of the same registration lands on the last page and does not complete again.
    const session2 = randomUUID();
    const page2 = await context.newPage();
    await launch(page2, registration, session2);
    expect(await title(page2)).toBe(course.modules[0]!.pages.at(-1)!.title);
    const second = await leave(page2, registration, session2);
    expect(second.map(verbName)).toEqual(['initialized', 'terminated']);
    expectValid(second);
    await context.close();
  }, 90_000);

  it("asks for the token, LMS.LaunchData, the preferences and the resume state while the player is still downloading, and starts from those answers", async () => {
    const registration = randomUUID();
    const session = randomUUID();
    // A first launch leaves the trainee on a later page: the second must resume there from what its head asked.
    const context = await browser.newContext();
    const page = await context.newPage();
    await launch(page, registration, session);
    await page.click('.bd-next');
    const second = await title(page);
    await leave(page, registration, session);

    const relaunch = await browser.newPage();
    const asked: { what: string; at: number }[] = [];
    relaunch.on('request', (r) => {
      const url = new URL(r.url());
      if (url.origin === new URL(lrs.endpoint).origin) asked.push({ what: `${r.method()} ${url.pathname.replace(/^.*\/xapi\//, '')} ${url.searchParams.get('stateId') ?? url.searchParams.get('profileId') ?? ''}`.trim(), at: Date.now() });
    });
    // The player bundle arrives a second late, as on a slow line.
    let playerArrived = 0;
    await relaunch.route('**/player/player.js', async (route) => {
      const response = await route.fetch();
      await new Promise((r) => setTimeout(r, 1_000));
      playerArrived = Date.now();
      await route.fulfill({ response });
    });
    await launch(relaunch, registration, randomUUID());
    const beforePlayer = asked.filter((a) => a.at < playerArrived).map((a) => a.what);
    expect(beforePlayer.find((w) => w.startsWith('POST'))).toMatch(/fetch/);
    expect(beforePlayer).toEqual(expect.arrayContaining([
      `GET activities/state ${CMI5.launchDataStateId}`,
      `GET activities/state ${RESUME_STATE_ID}`,
      `GET agents/profile ${CMI5.learnerPreferencesProfileId}`,
    ]));
    // Asked once each: the tracker took the head's answers instead of asking again.
    expect(asked.filter((a) => a.what.startsWith('GET activities/state') || a.what.startsWith('GET agents/profile') || a.what.startsWith('POST') && !a.what.includes('statements'))).toHaveLength(4);
    expect(await title(relaunch)).toBe(second);
    await relaunch.close();
    await context.close();
  });

  it('the exit control sends terminated and then returns to the LMS at returnURL', async () => {
    const registration = randomUUID();
    const session = randomUUID();
    const returnURL = `${pkg.server.origin}/lms/return.html?course=77`;
    pkg.server.page('/lms/return.html', '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>LMS</title></head><body><h1>LMS</h1></body></html>');
    const context = await browser.newContext();
    const page = await context.newPage();
    await launch(page, registration, session, 'Normal', returnURL);
    await readToEnd(page);
    await page.waitForFunction(() => document.querySelector('.bd-live')?.textContent?.includes('hoàn thành'));
    expect(await page.textContent('.bd-exit')).toBe('Thoát học phần');
    await page.click('.bd-exit');
    await page.waitForURL(returnURL);
    const sent = await until('terminated', async () => {
      const list = await ofSession(registration, session);
      return list.some((s) => verbName(s) === 'terminated') && list;
    });
    expect(sent.map(verbName)).toEqual(['initialized', 'completed', 'terminated']);
    expectValid(sent);
    await context.close();
  }, 60_000);

  it('in Browse mode sends no completed, passed or failed; a returnURL that is not http(s) offers no exit', async () => {
    const registration = randomUUID();
    const session = randomUUID();
    const context = await browser.newContext();
    const page = await context.newPage();
    await launch(page, registration, session, 'Browse', 'javascript:alert(1)');
    expect(await page.locator('.bd-exit').count()).toBe(0);
    await readToEnd(page);
    const sent = await leave(page, registration, session);
    expect(sent.map(verbName)).toEqual(['initialized', 'terminated']);
    expectValid(sent);
    await context.close();
  }, 60_000);

  it('keeps statements made offline and delivers each exactly once after a relaunch online', async () => {
    const registration = randomUUID();
    const session1 = randomUUID();
    const context: BrowserContext = await browser.newContext();
    const page = await context.newPage();
    await launch(page, registration, session1);
    await until('initialized', async () => (await ofSession(registration, session1)).length === 1);

    await context.setOffline(true);
    await readToEnd(page);
    await page.waitForFunction(() => document.querySelector('.bd-live')?.textContent?.includes('hoàn thành'));
    // Chromium's offline emulation does not hold back the keepalive request sent while the page
    // unloads, so the LRS is made unreachable too: nothing may get through until the relaunch.
    lrs.setReachable(false);
    await page.goto('about:blank');
    await page.close();
    await new Promise((r) => setTimeout(r, 300));
    expect((await ofSession(registration, session1)).map(verbName)).toEqual(['initialized']);

    // What the browser kept: IndexedDB holds what was queued while the page lived; the exit copy
    // in localStorage also holds what was queued during unload.
    await context.setOffline(false);
    const probe = await context.newPage();
    await probe.goto(`${pkg.server.origin}/pkg/cmi5.xml`);
    const kept = await probe.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open('boiduong-xapi-queue');
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      const items = await new Promise<{ statement: { verb: { id: string } } }[]>((resolve, reject) => {
        const r = db.transaction('statements', 'readonly').objectStore('statements').getAll();
        r.onsuccess = () => resolve(r.result as { statement: { verb: { id: string } } }[]);
        r.onerror = () => reject(r.error);
      });
      db.close();
      const backup = JSON.parse(localStorage.getItem('boiduong.xapi.queue.exit') ?? '[]') as { statement: { verb: { id: string } } }[];
      const name = (x: { statement: { verb: { id: string } } }) => x.statement.verb.id.split('/').pop();
      return { indexedDb: items.map(name), exitCopy: backup.map(name) };
    });
    await probe.close();
    expect(kept.indexedDb).toContain('completed');
    expect(kept.exitCopy).toEqual(['completed', 'terminated']);

    lrs.setReachable(true);
    const session2 = randomUUID();
    const page2 = await context.newPage();
    await launch(page2, registration, session2);
    const resent = await until('the offline statements', async () => {
      const list = await ofSession(registration, session1);
      return list.length === 3 && list;
    });
    expect(resent.map(verbName)).toEqual(['initialized', 'completed', 'terminated']);
    await leave(page2, registration, session2);

    const all = await ofRegistration(lrs, registration);
    expect(all.map((s) => `${s['context']['extensions'][CMI5.sessionId] === session1 ? 1 : 2}:${verbName(s)}`)).toEqual([
      '1:initialized',
      '1:completed',
      '1:terminated',
      '2:initialized',
      '2:terminated',
    ]);
    expect(new Set(all.map((s) => s['id'])).size).toBe(all.length);
    expectValid(all);
    await context.close();
  }, 90_000);
});
