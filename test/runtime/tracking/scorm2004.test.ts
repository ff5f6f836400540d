/** The SCORM 2004 tracker against scorm-again's real Scorm2004API: refusals and response limits. */
import { Scorm2004API } from 'scorm-again';
import { describe, expect, it } from 'vitest';
import type { InteractionRecord } from '../../../src/core/tracking.js';
import { Scorm2004Tracker, type Scorm2004Api } from '../../../src/runtime/tracking/scorm2004.js';
import type { Refusal } from '../../../src/runtime/tracking/tracker.js';

function lms(): { api: Scorm2004Api & { renderCMIToJSONObject(): { cmi: any } }; sets: { element: string; result: string }[] } {
  const real = new Scorm2004API({ autocommit: false, lmsCommitUrl: false, logLevel: 5 });
  // The LMS names the language, so the tracker need not ask the (absent) document.
  real.loadFromJSON({ learner_preference: { language: 'vi' } }, '');
  const sets: { element: string; result: string }[] = [];
  const api = new Proxy(real, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if (prop === 'SetValue' && typeof v === 'function') {
        return (element: string, value: string) => {
          const result = String(v.call(target, element, value));
          sets.push({ element, result });
          return result;
        };
      }
      return v;
    },
  });
  return { api: api as never, sets };
}

const unanswered: InteractionRecord = {
  id: 'kt.q1',
  activityId: 'https://example.gov.vn/xapi/courses/c/questions/q1',
  type: 'choice',
  description: { vi: 'Câu 1' },
  result: 'incorrect',
  weighting: 1,
  latencyMs: 0,
  timestamp: '2026-11-23T09:30:05+07:00',
  scorm2004: { learnerResponse: '', correctPatterns: ['b'] },
  scorm12: { type: 'choice', studentResponse: '', correctPatterns: ['b'] },
  xapiDefinition: {},
  xapiResult: { response: '' },
};

describe('SCORM 2004 tracker', () => {
  it('writes no learner_response for an unanswered question, which scorm-again would refuse', async () => {
    const { api, sets } = lms();
    const refused: Refusal[] = [];
    const t = new Scorm2004Tracker(api);
    t.onRefusal((r) => refused.push(r));
    await t.start();
    t.record(unanswered);
    expect(refused).toEqual([]);
    expect(sets.filter((s) => s.result !== 'true')).toEqual([]);
    expect(api.renderCMIToJSONObject().cmi.interactions['0']).toMatchObject({ id: 'kt.q1', type: 'choice', result: 'incorrect' });
  });

  it('reports a refused value with element and error code to the player and the console', async () => {
    const { api } = lms();
    const errors: string[] = [];
    const refused: Refusal[] = [];
    const t = new Scorm2004Tracker(api, { onError: (m) => errors.push(m) });
    t.onRefusal((r) => refused.push(r));
    await t.start();
    t.record({ ...unanswered, type: 'long-fill-in', scorm2004: { learnerResponse: 'x'.repeat(4000) + '\n', correctPatterns: [] } });
    t.record({ ...unanswered, id: 'kt.q2', type: 'long-fill-in', scorm2004: { learnerResponse: 'Một\nHai', correctPatterns: [] } });
    expect(refused).toEqual([{ element: 'cmi.interactions.1.learner_response', code: '406' }]);
    expect(errors[0]).toMatch(/^SetValue\(cmi\.interactions\.1\.learner_response\) refused by the LMS: error 406 /);
  });

  it('fits its state within 64,000 characters and says what a typed response keeps', () => {
    const t = new Scorm2004Tracker(lms().api);
    expect(t.suspendLimit).toBe(64000);
    expect(t.responseLimit('fill-in')).toBe(250);
    expect(t.responseLimit('long-fill-in')).toBe(4000);
    expect(t.responseLimit('choice')).toBeUndefined();
  });
});
