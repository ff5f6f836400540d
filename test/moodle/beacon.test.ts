/**
 * A whole-course package after Moodle's ">": the trainee moves from module 3 to the final test
 * with Moodle's own button and hands in all 30 answers. Tried in Moodle 4.5.6 (mod_scorm
 * 2024100700, Chromium): the click on ">" switches Moodle's player page to `sendBeacon` for every
 * later request (request.js, see moodle-host.ts), and the player committed once per recorded
 * answer, so the hand-in sent 30 copies of a 22 KB data model in one go; Chromium refused every
 * beacon past 64 KB in flight and Moodle answered 24 of the 30 Commits "false" with error 101.
 * The answers must reach Moodle in one Commit per action of the trainee, a Commit refused that
 * way is tried again before the trainee is told anything, and leaving with "Exit activity" (the
 * player page goes, then the SCO's frame) must still end the session: Moodle 4.5.6 received the
 * Commit the player sent first and refused the Terminate after it (a second beacon of the whole
 * data model), so the module never got its total_time.
 */
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Course } from '../../src/core/model.js';
import { buildRuntime, launchChromium, repoRoot, servePackage, type ScormVersion, type ServedPackage } from '../e2e/harness/index.js';
import { moodleBeacons, moodleCalls, moodleHostPage, moodleSco, readStored } from '../e2e/harness/moodle-host.js';
import { answer, plannedResponse, questionOf } from '../quiz/learner.js';
import { readTestCourse } from '../support/course.js';

const SAMPLE = path.join(repoRoot, 'content', 'courses', 'boi-duong-bi-thu-dang-uy-xa');
const BEFORE = 'tiep-xuc-doi-thoai-tiep-cong-dan';
const FINAL = 'kiem-tra-cuoi-khoa';
const TEST_ROOT = '[data-bd-test="kiem-tra-cuoi-khoa"]';

let browser: Browser;
let course: Course;
let taxonomy: Awaited<ReturnType<typeof readTestCourse>>['taxonomy'];

beforeAll(async () => {
  buildRuntime();
  ({ course, taxonomy } = await readTestCourse(SAMPLE));
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

const sco = moodleSco;

const interactionIds = (cmi: Record<string, unknown> | undefined): string[] => {
  const i = cmi?.['interactions'] as Record<string, unknown> | unknown[] | undefined;
  if (!i) return [];
  const list = Array.isArray(i) ? i : ((i as { childArray?: unknown[] })['childArray'] ?? Object.values(i).filter((x) => typeof x === 'object'));
  return list.flatMap((x) => (x && typeof x === 'object' && (x as { id?: string }).id ? [(x as { id: string }).id] : []));
};

describe.each<ScormVersion>(['scorm2004', 'scorm12'])('%s whole-course package, final test after Moodle\'s ">"', (version) => {
  let pkg: ServedPackage;
  beforeAll(async () => {
    pkg = await servePackage(course, taxonomy, version);
  }, 120_000);
  afterAll(async () => {
    await pkg?.close();
  });

  it('all 30 answers of the test reach Moodle, the trainee is told of no failure, and leaving ends the session', async () => {
    const scos = course.modules.map((m) => ({ id: m.meta.id, launch: pkg.launch(m.meta.id) }));
    pkg.server.page(`/moodle-beacon-${version}.html`, moodleHostPage({ version, scos, start: BEFORE }));
    const page = await browser.newPage();
    await page.goto(`${pkg.server.origin}/moodle-beacon-${version}.html`);
    await sco(page, BEFORE);
    await page.click('#nav_next');
    const frame = await sco(page, FINAL);
    await frame.click('.bd-next');
    await frame.click(`${TEST_ROOT} .bd-actions button`);
    await frame.waitForSelector(`${TEST_ROOT} fieldset[data-question]`);
    const drawn = await frame.$$eval(`${TEST_ROOT} fieldset[data-question]`, (fs) => fs.map((f) => f.getAttribute('data-question')!));
    expect(drawn).toHaveLength(30);
    for (const id of drawn) {
      const q = questionOf(course, id);
      await answer(frame, q, plannedResponse(q, 'right'));
    }
    await frame.click(`${TEST_ROOT} .bd-actions button`);
    await frame.waitForSelector(`${TEST_ROOT} .bd-summary`);
    // Long enough for a beacon in flight to land and a refused Commit to be tried again.
    await page.waitForTimeout(2500);

    const commits = (await moodleCalls(page)).filter((c) => c.sco === FINAL && /Commit/.test(c.fn));
    expect(commits.filter((c) => c.result !== 'true').length, 'refused Commits').toBeLessThanOrEqual(1);
    expect(commits.at(-1)?.result).toBe('true');
    expect(await frame.isHidden('.bd-notices'), 'a notice that the LMS did not save').toBe(true);
    const stored = interactionIds((await readStored(page))[FINAL]);
    expect(drawn.filter((id) => !stored.includes(`${FINAL}.${id}`))).toEqual([]);

    // The trainee leaves with Moodle's "Exit activity": the player page goes, then the SCO's frame.
    const before = await moodleBeacons(page);
    await page.evaluate(() => {
      window.dispatchEvent(new PageTransitionEvent('pagehide'));
      document.getElementById('scorm_object')?.remove();
    });
    await page.waitForTimeout(300);
    const ended = (await moodleCalls(page)).filter((c) => c.sco === FINAL && /Terminate|LMSFinish/.test(c.fn));
    expect(ended.map((c) => `${c.fn} ${c.result} ${c.error}`)).toEqual([`${version === 'scorm12' ? 'LMSFinish' : 'Terminate'} true 0`]);
    expect((await moodleBeacons(page)).refused).toBe(before.refused);
    await page.close();
  }, 120_000);
});
