/**
 * The cmi5 tracker as the player drives it, with graded work: answered statements stay "cmi5
 * allowed" (no cmi5 category), completed comes once, passed only when the scaled score reaches
 * the LMS's masteryScore, terminated last and nothing after it.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iri, type Course } from '../../src/core/model.js';
import { EXT } from '../../src/core/tracking.js';
import { CMI5 } from '../../src/core/xapi/cmi5.js';
import { launchChromium, serve, type StaticServer } from '../e2e/harness/index.js';
import { repoRoot, sampleCourse } from './course.js';
import { trackerBundle } from './support/bundle.js';
import { ACTOR, categories, expectValid, ofRegistration, until, verbName, type Stmt } from './support/flow.js';
import { startProjectLrs, type ProjectLrs } from './support/lrs.js';
import { choiceRecord, testOutcome } from './support/records.js';

const FIXTURE = path.join(repoRoot, 'test', 'formats', 'fixtures', 'course');

describe('cmi5 tracker with graded work', () => {
  let browser: Browser;
  let lrs: ProjectLrs;
  let site: StaticServer;
  let course: Course;
  let auId: string;

  beforeAll(async () => {
    course = (await sampleCourse(FIXTURE)).course;
    auId = iri.module(course, course.modules[0]!.meta.id);
    [browser, lrs, site] = await Promise.all([launchChromium(), startProjectLrs(), serve([])]);
    await lrs.setAgentProfile(ACTOR, CMI5.learnerPreferencesProfileId, { languagePreference: 'en-US,vi', audioPreference: 'off' });
    site.page('/bd-trackers.js', trackerBundle(), 'text/javascript; charset=utf-8');
    site.page('/au.html', '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>AU</title><script src="/bd-trackers.js"></script></head><body></body></html>');
  }, 120_000);
  afterAll(async () => {
    await Promise.all([browser?.close(), lrs?.close(), site?.close()]);
  });

  async function run(mark: number, masteryScore: number): Promise<{ registration: string; sessionId: string; page: Page; lang: string; learnerId: string }> {
    const registration = randomUUID();
    const sessionId = randomUUID();
    await lrs.setState(auId, ACTOR, registration, CMI5.launchDataStateId, {
      contextTemplate: { extensions: { [CMI5.sessionId]: sessionId } },
      launchMode: 'Normal',
      moveOn: 'CompletedAndPassed',
      masteryScore,
    });
    const q = new URLSearchParams({ endpoint: lrs.endpoint, fetch: await lrs.newFetchUrl({ actor: ACTOR, registration, activityId: auId }), actor: JSON.stringify(ACTOR), registration, activityId: auId });
    const page = await browser.newPage();
    await page.goto(`${site.origin}/au.html?${q.toString()}`);
    const courseId = iri.course(course);
    const testId = `${courseId}/tests/kt-cuoi`;
    const data = {
      format: 'cmi5',
      lang: 'vi',
      course: { id: course.id, title: course.title, activityId: courseId, version: course.version },
      module: { ...course.modules[0]!.meta, activityId: auId, index: 0, count: 1 },
    };
    const info = await page.evaluate(
      async ({ data, record, outcome, mark }) => {
        const w = window as unknown as { bdTrackers: any };
        const t = w.bdTrackers.cmi5TrackerFor(data, window);
        const info = await t.start();
        if (info.mode !== 'normal') throw new Error(`mode ${String(info.mode)}`);
        t.record(record);
        t.recordOutcome(outcome);
        t.setResult({ mark, scaled: mark / 10, passed: mark >= 5 });
        t.complete();
        t.complete();
        t.finish(false);
        // After terminated nothing more may go out.
        t.record(record);
        t.setResult({ mark: 10, scaled: 1, passed: true });
        return { lang: String(info.lang), learnerId: String(info.learnerId) };
      },
      { data, record: choiceRecord(courseId, testId), outcome: testOutcome(testId, mark), mark },
    );
    await until('terminated', async () => (await ofRegistration(lrs, registration)).some((s) => verbName(s) === 'terminated'));
    await new Promise((r) => setTimeout(r, 200));
    return { registration, sessionId, page, ...info };
  }

  it('passes when the scaled score reaches masteryScore, in the cmi5 order', async () => {
    const { registration, sessionId, page, lang, learnerId } = await run(8, 0.7);
    await page.close();
    // The learner's language preference from the cmi5LearnerPreferences agent profile.
    expect(lang).toBe('en');
    expect(learnerId).toBe(ACTOR.account.name);
    const sent = await ofRegistration(lrs, registration);
    expectValid(sent);
    const onAu = sent.filter((s) => s['object']['id'] === auId);
    expect(onAu.map(verbName)).toEqual(['initialized', 'completed', 'passed', 'terminated']);
    expect(sent.map(verbName)).toEqual(['initialized', 'answered', 'passed', 'completed', 'passed', 'terminated']);
    for (const s of sent) expect(s['context']['extensions'][CMI5.sessionId]).toBe(sessionId);
    const answered = sent[1] as Stmt;
    expect(categories(answered)).not.toContain(CMI5.categoryCmi5);
    expect(answered['context']['contextActivities']['parent'].map((a: { id: string }) => a.id)).toEqual([`${iri.course(course)}/tests/kt-cuoi`, auId]);
    expect(answered['result']).toMatchObject({ response: 'a[,]c', success: true, duration: 'PT12.34S' });
    const passed = onAu[2] as Stmt;
    expect(categories(passed)).toEqual([CMI5.categoryCmi5, CMI5.categoryMoveOn]);
    expect(passed['result']).toMatchObject({ success: true, score: { scaled: 0.8, raw: 8, min: 0, max: 10 } });
    expect(passed['result']['extensions'][EXT.mark10]).toBe(8);
    expect(passed['context']['extensions'][CMI5.masteryScore]).toBe(0.7);
  }, 60_000);

  it('fails below masteryScore even when the module pass mark was met', async () => {
    const { registration, page } = await run(6.5, 0.7);
    await page.close();
    const onAu = (await ofRegistration(lrs, registration)).filter((s) => s['object']['id'] === auId);
    expect(onAu.map(verbName)).toEqual(['initialized', 'completed', 'failed', 'terminated']);
    expect(onAu[2]!['result']).toMatchObject({ success: false, score: { scaled: 0.65 } });
    expectValid(onAu);
  }, 60_000);
});
