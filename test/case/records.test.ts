import { describe, expect, it } from 'vitest';
import { exploreCase, markOf } from '../../src/core/case/best.js';
import { CASE_EXT, caseOutcome, decisionRecord, reflectionRecord } from '../../src/core/case/records.js';
import { packCaseState, unpackCaseState } from '../../src/core/case/state.js';
import { availableChoices, caseScene, replayCase } from '../../src/core/case/walk.js';
import { EXT } from '../../src/core/tracking.js';
import { caseOf } from './helpers.js';

const COURSE = 'https://daotao.example.gov.vn/xapi/courses/bi-thu';
const CS = caseOf(`:::case id=don-to-cao start=nhan-don weight=0.5
### nhan-don: Nhận đơn tố cáo
- [Giao Ủy ban kiểm tra xác minh](#ket-tot) +2
- [Nhắc nhở riêng](#ket-tot) 0
- [Chuyển đơn cho người bị tố cáo](#ket-sai) -2
### ket-tot: Xử lý đúng {outcome=tot}
??? Đồng chí rút ra bài học gì?
### ket-sai: Sai nguyên tắc {outcome=sai-nguyen-tac}
:::`);

function decide(letters: string) {
  const before = replayCase(CS, letters.slice(0, -1)).walk;
  const offered = availableChoices(CS, before);
  const after = replayCase(CS, letters).walk;
  const step = after.steps[after.steps.length - 1]!;
  return decisionRecord(CS, caseScene(CS, step.scene)!, step, {
    courseActivityId: COURSE,
    offered,
    latencyMs: 12_345.6,
    timestamp: '2026-11-23T09:00:00+07:00',
    path: after.path,
    score: after.score,
  });
}

