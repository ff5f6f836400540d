import { describe, expect, it } from 'vitest';
import { testOutcome } from '../../src/core/quiz/outcome.js';
import { scoreAttempt } from '../../src/core/quiz/scoring.js';
import { EXT } from '../../src/core/tracking.js';
import type { GradeBand } from '../../src/core/taxonomy.js';
import { outcomeStatement } from '../../src/core/xapi/statement.js';
import { statementProblems } from '../../src/core/xapi/validate.js';
import { VERBS } from '../../src/core/xapi/verbs.js';
import { parsed } from './questions.js';

const src = { title: 'giả định', url: 'https://example.org' } as unknown as GradeBand['source'];
const BANDS: GradeBand[] = [
  { id: 'gioi', name: { vi: 'Giỏi' }, min: 8, passing: true, source: src },
  { id: 'kha', name: { vi: 'Khá' }, min: 7, passing: true, source: src },
  { id: 'trung-binh', name: { vi: 'Trung bình' }, min: 5, passing: true, source: src },
  { id: 'khong-dat', name: { vi: 'Không đạt' }, min: 0, passing: false, source: src },
];
const scope = {
  actor: { objectType: 'Agent' as const, account: { homePage: 'https://daotao.example.gov.vn', name: 'hv-001' } },
  lang: 'vi',
  course: { activityId: 'https://daotao.example.gov.vn/xapi/courses/c', title: 'Khóa học' },
  module: { activityId: 'https://daotao.example.gov.vn/xapi/courses/c/modules/m', title: 'Mô-đun', version: '1.0.0' },
};

describe('test outcome → passed/failed statement', () => {
  const qs = [parsed('single'), parsed('multiple'), parsed('truefalse')];
  const at = { activityId: 'https://daotao.example.gov.vn/xapi/courses/c/tests/kt', title: { vi: 'Kiểm tra' }, attempt: 2, durationMs: 95_000 };

  it('a pass carries mark, scaled score, grade band and attempt, and validates', () => {
    const score = scoreAttempt(qs, [{ kind: 'choice', choices: ['b'] }, { kind: 'choice', choices: ['a', 'b', 'd'] }, { kind: 'choice', choices: ['f'] }], 5, BANDS);
    const o = testOutcome({ id: 'kt', weight: 1 }, score, at);
    expect(o).toMatchObject({ kind: 'test', mark: 7.5, raw: 3, max: 4, passed: true, gradeBand: 'kha', durationMs: 95_000 });
    const st = outcomeStatement(scope, o.passed ? VERBS.passed : VERBS.failed, o, { id: '6f1c2d3e-4f50-4a6b-8c7d-000000000001', now: Date.UTC(2026, 10, 23) });
    expect(statementProblems(st)).toEqual([]);
    expect(st.verb.id).toBe('http://adlnet.gov/expapi/verbs/passed');
    expect(st.result?.score).toEqual({ scaled: 0.75, raw: 3, min: 0, max: 4 });
    expect(st.result?.extensions).toMatchObject({ [EXT.gradeBand]: 'kha', [EXT.mark10]: 7.5, [EXT.attempt]: 2 });
  });

  it('a fail validates too and says khong-dat', () => {
    const score = scoreAttempt(qs, [undefined, undefined, { kind: 'choice', choices: ['t'] }], 5, BANDS);
    const o = testOutcome({ id: 'kt', weight: 0.5 }, score, at);
    expect(o).toMatchObject({ passed: false, gradeBand: 'khong-dat', mark: 2.5, weight: 0.5 });
    const st = outcomeStatement(scope, VERBS.failed, o, { id: '6f1c2d3e-4f50-4a6b-8c7d-000000000002', now: Date.UTC(2026, 10, 23) });
    expect(statementProblems(st)).toEqual([]);
    expect(st.result?.success).toBe(false);
  });
});
