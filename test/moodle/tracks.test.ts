/** Moodle's stored tracks → flat CMI for the shared mapping, on tracks recorded from Moodle 4.5.6. */
import { describe, expect, it } from 'vitest';
import { scoAttempt } from '../../src/moodle/index.js';
import { recording } from './replay.js';

type Tracks = { element: string; value: string | number }[];

function tracksOf(scoid: string, userid: string): Tracks {
  const e = recording('pull').exchanges.find(
    (x) => x.request.body['wsfunction'] === 'mod_scorm_get_scorm_sco_tracks' && x.request.body['scoid'] === scoid && x.request.body['userid'] === userid,
  )!;
  return (e.response.body as { data: { tracks: Tracks } }).data.tracks;
}

describe('scoAttempt', () => {
  it("renames SCORM 1.2's interactions_0 / correct_responses_0 rows and drops Moodle's own rows", () => {
    const { cmi, modified } = scoAttempt(tracksOf('26', '4'), '1.2');
    expect(cmi['cmi.interactions.0.id']).toBe('kiem-tra-hoa-giai.huong-dan');
    expect(cmi['cmi.interactions.0.correct_responses.0.pattern']).toBe('b');
    expect(cmi['cmi.core.lesson_status']).toBe('passed');
    expect(Object.keys(cmi).filter((k) => /_\d/.test(k) || !k.startsWith('cmi.'))).toEqual([]);
    // The attempt's duration is Moodle's total_time, not the last session's.
    expect(cmi['cmi.core.session_time']).toBe(cmi['cmi.core.total_time']);
    expect(modified).toMatch(/^2026-12-01T/);
  });

  it('keeps SCORM 2004 names and takes the attempt time from timemodified', () => {
    const { cmi, modified } = scoAttempt(tracksOf('23', '3'), '2004');
    expect(cmi['cmi.success_status']).toBe('passed');
    expect(cmi['cmi.score.scaled']).toBe('0.5');
    expect(cmi['cmi.session_time']).toBe(cmi['cmi.total_time']);
    expect(modified).toBe(new Date(1796115604 * 1000).toISOString());
  });

  it('an attempt Moodle has no rows for is not an attempt of that SCO', () => {
    expect(scoAttempt([], '2004')).toEqual({ cmi: {} });
  });
});
