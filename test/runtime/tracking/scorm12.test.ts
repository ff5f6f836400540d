/** The SCORM 1.2 tracker against scorm-again's real Scorm12API, with every call logged. */
import { Scorm12API } from 'scorm-again';
import { describe, expect, it } from 'vitest';
import type { InteractionRecord } from '../../../src/core/tracking.js';
import { Scorm12Tracker } from '../../../src/runtime/tracking/scorm12.js';
import type { Scorm12Api } from '../../../src/runtime/tracking/scorm12-api.js';
import { scorm12Timespan, scorm12TimeOfDay } from '../../../src/runtime/tracking/time.js';

interface Call {
  fn: string;
  args: string[];
  result: string;
}

function lms(cmi?: Record<string, unknown>): { api: Scorm12Api & { renderCMIToJSONObject(): { cmi: any } }; calls: Call[] } {
  const real = new Scorm12API({ autocommit: false, lmsCommitUrl: false, logLevel: 5 });
  if (cmi) real.loadFromJSON(cmi, '');
  const calls: Call[] = [];
  const api = new Proxy(real, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if (typeof prop === 'string' && prop.startsWith('LMS') && typeof v === 'function') {
        return (...args: string[]) => {
          const result = String(v.apply(target, args));
          calls.push({ fn: prop, args, result });
          return result;
        };
      }
      return v;
    },
  });
  return { api: api as never, calls };
}

const sets = (calls: Call[]) => calls.filter((c) => c.fn === 'LMSSetValue').map((c) => c.args[0]);

const interaction: InteractionRecord = {
  id: 'kt-cuoi.q1',
  activityId: 'https://example.gov.vn/xapi/courses/c/questions/q1',
  type: 'choice',
  description: { vi: 'Câu 1' },
  result: 'incorrect',
  weighting: 2,
  latencyMs: 83_450,
  timestamp: '2026-11-23T09:30:05+07:00',
  scorm2004: { learnerResponse: 'a[,]c', correctPatterns: ['b'] },
  scorm12: { type: 'choice', studentResponse: 'a,c', correctPatterns: ['b'] },
  xapiDefinition: {},
  xapiResult: { response: 'a[,]c' },
};

