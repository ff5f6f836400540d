/**
 * A learner's state for one test, kept in suspend_data: attempts used, the best and last marks,
 * and the attempt in progress (seed, start time, answers). Compact by design: a 60-question
 * attempt of choice questions takes about 200 characters, far inside SCORM 1.2's 4,096.
 */
import type { QuestionBase, ReviewMode } from './model.js';
import { hashString } from './random.js';
import { escapeText, unescapeText } from './response.js';

export interface CurrentAttempt {
  readonly seed: number;
  /** Epoch ms when the attempt started (the time limit runs on the wall clock). */
  readonly startedAt: number;
  /** Checksum of the drawn ids: a rebuilt package with other questions starts a fresh attempt. */
  readonly check: string;
  /** Compact response per drawn question, in drawn order; '' = not answered. */
  readonly answers: readonly string[];
}

export interface TestState {
  /** Attempts submitted. */
  readonly used: number;
  readonly best?: number;
  readonly last?: { readonly mark: number; readonly passed: boolean };
  readonly current?: CurrentAttempt;
}

export const EMPTY_TEST_STATE: TestState = { used: 0 };

export function idsCheck(ids: readonly string[]): string {
  return hashString(ids.join(',')).toString(36).slice(0, 4);
}

const VERSION = '1';

function num(s: string | undefined): number | undefined {
  if (s === undefined || s === '') return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/** `1|used|best|lastMark|lastPassed|seed36|start36|check|a~b~c` */
export function encodeTestState(s: TestState): string {
  const c = s.current;
  return [
    VERSION,
    String(s.used),
    s.best === undefined ? '' : String(s.best),
    s.last === undefined ? '' : String(s.last.mark),
    s.last === undefined ? '' : s.last.passed ? '1' : '0',
    c ? c.seed.toString(36) : '',
    c ? Math.round(c.startedAt).toString(36) : '',
    c ? escapeText(c.check) : '',
    c ? c.answers.join('~') : '',
  ].join('|');
}

/** The state back; anything unreadable gives a fresh state rather than an error. */
export function decodeTestState(text: unknown): TestState {
  if (typeof text !== 'string') return EMPTY_TEST_STATE;
  const f = text.split('|');
  if (f[0] !== VERSION || f.length !== 9) return EMPTY_TEST_STATE;
  const used = num(f[1]) ?? 0;
  const best = num(f[2]);
  const lastMark = num(f[3]);
  const seed = f[5] ? parseInt(f[5], 36) : NaN;
  const startedAt = f[6] ? parseInt(f[6], 36) : NaN;
  const current: CurrentAttempt | undefined =
    Number.isFinite(seed) && Number.isFinite(startedAt)
      ? { seed, startedAt, check: unescapeText(f[7] ?? ''), answers: f[8] === '' || f[8] === undefined ? [] : f[8].split('~') }
      : undefined;
  return {
    used,
    ...(best !== undefined ? { best } : {}),
    ...(lastMark !== undefined ? { last: { mark: lastMark, passed: f[4] === '1' } } : {}),
    ...(current ? { current } : {}),
  };
}

/** Whether the learner may start another attempt (0 = unlimited). */
export function attemptsLeft(s: TestState, limit: number): number {
  return limit === 0 ? Infinity : Math.max(0, limit - s.used);
}

/** Whether correct answers and explanations may be shown after an attempt. */
export function reviewAllowed(mode: ReviewMode, passed: boolean, left: number): boolean {
  switch (mode) {
    case 'always':
      return true;
    case 'after-pass':
      return passed;
    case 'after-last-attempt':
      return left === 0;
    case 'never':
      return false;
  }
}

/** A knowledge check allows one answer unless its author allows more (`attempts=`). */
export const CHECK_ATTEMPTS = 1;
/** A knowledge check shows the right answer once the trainee can no longer change theirs. */
export const CHECK_REVIEW: ReviewMode = 'after-last-attempt';

export interface CheckStatus {
  /** Answers checked so far. */
  readonly used: number;
  /** Checks still allowed (Infinity when unlimited). */
  readonly left: number;
  /** No further check: the answer was right, or no check is left. */
  readonly finished: boolean;
  /** The right answer and the explanation may be shown now. */
  readonly reveal: boolean;
}

/**
 * Where a knowledge check stands after `used` checks, the last one `correct` (null: an essay,
 * not scored). Like a quiz's review rule with "passed" read as "answered right": with one
 * attempt (the default) a wrong answer shows the right one at once; with several, only after
 * the last; unlimited attempts never give the answer away, only the explanation once right.
 */
export function checkStatus(q: Pick<QuestionBase, 'attempts' | 'review'>, used: number, correct: boolean | null | undefined): CheckStatus {
  const limit = q.attempts ?? CHECK_ATTEMPTS;
  const left = attemptsLeft({ used }, limit);
  const finished = used > 0 && (correct === true || left === 0);
  const reveal = used > 0 && reviewAllowed(q.review ?? CHECK_REVIEW, correct === true, finished ? 0 : left);
  return { used, left, finished, reveal };
}
