import { describe, expect, it } from 'vitest';
import { isCorrect, normalizeFill, parseDecimal, scoreAttempt, scoreQuestion } from '../../src/core/quiz/scoring.js';
import type { GradeBand } from '../../src/core/taxonomy.js';
import type { Question } from '../../src/core/quiz/model.js';
import type { Response } from '../../src/core/quiz/response.js';
import { rng } from '../../src/core/quiz/random.js';
import { parsed } from './questions.js';

const src = { title: 'TT', url: 'https://example.org' } as unknown as GradeBand['source'];
const BANDS: GradeBand[] = [
  { id: 'xuat-sac', name: { vi: 'Xuất sắc' }, min: 9, passing: true, source: src },
  { id: 'gioi', name: { vi: 'Giỏi' }, min: 8, passing: true, source: src },
  { id: 'kha', name: { vi: 'Khá' }, min: 7, passing: true, source: src },
  { id: 'trung-binh', name: { vi: 'Trung bình' }, min: 5, passing: true, source: src },
  { id: 'khong-dat', name: { vi: 'Không đạt' }, min: 0, passing: false, source: src },
];

const choice = (...choices: string[]): Response => ({ kind: 'choice', choices });
const text = (t: string): Response => ({ kind: 'text', text: t });
const num = (t: string): Response => ({ kind: 'number', text: t });

describe('scoring per kind', () => {
  it('single choice: only the marked choice is right', () => {
    const q = parsed('single');
    expect(isCorrect(q, choice('b'))).toBe(true);
    expect(isCorrect(q, choice('a'))).toBe(false);
    expect(isCorrect(q, choice('a', 'b'))).toBe(false);
    expect(isCorrect(q, undefined)).toBe(false);
  });

  it('multiple choice: all and only the marked choices, in any order', () => {
    const q = parsed('multiple');
    expect(isCorrect(q, choice('d', 'a', 'b'))).toBe(true);
    expect(isCorrect(q, choice('a', 'b'))).toBe(false);
    expect(isCorrect(q, choice('a', 'b', 'c', 'd'))).toBe(false);
    expect(scoreQuestion(q, choice('a', 'b', 'd'))).toEqual({ correct: true, earned: 2, max: 2 });
  });

  it('true/false uses the ids t and f', () => {
    const q = parsed('truefalse');
    expect(isCorrect(q, choice('t'))).toBe(true);
    expect(isCorrect(q, choice('f'))).toBe(false);
  });

  it('fill-in with nocase nodiacritics accepts "ha noi" for "Hà Nội", and every listed answer', () => {
    const q = parsed('fill');
    for (const t of ['Hà Nội', 'ha noi', 'HA NOI', '  hà   nội ', 'Thanh pho Ha Noi', 'thành phố hà nội'])
      expect(isCorrect(q, text(t)), t).toBe(true);
    for (const t of ['Hải Phòng', 'Hanoi', '', 'Hà Nội Hà Nội']) expect(isCorrect(q, text(t)), t).toBe(false);
  });

  it('fill-in without options is case- and diacritic-sensitive; đ is not d', () => {
    const q = { ...parsed('fill'), caseSensitive: true, diacriticSensitive: true } as Question;
    expect(isCorrect(q, text('Hà Nội'))).toBe(true);
    expect(isCorrect(q, text('Ha Noi'))).toBe(false);
    expect(isCorrect(q, text('hà nội'))).toBe(false);
    const dq = { ...q, answers: ['Đảng ủy'], diacriticSensitive: false, caseSensitive: false } as Question;
    expect(isCorrect(dq, text('dang uy'))).toBe(true);
    expect(normalizeFill({ caseSensitive: false, diacriticSensitive: false }, 'ĐẢNG ỦY')).toBe('dang uy');
  });

  it('fill-in compares NFC and NFD input alike', () => {
    const q = { ...parsed('fill'), caseSensitive: true, diacriticSensitive: true } as Question;
    expect(isCorrect(q, text('Hà Nội'.normalize('NFD')))).toBe(true);
  });

  it('numeric: tolerance, comma decimals, a percent sign, bounds inclusive, junk refused', () => {
    const q = parsed('numeric');
    expect(q.kind === 'numeric' && [q.min, q.max]).toEqual([38, 42]);
    for (const t of ['40', '38', '42', '41,5', '39.9', ' 40 ', '40%', '40 %', '41,5 %']) expect(isCorrect(q, num(t)), t).toBe(true);
    for (const t of ['37.99', '42.01', 'bốn mươi', '4e1', '', '%']) expect(isCorrect(q, num(t)), t).toBe(false);
    expect(parseDecimal('2,5')).toBe(2.5);
    expect(parseDecimal('-.5')).toBe(-0.5);
    expect(Number.isNaN(parseDecimal('1.2.3'))).toBe(true);
  });

  it('matching: every source paired right and nothing extra', () => {
    const q = parsed('matching');
    if (q.kind !== 'matching') throw new Error('kind');
    const right = Object.fromEntries(q.pairs);
    expect(isCorrect(q, { kind: 'pairs', pairs: right })).toBe(true);
    const [s1, t1] = q.pairs[0]!;
    const [s2, t2] = q.pairs[1]!;
    expect(isCorrect(q, { kind: 'pairs', pairs: { ...right, [s1]: t2, [s2]: t1 } })).toBe(false);
    const partial = { ...right };
    delete partial[s1];
    expect(isCorrect(q, { kind: 'pairs', pairs: partial })).toBe(false);
    expect(q.targets).toHaveLength(4);
  });

  it('ordering: exactly the authored order', () => {
    const q = parsed('ordering');
    if (q.kind !== 'ordering') throw new Error('kind');
    const ids = q.steps.map((s) => s.id);
    expect(isCorrect(q, { kind: 'order', steps: ids })).toBe(true);
    expect(isCorrect(q, { kind: 'order', steps: [...ids].reverse() })).toBe(false);
    expect(isCorrect(q, { kind: 'order', steps: ids.slice(0, 3) })).toBe(false);
  });

  it('essay is recorded, not scored', () => {
    expect(scoreQuestion(parsed('essay'), text('Ba việc...'))).toEqual({ correct: null, earned: 0, max: 0 });
  });
});

