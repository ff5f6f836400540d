/**
 * The relaunch case from ADL's reference cmi5 player, in Chromium with a real launch: the
 * trainee finishes a session and closes it; the browser's keepalive POST of `terminated` reached
 * the LRS but the queue still holds it; the same browser relaunches the AU. The queue must send
 * that statement as the ended session's (its own token, its own batch), never mixed into the new
 * session, and a refusal of it must not stop the new session's statements.
 *
 * Against the project's LRS, the resent statement is identical and accepted. Through
 * `startSessionLms` (a test double of an LMS that refuses: it enforces cmi5 sessions as the
 * reference LMS does, 403 for a batch mixing sessions or anything after terminated), the resent
 * terminated is refused, set aside and shown, and the new session is still recorded.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iri, type Course } from '../../src/core/model.js';
import { CMI5 } from '../../src/core/xapi/cmi5.js';
import { type ServedPackage } from '../e2e/harness/index.js';
import { repoRoot } from './course.js';
import { ACTOR, expectValid, ofRegistration, readToEnd, until, verbName, waitForPlayer, type Stmt } from './support/flow.js';
import type { ProjectLrs } from './support/lrs.js';
import { startSessionLms, type SessionLms } from './support/session-lms.js';
import { startPackageUnderLrs, type PackageUnderLrs } from './support/package-under-lrs.js';

const FIXTURE = path.join(repoRoot, 'test', 'formats', 'fixtures', 'course');

interface Post {
  readonly sessions: string[];
  readonly auth: string;
}

describe('cmi5 relaunch in the same browser with the last session\'s terminated still queued', () => {
  let browser: Browser;
  let lrs: ProjectLrs;
  let lms: SessionLms;
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
    lms = await startSessionLms(lrs.endpoint, (st) => st.verb.id === 'http://adlnet.gov/expapi/verbs/completed');
  }, 120_000);
  afterAll(async () => {
    await Promise.all([lms?.close(), started?.close()]);
  });

  const sessionOf = (s: Stmt): string => s['context']['extensions'][CMI5.sessionId];

  /** The LMS's side of a launch, then the AU in a new tab; records every statement POST the page makes. */
  async function launch(context: BrowserContext, endpoint: string, registration: string, session: string, posts: Post[]): Promise<Page> {
    const contextTemplate = { extensions: { [CMI5.sessionId]: session } };
    await lrs.setState(auId, ACTOR, registration, CMI5.launchDataStateId, { contextTemplate, launchMode: 'Normal', moveOn: 'Completed' });
    // Minted with the session's template, as an LMS does: the project LRS then holds the AU to the cmi5 session rules.
    const fetchUrl = await lrs.newFetchUrl({ actor: ACTOR, registration, activityId: auId, contextTemplate });
    const page = await context.newPage();
    page.on('request', (req) => {
      if (req.method() !== 'POST' || !req.url().startsWith(`${endpoint}statements`)) return;
      const list = JSON.parse(req.postData() ?? '[]') as Stmt[];
      posts.push({ sessions: [...new Set(list.map(sessionOf))], auth: req.headers()['authorization'] ?? '' });
    });
    const q = new URLSearchParams({ endpoint, fetch: fetchUrl, actor: JSON.stringify(ACTOR), registration, activityId: auId });
    await page.goto(`${pkg.server.origin}${pkg.launch(moduleId)}?${q.toString()}`);
    await waitForPlayer(page);
    return page;
  }

  const ofSession = async (registration: string, session: string): Promise<string[]> =>
    (await ofRegistration(lrs, registration)).filter((s) => sessionOf(s) === session).map(verbName);

  /** Session 1 read to the end and closed; its terminated reached the LRS and is still in the browser's queue. */
  async function firstSession(context: BrowserContext, endpoint: string, registration: string, session: string, posts: Post[]): Promise<void> {
    const page = await launch(context, endpoint, registration, session, posts);
    await readToEnd(page);
    await page.waitForFunction(() => document.querySelector('.bd-live')?.textContent?.includes('hoàn thành'));
    await page.goto('about:blank');
    await until('terminated of session 1', async () => (await ofSession(registration, session)).includes('terminated'));
    await page.close();
    const probe = await context.newPage();
    await probe.goto(`${pkg.server.origin}/pkg/cmi5.xml`);
    const kept = await probe.evaluate(() => (JSON.parse(localStorage.getItem('boiduong.xapi.queue.exit') ?? '[]') as { statement: { verb: { id: string } } }[]).map((x) => x.statement.verb.id.split('/').pop()));
    await probe.close();
    expect(kept).toContain('terminated');
  }

  /** Every batch the pages sent holds one session's statements, sent with that session's token. */
  function expectOneSessionPerBatch(posts: readonly Post[]): void {
    const tokenOf = new Map<string, string>();
    for (const p of posts) {
      expect(p.sessions).toHaveLength(1);
      const known = tokenOf.get(p.sessions[0]!);
      if (known) expect(p.auth).toBe(known);
      else tokenOf.set(p.sessions[0]!, p.auth);
    }
    expect(new Set(tokenOf.values()).size).toBe(tokenOf.size);
  }

  it('against the project LRS: the ended session\'s terminated goes with its own token, alone, and every statement is stored once', async () => {
    const registration = randomUUID();
    const [s1, s2] = [randomUUID(), randomUUID()];
    const posts: Post[] = [];
    const context = await browser.newContext();
    await firstSession(context, lrs.endpoint, registration, s1, posts);

    const page = await launch(context, lrs.endpoint, registration, s2, posts);
    await until('initialized of session 2', async () => (await ofSession(registration, s2)).includes('initialized'));
    await page.goto('about:blank');
    await until('terminated of session 2', async () => (await ofSession(registration, s2)).includes('terminated'));

    const all = await ofRegistration(lrs, registration);
    expect(all.map((s) => `${sessionOf(s) === s1 ? 1 : 2}:${verbName(s)}`)).toEqual(['1:initialized', '1:completed', '1:terminated', '2:initialized', '2:terminated']);
    expect(new Set(all.map((s) => s['id'])).size).toBe(all.length);
    expectValid(all);
    expectOneSessionPerBatch(posts);
    // Session 1's terminated was resent by the second page, as session 1's.
    expect(posts.filter((p) => p.sessions[0] === s1).length).toBeGreaterThan(1);
    await context.close();
  }, 90_000);

  it('through an LMS that refuses (403): the refused statement is set aside and shown, and the queue goes on, in this session and the next', async () => {
    const registration = randomUUID();
    const [s1, s2] = [randomUUID(), randomUUID()];
    const posts: Post[] = [];
    const warnings: string[] = [];
    const context = await browser.newContext();
    context.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    const page = await launch(context, lms.endpoint, registration, s1, posts);
    await readToEnd(page);
    await page.waitForSelector('.bd-undelivered');
    expect(await page.getAttribute('.bd-undelivered', 'data-count')).toBe('1');
    expect(await page.textContent('.bd-undelivered summary')).toBe('1 bản ghi học tập bị hệ thống từ chối, đang giữ trên trình duyệt này');
    expect(await page.textContent('.bd-undelivered li')).toMatch(/^completed · \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} · mã 403$/);
    expect(warnings.some((w) => w.includes('refused statement') && w.includes('completed') && w.includes('403'))).toBe(true);
    await page.goto('about:blank');
    await until('terminated of session 1', async () => (await ofSession(registration, s1)).includes('terminated'));
    await page.close();

    // Same browser, next session: session 1's terminated is resent as session 1's; the LMS refuses
    // the resend (its session has ended), the queue finds it stored and goes on with session 2.
    const page2 = await launch(context, lms.endpoint, registration, s2, posts);
    await until('initialized of session 2', async () => (await ofSession(registration, s2)).includes('initialized'));
    expect(lms.posts.some((p) => p.status === 403 && p.sessions[0] === s1 && p.sessions.length === 1)).toBe(true);
    expect(await page2.getAttribute('.bd-undelivered', 'data-count')).toBe('1');
    await page2.goto('about:blank');
    await until('terminated of session 2', async () => (await ofSession(registration, s2)).includes('terminated'));
    await page2.close();

    const third = await launch(context, lms.endpoint, registration, randomUUID(), posts);
    await until('initialized of session 3', async () => (await ofRegistration(lrs, registration)).filter((st) => verbName(st) === 'initialized').length === 3);
    expect(await third.getAttribute('.bd-undelivered', 'data-count')).toBe('1');

    const all = await ofRegistration(lrs, registration);
    expect(all.map((st) => `${sessionOf(st) === s1 ? 1 : sessionOf(st) === s2 ? 2 : 3}:${verbName(st)}`)).toEqual([
      '1:initialized',
      '1:terminated',
      '2:initialized',
      '2:terminated',
      '3:initialized',
    ]);
    expectValid(all);
    expectOneSessionPerBatch(posts);
    await context.close();
  }, 120_000);
});