describe('interaction records', () => {
  it('a decision is a choice interaction in every standard', () => {
    const r = decide('a');
    expect(r.id).toBe('don-to-cao.nhan-don');
    expect(r.activityId).toBe(`${COURSE}/cases/don-to-cao/scenes/nhan-don`);
    expect(r.parentActivityId).toBe(`${COURSE}/cases/don-to-cao`);
    expect(r.type).toBe('choice');
    expect(r.result).toBe('correct');
    expect(r.weighting).toBe(2);
    expect(r.latencyMs).toBe(12346);
    expect(r.scorm2004).toEqual({ learnerResponse: 'a', correctPatterns: ['a'] });
    expect(r.scorm12).toEqual({ type: 'choice', studentResponse: 'a', correctPatterns: ['a'] });
    expect(r.xapiDefinition).toMatchObject({
      type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
      interactionType: 'choice',
      correctResponsesPattern: ['a'],
      choices: [
        { id: 'a', description: { vi: 'Giao Ủy ban kiểm tra xác minh' } },
        { id: 'b', description: { vi: 'Nhắc nhở riêng' } },
        { id: 'c', description: { vi: 'Chuyển đơn cho người bị tố cáo' } },
      ],
    });
    expect(r.xapiResult).toEqual({ response: 'a', score: { raw: 2, min: -2, max: 2 } });
    expect(r.extensions).toEqual({ [EXT.casePath]: ['nhan-don', 'ket-tot'], [CASE_EXT.score]: 2 });
  });

  it('a losing choice is incorrect, a middling one neutral', () => {
    expect(decide('c').result).toBe('incorrect');
    expect(decide('c').xapiResult.score).toEqual({ raw: -2, min: -2, max: 2 });
    expect(decide('b').result).toBe('neutral');
  });

  it('equally good choices are each a correct pattern on their own', () => {
    const tie = caseOf(`:::case id=hoa start=a
### a: Chọn
- [Một](#ket) +1
- [Hai](#ket) 0
- [Ba](#ket) +1
### ket: Xong {outcome=tot}
:::`);
    const walk = replayCase(tie, 'c').walk;
    const r = decisionRecord(tie, tie.scenes[0]!, walk.steps[0]!, {
      courseActivityId: COURSE,
      offered: tie.scenes[0]!.choices,
      latencyMs: 0,
      timestamp: '2026-11-23T09:00:00+07:00',
      path: walk.path,
      score: walk.score,
    });
    expect(r.result).toBe('correct');
    expect(r.scorm12.correctPatterns).toEqual(['a', 'c']);
    expect(r.scorm2004.correctPatterns).toEqual(['a', 'c']);
    expect(r.xapiDefinition['correctResponsesPattern']).toEqual(['a', 'c']);
  });

  it('a reflection is long-fill-in in 2004 and performance in 1.2, clipped to each limit', () => {
    const scene = caseScene(CS, 'ket-tot')!;
    const long = 'Phải công khai, minh bạch. '.repeat(200);
    const r = reflectionRecord(CS, scene, scene.reflections[0]!, long, {
      courseActivityId: COURSE,
      latencyMs: 1000,
      timestamp: '2026-11-23T09:00:00+07:00',
      path: ['nhan-don', 'ket-tot'],
    });
    expect(r.id).toBe('don-to-cao.ket-tot-r1');
    expect(r.type).toBe('long-fill-in');
    expect(r.scorm12.type).toBe('performance');
    expect(r.scorm12.studentResponse.length).toBe(255);
    expect(r.scorm2004.learnerResponse.length).toBe(4000);
    expect(r.xapiResult.response).toBe(long.trim());
    expect(r.xapiDefinition['interactionType']).toBe('long-fill-in');
    const braces = reflectionRecord(CS, scene, scene.reflections[0]!, '{không} rõ\n\nDòng hai', {
      courseActivityId: COURSE,
      latencyMs: 0,
      timestamp: '2026-11-23T09:00:00+07:00',
      path: [],
    });
    expect(braces.scorm2004.learnerResponse).toBe(' {không} rõ Dòng hai');
    expect(braces.scorm12.studentResponse).toBe(' {không} rõ Dòng hai');
    expect(braces.xapiResult.response).toBe('{không} rõ\n\nDòng hai');
  });

  it('the outcome carries mark, weight, path and outcome label', () => {
    const w = replayCase(CS, 'b').walk;
    const best = exploreCase(CS).best!;
    const o = caseOutcome(CS, {
      courseActivityId: COURSE,
      mark: markOf(w.score, best),
      score: w.score,
      best,
      passMark: 5,
      gradeBand: 'khong-dat',
      durationMs: 60_000,
      path: w.path,
      outcome: w.scene.outcome,
      backs: 1,
    });
    expect(o).toMatchObject({ kind: 'case', id: 'don-to-cao', mark: 0, raw: 0, max: 2, passed: false, weight: 0.5, gradeBand: 'khong-dat' });
    expect(o.extensions).toEqual({
      [EXT.casePath]: ['nhan-don', 'ket-tot'],
      [EXT.caseOutcome]: 'tot',
      [EXT.mark10]: 0,
      [CASE_EXT.score]: 0,
      [CASE_EXT.backs]: 1,
    });
  });
});

describe('resume state', () => {
  it('packs compactly and round-trips', () => {
    const state = { letters: 'abcabcabcabcabcabcab', backs: 2, reflections: ['ket-tot-r1', 'phan-cong-r1'], elapsedMs: 754_400, reported: true };
    const packed = JSON.stringify(packCaseState(state));
    expect(packed.length).toBeLessThan(100);
    expect(unpackCaseState(JSON.parse(packed))).toEqual({ ...state, elapsedMs: 754_000 });
  });

  it('starts afresh from anything malformed', () => {
    expect(unpackCaseState('x').letters).toBe('');
    expect(unpackCaseState({ p: 'A1', b: -3, r: [1, 'x'], t: 'no' })).toEqual({
      letters: '',
      backs: 0,
      reflections: ['x'],
      elapsedMs: 0,
      reported: false,
    });
  });
});
