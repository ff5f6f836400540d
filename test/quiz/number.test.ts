import { describe, expect, it } from 'vitest';
import { formatResponse } from '../../src/core/quiz/interaction.js';
import type { NumericQuestion } from '../../src/core/quiz/model.js';
import { learnerNumber, readLearnerNumber } from '../../src/core/quiz/number.js';
import { isCorrect } from '../../src/core/quiz/scoring.js';

const read = (t: string) => readLearnerNumber(t);

describe('a number as a trainee types it', () => {
  it('reads the decimal comma and the decimal point alike', () => {
    for (const [t, v] of [['25,5', 25.5], ['25.5', 25.5], ['0,125', 0.125], ['0.125', 0.125], [',5', 0.5], ['-2,5', -2.5], ['−2,5', -2.5], ['+3', 3], ['1234,567', 1234.567], ['25,', 25]] as const)
      expect(read(t), t).toEqual({ ok: true, value: v });
  });

  it('reads a trailing percent sign, with or without a space, as the number written', () => {
    for (const [t, v] of [['25%', 25], ['25 %', 25], ['25,5 %', 25.5], ['25\u00a0%', 25], ['12,5％', 12.5]] as const)
      expect(read(t), t).toEqual({ ok: true, value: v });
  });

  it('reads thousands groups when they can only be thousands', () => {
    for (const [t, v] of [['1.000.000', 1_000_000], ['1.250,5', 1250.5], ['1 000', 1000], ['1\u00a0250,75', 1250.75], ['12 500 000', 12_500_000], ['1,000,000', 1_000_000], ['1,250.5', 1250.5], ['-1.000.000 %', -1_000_000]] as const)
      expect(read(t), t).toEqual({ ok: true, value: v });
  });

  it('does not guess a single separator before three digits: one thousand in Vietnamese, one in English', () => {
    expect(read('1.000')).toEqual({ ok: false, reason: 'ambiguous', thousands: 1000, decimal: 1 });
    expect(read('2,500')).toEqual({ ok: false, reason: 'ambiguous', thousands: 2500, decimal: 2.5 });
    expect(read('-12.345')).toEqual({ ok: false, reason: 'ambiguous', thousands: -12345, decimal: -12.345 });
    expect(Number.isNaN(learnerNumber('1.000'))).toBe(true);
  });

  it('refuses what is not one number', () => {
    for (const t of ['bốn mươi', '4e1', '1.2.3', '1.000.5', '1,5.3', '2 5', '5 năm', '%', '25%%', '1/2', '0x10', '1.00.000'])
      expect(read(t), t).toEqual({ ok: false, reason: 'not-a-number' });
    expect(read('  ')).toEqual({ ok: false, reason: 'empty' });
  });

  it('scores and records what it reads: "25,5", "25 %" and "25%" are right answers recorded as decimals', () => {
    const q: NumericQuestion = { kind: 'numeric', id: 'ty-le', points: 1, topic: 't', promptHtml: '', lang: 'vi', min: 25.5, max: 25.5 } as unknown as NumericQuestion;
    expect(isCorrect(q, { kind: 'number', text: '25,5' })).toBe(true);
    expect(formatResponse(q, { kind: 'number', text: '25,5 %' })).toEqual({ scorm12: '25.5', scorm2004: '25.5' });
    const whole: NumericQuestion = { ...q, min: 25, max: 25 };
    for (const t of ['25%', '25 %']) {
      expect(isCorrect(whole, { kind: 'number', text: t }), t).toBe(true);
      expect(formatResponse(whole, { kind: 'number', text: t }), t).toEqual({ scorm12: '25', scorm2004: '25' });
    }
    const thousand: NumericQuestion = { ...q, min: 1000, max: 1000 };
    expect(isCorrect(thousand, { kind: 'number', text: '1.000.000' })).toBe(false);
    expect(isCorrect(thousand, { kind: 'number', text: '1 000' })).toBe(true);
  });
});
