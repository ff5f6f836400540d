/**
 * Scoring: one question, then an attempt on the 10-point scale with its grade band.
 * Every question is all-or-nothing; essays are recorded for an instructor and not scored.
 */
import { EPSILON } from '../epsilon.js';
import { nfc, stripDiacritics } from '../text.js';
import { gradeBandFor, type GradeBand } from '../taxonomy.js';
import type { FillQuestion, Question } from './model.js';
import { learnerNumber } from './number.js';
import type { Response } from './response.js';

export interface QuestionScore {
  /** null: not auto-scored (essay). */
  readonly correct: boolean | null;
  readonly earned: number;
  /** Points the question can give; 0 for an essay. */
  readonly max: number;
}

/**
 * A number as an author writes it in a key or an attribute: "2,5" or "2.5", "-3"; "1e3" is
 * refused. Returns NaN when the text is not a plain decimal. What a trainee types is read by
 * readLearnerNumber (number.ts), which also takes thousands separators and a percent sign.
 */
export function parseDecimal(text: string): number {
  const t = text.trim().replace(/\s+/g, '');
  if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(t)) return NaN;
  return Number(t.replace(',', '.'));
}

/** The form a fill-in answer is compared in, per the question's options. */
export function normalizeFill(q: Pick<FillQuestion, 'caseSensitive' | 'diacriticSensitive'>, text: string): string {
  let s = nfc(text).replace(/\s+/g, ' ').trim();
  if (!q.diacriticSensitive) s = stripDiacritics(s);
  if (!q.caseSensitive) s = s.toLowerCase();
  return s;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  if (sa.size !== sb.size) return false;
  for (const x of sa) if (!sb.has(x)) return false;
  return true;
}

export function isCorrect(q: Question, r: Response | undefined): boolean {
  if (r === undefined) return false;
  switch (q.kind) {
    case 'single':
    case 'multiple':
    case 'truefalse': {
      if (r.kind !== 'choice') return false;
      const want = q.choices.filter((c) => c.correct).map((c) => c.id);
      return want.length > 0 && sameSet(r.choices, want);
    }
    case 'fill': {
      if (r.kind !== 'text') return false;
      const got = normalizeFill(q, r.text);
      return got !== '' && q.answers.some((a) => normalizeFill(q, a) === got);
    }
    case 'numeric': {
      if (r.kind !== 'number') return false;
      const n = learnerNumber(r.text);
      // A tiny epsilon so that 0.1 + 0.2 style bounds accept what the author meant.
      return Number.isFinite(n) && n >= q.min - EPSILON && n <= q.max + EPSILON;
    }
    case 'matching': {
      if (r.kind !== 'pairs') return false;
      return (
        q.pairs.length > 0 &&
        q.pairs.every(([s, t]) => r.pairs[s] === t) &&
        Object.keys(r.pairs).length === new Set(q.pairs.map(([s]) => s)).size
      );
    }
    case 'ordering': {
      if (r.kind !== 'order') return false;
      return r.steps.length === q.steps.length && q.steps.every((s, i) => r.steps[i] === s.id);
    }
    case 'essay':
      return false;
  }
}

export function scoreQuestion(q: Question, r: Response | undefined): QuestionScore {
  if (q.kind === 'essay') return { correct: null, earned: 0, max: 0 };
  const correct = isCorrect(q, r);
  return { correct, earned: correct ? q.points : 0, max: q.points };
}

export interface AttemptScore {
  readonly earned: number;
  readonly max: number;
  /** Mark on the 10-point scale, rounded to 2 decimals. */
  readonly mark: number;
  /** mark / 10, in 0..1. */
  readonly scaled: number;
  /** Percentage 0..100 (SCORM 1.2 score.raw). */
  readonly percent: number;
  readonly passed: boolean;
  readonly gradeBand?: GradeBand;
  readonly perQuestion: readonly QuestionScore[];
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** An attempt's score: the 10-point mark decides pass (mark ≥ pass) and grade band. */
export function scoreAttempt(
  questions: readonly Question[],
  responses: readonly (Response | undefined)[],
  pass: number,
  bands: readonly GradeBand[],
): AttemptScore {
  const perQuestion = questions.map((q, i) => scoreQuestion(q, responses[i]));
  const earned = perQuestion.reduce((s, x) => s + x.earned, 0);
  const max = perQuestion.reduce((s, x) => s + x.max, 0);
  const mark = max > 0 ? round2((earned / max) * 10) : 0;
  const band = gradeBandFor(bands, mark);
  return {
    earned,
    max,
    mark,
    scaled: Math.round(mark * 1000) / 10000,
    percent: round2(mark * 10),
    passed: mark >= pass - EPSILON,
    ...(band ? { gradeBand: band } : {}),
    perQuestion,
  };
}
