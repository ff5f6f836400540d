import { describe, expect, it } from 'vitest';
import { attemptsLeft, checkStatus, decodeTestState, encodeTestState, idsCheck, reviewAllowed, type TestState } from '../../src/core/quiz/attempt.js';
import { decodeResponse, encodeResponse, type Response } from '../../src/core/quiz/response.js';
import { rng } from '../../src/core/quiz/random.js';
import { ALL_KINDS, parsed } from './questions.js';

describe('attempt state in suspend_data', () => {
  it('round-trips, including free text with the separators in it', () => {
    const s: TestState = {
      used: 1,
      best: 6.5,
      last: { mark: 6.5, passed: true },
      current: { seed: 123456789, startedAt: 1_795_000_000_000, check: idsCheck(['a', 'b']), answers: ['b', '', encodeResponse({ kind: 'text', text: 'ha|noi~50%\nx' }), '1a2c'] },
    };
    expect(decodeTestState(encodeTestState(s))).toEqual(s);
    expect(decodeTestState(encodeTestState({ used: 0 }))).toEqual({ used: 0 });
  });

  it('garbage gives a fresh state, not an exception', () => {
    for (const bad of [undefined, 42, '', 'x|y', '2|1|||||||', '1|a|b|c|d|e|f|g|h']) expect(decodeTestState(bad).used).toBeGreaterThanOrEqual(0);
  });

  it('every response kind survives encode → decode', () => {
    const samples: Record<string, Response> = {
      single: { kind: 'choice', choices: ['c'] },
      multiple: { kind: 'choice', choices: ['a', 'd'] },
      truefalse: { kind: 'choice', choices: ['f'] },
      fill: { kind: 'text', text: 'Hà Nội ~ | %' },
      numeric: { kind: 'number', text: '41,5' },
      matching: { kind: 'pairs', pairs: { '1': 'c', '2': 'a' } },
      ordering: { kind: 'order', steps: ['d', 'a', 'c', 'b'] },
      essay: { kind: 'text', text: 'dòng 1\ndòng 2' },
    };
    for (const kind of ALL_KINDS) {
      const q = parsed(kind);
      expect(decodeResponse(q, encodeResponse(samples[kind]!)), kind).toEqual(samples[kind]);
    }
  });

  it('a 60-question attempt of mixed answers stays far below 4,096 characters', () => {
    const random = rng(1);
    const answers = Array.from({ length: 60 }, (_, i) =>
      i % 10 === 9 ? 'Ủy ban nhân dân xã' : i % 7 === 6 ? '1c2a3b4d' : 'abcdefghijklmnopqrstuvwxyz'[Math.floor(random() * 26)]!,
    );
    const text = encodeTestState({ used: 2, best: 7.25, last: { mark: 7.25, passed: true }, current: { seed: 2147483646, startedAt: Date.now(), check: 'abcd', answers } });
    expect(text.length).toBeLessThan(1500);
  });

  it('attempt limits and review modes', () => {
    expect(attemptsLeft({ used: 1 }, 2)).toBe(1);
    expect(attemptsLeft({ used: 2 }, 2)).toBe(0);
    expect(attemptsLeft({ used: 9 }, 0)).toBe(Infinity);
    expect(reviewAllowed('always', false, 1)).toBe(true);
    expect(reviewAllowed('never', true, 0)).toBe(false);
    expect(reviewAllowed('after-pass', false, 0)).toBe(false);
    expect(reviewAllowed('after-pass', true, 1)).toBe(true);
    expect(reviewAllowed('after-last-attempt', false, 1)).toBe(false);
    expect(reviewAllowed('after-last-attempt', false, 0)).toBe(true);
    // Passing with attempts left shows nothing yet: a retake must not start from the key.
    expect(reviewAllowed('after-last-attempt', true, 1)).toBe(false);
    expect(reviewAllowed('after-last-attempt', true, Infinity)).toBe(false);
  });
});

describe('a knowledge check after each answer', () => {
  const status = (q: Parameters<typeof checkStatus>[0], used: number, correct: boolean | null | undefined): string => {
    const s = checkStatus(q, used, correct);
    return `left ${s.left} ${s.finished ? 'finished' : 'open'} ${s.reveal ? 'reveal' : 'hidden'}`;
  };

  it('by default takes one answer and then shows the right one and the explanation, right or wrong', () => {
    expect(status({}, 0, undefined)).toBe('left 1 open hidden');
    expect(status({}, 1, false)).toBe('left 0 finished reveal');
    expect(status({}, 1, true)).toBe('left 0 finished reveal');
    expect(status({}, 1, null)).toBe('left 0 finished reveal');
  });

  it('with more attempts keeps the answer hidden until the last one or a right answer', () => {
    const q = { attempts: 3 };
    expect(status(q, 1, false)).toBe('left 2 open hidden');
    expect(status(q, 2, false)).toBe('left 1 open hidden');
    expect(status(q, 3, false)).toBe('left 0 finished reveal');
    expect(status(q, 2, true)).toBe('left 1 finished reveal');
  });

  it('unlimited attempts never give the answer away; once right the explanation shows', () => {
    expect(status({ attempts: 0 }, 9, false)).toBe('left Infinity open hidden');
    expect(status({ attempts: 0 }, 9, true)).toBe('left Infinity finished reveal');
  });

  it('follows the author’s review: never, always, after a right answer', () => {
    expect(status({ review: 'never' }, 1, false)).toBe('left 0 finished hidden');
    expect(status({ review: 'never' }, 1, true)).toBe('left 0 finished hidden');
    expect(status({ review: 'always', attempts: 2 }, 1, false)).toBe('left 1 open reveal');
    expect(status({ review: 'after-pass' }, 1, false)).toBe('left 0 finished hidden');
    expect(status({ review: 'after-pass' }, 1, true)).toBe('left 0 finished reveal');
  });
});
