/**
 * The sample course itself in every LRS/SCORM 2004 format: each package launches in Chromium,
 * saves where the learner is, and says the right things when the learner leaves unfinished.
 */
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iri, type Course } from '../../src/core/model.js';
import type { Taxonomy } from '../../src/core/taxonomy.js';
import { CMI5 } from '../../src/core/xapi/cmi5.js';
import { buildRuntime, closeSco, hostPage, launchChromium, readCmi, scoFrame, servePackage } from '../e2e/harness/index.js';
import { sampleCourse } from './course.js';
import { ACTOR, expectValid, ofRegistration, until, verbName, waitForPlayer } from './support/flow.js';
import { startProjectLrs, type ProjectLrs } from './support/lrs.js';

describe('sample course in each format', () => {
  let browser: Browser;
  let lrs: ProjectLrs;
  let course: Course;
  let taxonomy: Taxonomy;

  beforeAll(async () => {
    buildRuntime();
    ({ course, taxonomy } = await sampleCourse());
    [browser, lrs] = await Promise.all([launchChromium(), startProjectLrs()]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([browser?.close(), lrs?.close()]);
  });

  it('SCORM 2004: the first module starts, keeps the page and suspends', async () => {
    const pkg = await servePackage(course, taxonomy, 'scorm2004');
    const mod = course.modules[0]!;
    pkg.server.page('/lms.html', hostPage({ version: 'scorm2004', launch: pkg.launch(mod.meta.id) }));
    const page = await browser.newPage();
    await page.goto(`${pkg.server.origin}/lms.html`);
    const frame = await scoFrame(page);
    await waitForPlayer(frame);
    await frame.click('.bd-next');
    await closeSco(page);
    const cmi = await readCmi(page);
    await page.close();
    await pkg.close();
    expect(cmi['location']).toBe(mod.pages[1]!.id);
    expect(cmi['exit']).toBe('suspend');
    expect(cmi['completion_status']).toBe('incomplete');
  }, 60_000);

  it('cmi5: every module launches as an AU and sends initialized then terminated when left early', async () => {
    const pkg = await servePackage(course, taxonomy, 'cmi5');
    const context = await browser.newContext();
    for (const mod of course.modules) {
      const registration = randomUUID();
      const auId = iri.module(course, mod.meta.id);
      await lrs.setState(auId, ACTOR, registration, CMI5.launchDataStateId, {
        contextTemplate: { extensions: { [CMI5.sessionId]: randomUUID() } },
        launchMode: 'Normal',
        moveOn: 'CompletedAndPassed',
        masteryScore: mod.meta.pass / 10,
      });
      const q = new URLSearchParams({ endpoint: lrs.endpoint, fetch: await lrs.newFetchUrl({ actor: ACTOR, registration, activityId: auId }), actor: JSON.stringify(ACTOR), registration, activityId: auId });
      const page = await context.newPage();
      await page.goto(`${pkg.server.origin}${pkg.launch(mod.meta.id)}?${q.toString()}`);
      await waitForPlayer(page);
      await page.goto('about:blank');
      const sent = await until(`${mod.meta.id} terminated`, async () => {
        const list = await ofRegistration(lrs, registration);
        return list.some((s) => verbName(s) === 'terminated') && list;
      });
      expect(sent.map(verbName)).toEqual(['initialized', 'terminated']);
      expect(sent.every((s) => s['context']['extensions'][CMI5.sessionId])).toBe(true);
      expectValid(sent);
      await page.close();
    }
    await context.close();
    await pkg.close();
  }, 120_000);

  it('xAPI: the course page opens a module that reports to the LRS of the launch link', async () => {
    const pkg = await servePackage(course, taxonomy, 'xapi');
    const registration = randomUUID();
    const page = await browser.newPage();
    const q = new URLSearchParams({ endpoint: lrs.endpoint, auth: lrs.basicAuth, actor: JSON.stringify(ACTOR), registration });
    await page.goto(`${pkg.server.origin}/pkg/index.html?${q.toString()}`);
    expect(await page.locator('#modules a').count()).toBe(course.modules.length);
    await page.click('#modules a');
    await waitForPlayer(page);
    await page.goto('about:blank');
    const sent = await until('suspended', async () => {
      const list = await ofRegistration(lrs, registration);
      return list.some((s) => verbName(s) === 'suspended') && list;
    });
    expect(sent.map(verbName)).toEqual(['initialized', 'suspended']);
    expectValid(sent);
    await page.close();
    await pkg.close();
  }, 60_000);
});
