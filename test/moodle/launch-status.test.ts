/**
 * "Every module Moodle opens is marked incomplete at once": the trackers set incomplete when a
 * SCO is launched in normal mode and has no status yet (SCORM's meaning of a started SCO, and
 * what Moodle's Enter uses to reopen the last unfinished module), and never otherwise: a module
 * the LMS hands back as completed, passed or failed keeps its status. Against scorm-again's
 * real APIs with the data model as Moodle hands it back.
 */
import { Scorm12API, Scorm2004API } from 'scorm-again';
import { describe, expect, it } from 'vitest';
import { Scorm12Tracker } from '../../src/runtime/tracking/scorm12.js';
import { Scorm2004Tracker } from '../../src/runtime/tracking/scorm2004.js';

function api12(status: string, mode = 'normal'): Scorm12API {
  const api = new Scorm12API({ autocommit: false, lmsCommitUrl: false, logLevel: 5 });
  api.loadFromJSON({ core: { lesson_status: status, lesson_mode: mode, entry: status === 'not attempted' ? 'ab-initio' : 'resume' } }, '');
  return api;
}

function api2004(completion: string, success = 'unknown', mode = 'normal'): Scorm2004API {
  const api = new Scorm2004API({ autocommit: false, lmsCommitUrl: false, logLevel: 5 });
  api.loadFromJSON({ completion_status: completion, success_status: success, mode, learner_preference: { language: 'vi' }, entry: completion === 'unknown' ? 'ab-initio' : 'resume' }, '');
  return api;
}

describe('the status a launched SCO leaves', () => {
  it.each([
    ['not attempted', 'incomplete'],
    ['incomplete', 'incomplete'],
    ['completed', 'completed'],
    ['passed', 'passed'],
    ['failed', 'failed'],
    ['browsed', 'browsed'],
  ])('SCORM 1.2: %s → %s', async (before, after) => {
    const api = api12(before);
    await new Scorm12Tracker(api).start();
    expect(api.LMSGetValue('cmi.core.lesson_status')).toBe(after);
  });

  it('SCORM 1.2 in browse or review mode writes no status', async () => {
    const api = api12('not attempted', 'review');
    await new Scorm12Tracker(api).start();
    expect(api.LMSGetValue('cmi.core.lesson_status')).toBe('not attempted');
  });

  it.each([
    ['unknown', 'unknown', 'incomplete', 'unknown'],
    ['not attempted', 'unknown', 'incomplete', 'unknown'],
    ['incomplete', 'unknown', 'incomplete', 'unknown'],
    ['completed', 'unknown', 'completed', 'unknown'],
    ['completed', 'passed', 'completed', 'passed'],
    ['completed', 'failed', 'completed', 'failed'],
  ])('SCORM 2004: %s/%s → %s/%s', async (completion, success, completionAfter, successAfter) => {
    const api = api2004(completion, success);
    await new Scorm2004Tracker(api).start();
    expect(api.GetValue('cmi.completion_status')).toBe(completionAfter);
    expect(api.GetValue('cmi.success_status')).toBe(successAfter);
  });
});