describe('SCORM 1.2 tracker', () => {
  it('starts a first attempt as incomplete with nothing to resume', async () => {
    const { api, calls } = lms();
    const info = await new Scorm12Tracker(api).start();
    expect(info.mode).toBe('normal');
    expect(info.resume).toBeUndefined();
    expect(calls[0]?.fn).toBe('LMSInitialize');
    expect(api.LMSGetValue('cmi.core.lesson_status')).toBe('incomplete');
  });

  it('hands back lesson_location and suspend_data on resume', async () => {
    const { api } = lms({ core: { entry: 'resume', lesson_location: 'trang-3', lesson_status: 'incomplete' }, suspend_data: '{"v":1,"p":2,"s":"7"}' });
    const info = await new Scorm12Tracker(api).start();
    expect(info.resume).toEqual({ location: 'trang-3', suspendData: '{"v":1,"p":2,"s":"7"}' });
  });

  it("passes on the LMS's mastery score and language preference", async () => {
    const { api } = lms({ student_data: { mastery_score: '70' }, student_preference: { language: 'en-US' } });
    const info = await new Scorm12Tracker(api).start();
    expect(info.masteryScore).toBe(0.7);
    expect(info.lang).toBe('en');
    const none = await new Scorm12Tracker(lms().api).start();
    expect(none.masteryScore).toBeUndefined();
  });

  it('writes and commits only what changed', async () => {
    const { api, calls } = lms();
    const t = new Scorm12Tracker(api);
    await t.start();
    calls.length = 0;
    t.saveProgress('trang-1', '{"v":1,"p":0,"s":"1"}');
    expect(sets(calls)).toEqual(['cmi.core.lesson_location', 'cmi.suspend_data']);
    // The commit waits for the end of the task, so that a burst of writes is sent once.
    await Promise.resolve();
    expect(calls.filter((c) => c.fn === 'LMSCommit')).toHaveLength(1);
    calls.length = 0;
    t.saveProgress('trang-1', '{"v":1,"p":0,"s":"1"}');
    t.commit();
    expect(calls).toEqual([]);
    t.saveProgress('trang-2', '{"v":1,"p":1,"s":"3"}');
    expect(sets(calls)).toEqual(['cmi.core.lesson_location', 'cmi.suspend_data']);
  });

  it('sets score min/max/raw (percentage) before lesson_status, and passed/failed by the result', async () => {
    const { api, calls } = lms();
    const t = new Scorm12Tracker(api);
    await t.start();
    calls.length = 0;
    t.setResult({ mark: 6.5, scaled: 0.65, passed: true });
    t.complete();
    const order = sets(calls);
    expect(order.indexOf('cmi.core.score.raw')).toBeLessThan(order.indexOf('cmi.core.lesson_status'));
    expect(order.indexOf('cmi.core.score.min')).toBeLessThan(order.indexOf('cmi.core.lesson_status'));
    expect(order.indexOf('cmi.core.score.max')).toBeLessThan(order.indexOf('cmi.core.lesson_status'));
    const cmi = api.renderCMIToJSONObject().cmi;
    expect(cmi.core.score).toEqual({ raw: '65', min: '0', max: '100' });
    expect(cmi.core.lesson_status).toBe('passed');

    const failed = lms();
    const f = new Scorm12Tracker(failed.api);
    await f.start();
    f.setResult({ mark: 4, scaled: 0.4, passed: false });
    f.complete();
    expect(failed.api.LMSGetValue('cmi.core.lesson_status')).toBe('failed');
  });

  it('marks a module without graded parts completed', async () => {
    const { api } = lms();
    const t = new Scorm12Tracker(api);
    await t.start();
    t.complete();
    expect(api.LMSGetValue('cmi.core.lesson_status')).toBe('completed');
  });

  it('writes interactions in SCORM 1.2 vocabulary that the LMS accepts', async () => {
    const { api, calls } = lms();
    const t = new Scorm12Tracker(api);
    await t.start();
    calls.length = 0;
    t.record(interaction);
    t.record({ ...interaction, id: 'kt-cuoi.q2', result: 'correct' });
    const failedSets = calls.filter((c) => c.fn === 'LMSSetValue' && c.result !== 'true');
    expect(failedSets).toEqual([]);
    const cmi = api.renderCMIToJSONObject().cmi;
    expect(cmi.interactions['0']).toMatchObject({
      id: 'kt-cuoi.q1',
      type: 'choice',
      weighting: '2',
      student_response: 'a,c',
      result: 'wrong',
    });
    // scorm-again normalises stored timespans to HH:MM:SS.SS; the SCO sent HHHH:MM:SS.SS.
    expect(calls.find((c) => c.args[0] === 'cmi.interactions.0.latency')?.args[1]).toBe('0000:01:23.45');
    expect(cmi.interactions['1'].result).toBe('correct');
    expect(calls.filter((c) => c.fn === 'LMSSetValue' && c.args[0] === 'cmi.interactions.0.correct_responses.0.pattern')[0]?.args[1]).toBe('b');
  });

  it('finishes once with session_time and exit suspend, LMSFinish last', async () => {
    let now = 1_000;
    const { api, calls } = lms();
    const t = new Scorm12Tracker(api, { now: () => now });
    await t.start();
    now += 3_723_450; // 1 h 2 min 3.45 s
    t.finish(true);
    t.finish(true);
    const session = calls.find((c) => c.fn === 'LMSSetValue' && c.args[0] === 'cmi.core.session_time');
    expect(session?.args[1]).toBe('0001:02:03.45');
    expect(session?.result).toBe('true');
    expect(calls.find((c) => c.args[0] === 'cmi.core.exit')?.args[1]).toBe('suspend');
    expect(calls.filter((c) => c.fn === 'LMSFinish')).toHaveLength(1);
    expect(calls.at(-1)?.fn).toBe('LMSFinish');
  });

  it('reports every value the LMS refuses, with element and error code, and tries it again on the next change', async () => {
    const { api, calls } = lms();
    const errors: string[] = [];
    const t = new Scorm12Tracker(api, { onError: (m) => errors.push(m) });
    const refused: { element: string; code: string }[] = [];
    t.onRefusal((r) => refused.push(r));
    await t.start();
    // A record built elsewhere with a line break: scorm-again refuses it (405), as it did essays.
    t.record({ ...interaction, scorm12: { type: 'performance', studentResponse: 'Một\nHai', correctPatterns: [] } });
    expect(refused).toEqual([{ element: 'cmi.interactions.0.student_response', code: '405' }]);
    expect(errors).toEqual([expect.stringMatching(/^LMSSetValue\(cmi\.interactions\.0\.student_response\) refused by the LMS: error 405 /)]);
    expect(calls.filter((c) => c.fn === 'LMSSetValue' && c.result !== 'true').map((c) => c.args[0])).toEqual(['cmi.interactions.0.student_response']);
  });

  it('keeps the last suspend_data that fitted rather than writing a cut, unreadable one', async () => {
    const { api } = lms();
    const errors: string[] = [];
    const t = new Scorm12Tracker(api, { onError: (m) => errors.push(m) });
    await t.start();
    t.saveProgress('trang-1', '{"v":1,"p":0,"s":"1"}');
    t.saveProgress('trang-1', JSON.stringify({ v: 1, p: 0, s: '1', c: { x: 'y'.repeat(5000) } }));
    expect(api.LMSGetValue('cmi.suspend_data')).toBe('{"v":1,"p":0,"s":"1"}');
    expect(errors).toEqual(['suspend_data longer than 4,096 characters: not written']);
  });

  it('says how much of a typed response 1.2 keeps', () => {
    expect(new Scorm12Tracker(lms().api).responseLimit('long-fill-in')).toBe(255);
  });

  it('writes no status in review mode', async () => {
    const { api, calls } = lms({ core: { lesson_mode: 'review', lesson_status: 'passed' } });
    const t = new Scorm12Tracker(api);
    const info = await t.start();
    expect(info.mode).toBe('review');
    t.setResult({ mark: 2, scaled: 0.2, passed: false });
    t.complete();
    expect(sets(calls)).not.toContain('cmi.core.lesson_status');
    expect(api.LMSGetValue('cmi.core.lesson_status')).toBe('passed');
  });
});

describe('SCORM 1.2 time formats', () => {
  it('formats timespans as HHHH:MM:SS.SS and caps at 9999 hours', () => {
    expect(scorm12Timespan(0)).toBe('0000:00:00.00');
    expect(scorm12Timespan(59_994)).toBe('0000:00:59.99');
    expect(scorm12Timespan(59_996)).toBe('0000:01:00.00');
    expect(scorm12Timespan(10_000 * 3_600_000)).toMatch(/^9999:/);
  });
  it('formats time of day as HH:MM:SS', () => {
    expect(scorm12TimeOfDay(new Date(2026, 10, 23, 7, 5, 9))).toBe('07:05:09');
  });
});