describe('attempt score on the 10-point scale', () => {
  const qs = [parsed('single'), parsed('multiple'), parsed('truefalse'), parsed('fill'), parsed('essay')];
  // points: 1, 2, 1, 1, essay 0 → max 5

  it('computes mark, scaled, percent, pass and band', () => {
    const s = scoreAttempt(qs, [choice('b'), choice('a', 'b', 'd'), choice('f'), text('ha noi'), text('...')], 5, BANDS);
    expect(s.earned).toBe(4);
    expect(s.max).toBe(5);
    expect(s.mark).toBe(8);
    expect(s.scaled).toBe(0.8);
    expect(s.percent).toBe(80);
    expect(s.passed).toBe(true);
    expect(s.gradeBand?.id).toBe('gioi');
  });

  it('fails below the pass mark and falls in khong-dat', () => {
    const s = scoreAttempt(qs, [choice('a'), choice('a'), choice('f'), text('x'), undefined], 5, BANDS);
    expect(s.mark).toBe(0);
    expect(s.passed).toBe(false);
    expect(s.gradeBand?.id).toBe('khong-dat');
  });

  it('exactly the pass mark passes', () => {
    const s = scoreAttempt([parsed('single'), parsed('truefalse')], [choice('b'), choice('f')], 5, BANDS);
    expect(s.mark).toBe(5);
    expect(s.passed).toBe(true);
    expect(s.gradeBand?.id).toBe('trung-binh');
  });

  it('property: mark is in 0..10, scaled = mark/10, passed iff mark ≥ pass, band matches mark', () => {
    const random = rng(42);
    const pool = [parsed('single'), parsed('multiple'), parsed('truefalse'), parsed('numeric'), parsed('fill')];
    for (let run = 0; run < 500; run++) {
      const n = 1 + Math.floor(random() * 30);
      const questions = Array.from({ length: n }, () => pool[Math.floor(random() * pool.length)]!);
      const responses = questions.map((q): Response | undefined => {
        if (random() < 0.1) return undefined;
        if (q.kind === 'numeric') return num(String(Math.round(random() * 80)));
        if (q.kind === 'fill') return text(random() < 0.5 ? 'Hà Nội' : 'Huế');
        if (q.kind === 'single' || q.kind === 'multiple' || q.kind === 'truefalse')
          return choice(...q.choices.filter(() => random() < 0.5).map((c) => c.id));
        return undefined;
      });
      const pass = Math.round(random() * 100) / 10;
      const s = scoreAttempt(questions, responses, pass, BANDS);
      expect(s.mark).toBeGreaterThanOrEqual(0);
      expect(s.mark).toBeLessThanOrEqual(10);
      expect(Math.abs(s.scaled - s.mark / 10)).toBeLessThan(1e-9);
      expect(s.passed).toBe(s.mark >= pass);
      expect(s.earned).toBe(s.perQuestion.reduce((a, x) => a + x.earned, 0));
      const band = s.gradeBand!;
      expect(s.mark).toBeGreaterThanOrEqual(band.min);
      expect(BANDS.filter((b) => b.min > band.min).every((b) => s.mark < b.min)).toBe(true);
    }
  });
});
