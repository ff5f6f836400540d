/**
 * A recorded answer reads back as the trainee saw it: every question kind's xAPI record (the
 * definition and response the player sends) read through readInteractionResponse, a case
 * decision as its choice's text, and answers that do not fit their definition shown raw.
 */
import { describe, expect, it } from 'vitest';
import { interactionRecord, readInteractionResponse, type Question, type Response } from '../../src/core/index.js';
import { parsed } from '../quiz/questions.js';
import { decisionRecord } from '../../src/core/case/records.js';
import { availableChoices, caseScene, replayCase } from '../../src/core/case/walk.js';
import { caseOf } from '../case/helpers.js';

function readBack(q: Question, r: Response) {
  const rec = interactionRecord(q, r, { id: q.id, activityId: `x:${q.id}`, latencyMs: 0, timestamp: '2026-01-01T00:00:00Z' });
  return readInteractionResponse(rec.xapiDefinition, String(rec.xapiResult.response), 'vi');
}

describe('readInteractionResponse on the player’s own records', () => {
  it('single and multiple choice: the choices’ texts', () => {
    const single = parsed('single');
    expect(readBack(single, { kind: 'choice', choices: ['b'] })).toEqual({ kind: 'choices', items: ['Tổng hợp ý kiến, kiến nghị của người dân'] });
    const multiple = parsed('multiple');
    expect(readBack(multiple, { kind: 'choice', choices: ['d', 'a'] })).toEqual({ kind: 'choices', items: ['Bí thư Đảng ủy xã', 'Đại diện người dân'] });
  });

  it('matching: the pairs, source → target, in the sources’ order', () => {
    const q = parsed('matching');
    if (q.kind !== 'matching') throw new Error('matching');
    const [s1, s2] = q.sources;
    const [t1, t2] = q.targets;
    const got = readBack(q, { kind: 'pairs', pairs: { [s2!.id]: t1!.id, [s1!.id]: t2!.id } });
    expect(got).toEqual({ kind: 'pairs', pairs: [[s1!.text, t2!.text], [s2!.text, t1!.text]] });
  });

  it('ordering: the steps’ texts in the trainee’s order', () => {
    const q = parsed('ordering');
    if (q.kind !== 'ordering') throw new Error('ordering');
    const order = [q.steps[2]!, q.steps[0]!, q.steps[3]!, q.steps[1]!];
    expect(readBack(q, { kind: 'order', steps: order.map((s) => s.id) })).toEqual({ kind: 'sequence', items: order.map((s) => s.text) });
  });

  it('true/false, numbers, typed text and essays', () => {
    expect(readBack(parsed('truefalse'), { kind: 'choice', choices: ['f'] })).toEqual({ kind: 'truth', value: false });
    expect(readBack(parsed('numeric'), { kind: 'number', text: '40,5' })).toEqual({ kind: 'number', value: 40.5 });
    expect(readBack(parsed('fill'), { kind: 'text', text: 'Hà Nội' })).toEqual({ kind: 'text', text: 'Hà Nội' });
    expect(readBack(parsed('essay'), { kind: 'text', text: 'Một.\nHai.' })).toEqual({ kind: 'text', text: 'Một.\nHai.' });
  });
});

describe('a case decision', () => {
  it('reads as the text of the choice made', () => {
    const cs = caseOf(`:::case id=don-to-cao start=nhan-don
### nhan-don: Nhận đơn tố cáo
- [Giao Ủy ban kiểm tra xác minh](#ket-tot) +2
- [Chuyển đơn cho người bị tố cáo](#ket-sai) -2
### ket-tot: Xử lý đúng {outcome=tot}
### ket-sai: Sai nguyên tắc {outcome=sai-nguyen-tac}
:::`);
    const after = replayCase(cs, 'b').walk;
    const step = after.steps[0]!;
    const rec = decisionRecord(cs, caseScene(cs, step.scene)!, step, {
      courseActivityId: 'x:c',
      offered: availableChoices(cs, replayCase(cs, '').walk),
      latencyMs: 0,
      timestamp: '2026-01-01T00:00:00Z',
      path: after.path,
      score: after.score,
    });
    expect(readInteractionResponse(rec.xapiDefinition, String(rec.xapiResult.response), 'vi')).toEqual({ kind: 'choices', items: ['Chuyển đơn cho người bị tố cáo'] });
  });
});

describe('what does not fit is shown raw, never dropped', () => {
  const choice = { interactionType: 'choice', choices: [{ id: 'a', description: { vi: 'Một' } }] };
  it.each([
    ['an id the definition does not list', choice, 'a[,]z'],
    ['a definition without its list (a SCORM bridge record)', { interactionType: 'choice' }, 'b'],
    ['a matching entry without its pair mark', { interactionType: 'matching', source: [{ id: '1' }], target: [{ id: 'a' }] }, '1-a'],
    ['an interaction type nobody wrote', { interactionType: 'dance' }, 'x'],
    ['no definition at all', undefined, '1[.]b[,]2[.]a'],
    ['a number that is not one', { interactionType: 'numeric' }, '1[:]2'],
  ])('%s', (_, def, response) => {
    expect(readInteractionResponse(def, response, 'vi')).toEqual({ kind: 'raw', text: response });
  });

  it('falls back to another language, then to the id, for a component’s text', () => {
    const def = { interactionType: 'choice', choices: [{ id: 'a', description: { en: 'One' } }, { id: 'b' }] };
    expect(readInteractionResponse(def, 'a[,]b', 'vi')).toEqual({ kind: 'choices', items: ['One', 'b'] });
  });

  it('reads performance steps and likert scales', () => {
    const perf = { interactionType: 'performance', steps: [{ id: 's1', description: { vi: 'Bước 1' } }] };
    expect(readInteractionResponse(perf, 's1[.]xong', 'vi')).toEqual({ kind: 'pairs', pairs: [['Bước 1', 'xong']] });
    const likert = { interactionType: 'likert', scale: [{ id: 'l3', description: { vi: 'Đồng ý' } }] };
    expect(readInteractionResponse(likert, 'l3', 'vi')).toEqual({ kind: 'choices', items: ['Đồng ý'] });
  });
});
