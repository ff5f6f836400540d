/**
 * The cmi5 tracker's launch modes, driven as the player drives it, against the project's LRS
 * over HTTP with a real launch (LMS.LaunchData, one-time fetch URL). Browse and Review record
 * no judgement (cmi5 10.2.2: "satisfaction-related data MUST NOT be recorded", Browse is to
 * "look around without judgement"): only initialized and terminated, so no completed, passed or
 * failed, and no answered or test outcome either, whatever a component reports.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moduleData } from '../../../src/compile/module-data.js';
import { CMI5 } from '../../../src/core/xapi/cmi5.js';
import { iri, type Course } from '../../../src/core/model.js';
import type { ModulePackage } from '../../../src/core/package.js';
import { interactionRecord } from '../../../src/core/quiz/interaction.js';
import type { Taxonomy } from '../../../src/core/taxonomy.js';
import type { AssessmentOutcome } from '../../../src/core/tracking.js';
import { memoryStore } from '../../../src/runtime/queue/store.js';
import { Cmi5Tracker } from '../../../src/runtime/tracking/cmi5.js';
import { RESUME_STATE_ID } from '../../../src/runtime/tracking/xapi/resume.js';
import { repoRoot, sampleCourse } from '../../formats/course.js';
import { ACTOR, expectValid, ofRegistration, until, verbName } from '../../formats/support/flow.js';
import { startProjectLrs, type ProjectLrs } from '../../formats/support/lrs.js';

const FIXTURE = path.join(repoRoot, 'test', 'formats', 'fixtures', 'bank');

describe('cmi5 tracker: what each launch mode records', () => {
  let lrs: ProjectLrs;
  let course: Course;
  let taxonomy: Taxonomy;
  let data: ModulePackage;

  beforeAll(async () => {
    ({ course, taxonomy } = await sampleCourse(FIXTURE));
    data = moduleData(course, course.modules[0]!, 'cmi5', taxonomy);
    lrs = await startProjectLrs();
  }, 60_000);
  afterAll(async () => {
    await lrs?.close();
  });

  /** A session in which the learner answers a question, passes the test and finishes the module. */
  async function session(launchMode: 'Normal' | 'Browse' | 'Review'): Promise<string[]> {
    const registration = randomUUID();
    const auId = iri.module(course, data.module.id);
    const { query } = await lrs.prepareCmi5Launch({ actor: ACTOR, registration, activityId: auId, launchMode });
    const fetch = query.get('fetch')!;
    const tracker = new Cmi5Tracker(data, { endpoint: lrs.endpoint, fetch, actor: ACTOR, registration, activityId: auId }, { store: memoryStore() });
    const info = await tracker.start();
    expect(info.mode).toBe(launchMode.toLowerCase());
    const q = course.modules[0]!.questions.find((x) => x.id === 'ty-le-thu')!;
    tracker.record(
      interactionRecord(q, { kind: 'number', text: '25,5' }, { id: q.id, activityId: `${iri.course(course)}/questions/${q.id}`, parentActivityId: auId, latencyMs: 1000, timestamp: new Date().toISOString() }),
    );
    const outcome: AssessmentOutcome = {
      kind: 'test',
      id: 'kiem-tra-ngan-sach',
      activityId: `${iri.course(course)}/tests/kiem-tra-ngan-sach`,
      title: { vi: 'Bài kiểm tra ngân sách xã' },
      mark: 10,
      raw: 2,
      max: 2,
      passed: true,
      weight: 1,
      durationMs: 60_000,
    };
    tracker.recordOutcome(outcome);
    tracker.setResult({ mark: 10, scaled: 1, passed: true });
    tracker.complete();
    tracker.finish(false);
    const sent = await until('terminated', async () => {
      const list = await ofRegistration(lrs, registration);
      return list.some((s) => verbName(s) === 'terminated') && list;
    });
    expectValid(sent);
    return sent.map(verbName);
  }

  it('Normal records the answer, the test, completed and the grade', async () => {
    expect(await session('Normal')).toEqual(['initialized', 'answered', 'passed', 'completed', 'passed', 'terminated']);
  });

  it('Browse records only initialized and terminated: no answered, no test outcome, no completed/passed/failed', async () => {
    expect(await session('Browse')).toEqual(['initialized', 'terminated']);
  });

  it('Review records only initialized and terminated', async () => {
    expect(await session('Review')).toEqual(['initialized', 'terminated']);
  });

  it('asks for the resume state with LMS.LaunchData: two round trips before the module can start, not three', async () => {
    const registration = randomUUID();
    const auId = iri.module(course, data.module.id);
    const { query } = await lrs.prepareCmi5Launch({ actor: ACTOR, registration, activityId: auId, launchMode: 'Normal' });
    // Each request notes how many answers had come back when it left: a request sent after
    // another's answer waited a round trip for it.
    let answered = 0;
    const sent: { what: string; after: number }[] = [];
    const fetch = async (input: string, init?: RequestInit): Promise<Response> => {
      const url = new URL(input);
      sent.push({ what: `${init?.method ?? 'GET'} ${url.pathname} ${url.searchParams.get('stateId') ?? url.searchParams.get('profileId') ?? ''}`, after: answered });
      try {
        return await globalThis.fetch(input, init);
      } finally {
        answered++;
      }
    };
    const tracker = new Cmi5Tracker(
      data,
      { endpoint: lrs.endpoint, fetch: query.get('fetch')!, actor: ACTOR, registration, activityId: auId },
      { store: memoryStore(), fetch },
    );
    await tracker.start();
    const before = sent.filter((r) => !r.what.startsWith('POST /xapi/statements'));
    expect(before[0]).toMatchObject({ what: expect.stringMatching(/^POST .*\/fetch\//), after: 0 });
    expect(before.slice(1).map((r) => r.what).sort()).toEqual([
      `GET /xapi/activities/state ${CMI5.launchDataStateId}`,
      `GET /xapi/activities/state ${RESUME_STATE_ID}`,
      `GET /xapi/agents/profile ${CMI5.learnerPreferencesProfileId}`,
    ]);
    expect(before.slice(1).map((r) => r.after)).toEqual([1, 1, 1]);
    tracker.finish(false);
  });
});
