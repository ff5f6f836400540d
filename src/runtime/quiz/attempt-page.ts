/**
 * The parts of a running attempt's page: the answer sheet (every drawn question, answers kept in
 * their compact form as they change), the checks before submitting, and the countdown.
 */
import {
  type CurrentAttempt,
  displayOrder,
  interactionType,
  decodeResponse,
  encodeResponse,
} from '../../core/quiz/index.js';
import type { Question } from '../../core/index.js';
import type { RuntimeContext } from '../context.js';
import { h } from '../dom.js';
import { flagInvalid, numberProblem } from './number-input.js';
import { formatMark } from './strings.js';
import { t } from './test-strings.js';
import { renderQuestion, type QuestionView } from './view.js';

export interface AnswerSheet {
  readonly list: HTMLElement;
  readonly progress: HTMLElement;
  readonly views: readonly QuestionView[];
  /** Compact answers, '' for none, updated as the learner changes them. */
  readonly answers: string[];
  /** When each answer last changed (ms), for the interactions' latency. */
  readonly changedAt: number[];
  readonly shownAt: number;
}

/** Every question of the attempt with its heading; `onChange` gets the answers after each change. */
export function answerSheet(
  questions: readonly Question[],
  current: CurrentAttempt,
  ctx: RuntimeContext,
  shuffleChoices: boolean,
  onChange: (answers: readonly string[]) => void,
): AnswerSheet {
  const L = ctx.lang;
  const answers = [...current.answers];
  const shownAt = ctx.now();
  const changedAt: number[] = questions.map(() => shownAt);
  const views: QuestionView[] = [];
  const progress = h('p', { class: 'bd-progress' });
  const updateProgress = (): void => {
    const done = answers.filter((a) => a !== '').length;
    progress.textContent = t(L, 'answered', { a: done, n: questions.length });
  };
  const list = h('ol', { class: 'bd-questions' });
  questions.forEach((q, i) => {
    const heading = h('h4', { class: 'bd-qhead' }, `${t(L, 'questionOf', { n: i + 1, of: questions.length })} (${formatMark(L, q.points)} ${t(L, 'point')})`);
    const view = renderQuestion(q, {
      lang: L,
      heading,
      order: displayOrder(q, current.seed, shuffleChoices),
      announce: (m) => ctx.announce(m),
      keep: ctx.responseLimit?.(interactionType(q)),
      onChange: () => {
        const r = view.read();
        answers[i] = r ? encodeResponse(r) : '';
        changedAt[i] = ctx.now();
        onChange(answers);
        updateProgress();
      },
    });
    if (answers[i]) view.write(decodeResponse(q, answers[i]));
    views.push(view);
    list.append(h('li', {}, view.el));
  });
  updateProgress();
  return { list, progress, views, answers, changedAt, shownAt };
}

/**
 * Whether the attempt may be submitted now. A numeric answer that is not one number is asked
 * again before the attempt is spent; unanswered questions are pointed out once (`confirmed`).
 */
export function readyToSubmit(questions: readonly Question[], sheet: AnswerSheet, alert: HTMLElement, ctx: RuntimeContext, confirmed: boolean): 'ready' | 'fix-numbers' | 'confirm-missing' {
  const L = ctx.lang;
  const problems = questions
    .map((q, i) => ({ i, message: numberProblem(q, sheet.answers[i] ? decodeResponse(q, sheet.answers[i]) : undefined, L) }))
    .filter((p): p is { i: number; message: string } => p.message !== undefined);
  if (problems.length > 0) {
    const lines = problems.map((p) => t(L, 'questionN', { n: p.i + 1, message: p.message }));
    alert.replaceChildren(...lines.map((line) => h('p', { role: 'alert', class: 'bd-number-problem' }, line)));
    for (const p of problems) flagInvalid(sheet.views[p.i]!.el);
    alert.focus();
    ctx.announce(lines.join(' '));
    return 'fix-numbers';
  }
  const missing = sheet.answers.filter((a) => a === '').length;
  if (missing > 0 && !confirmed) {
    alert.replaceChildren(h('p', {}, t(L, 'confirmSubmit', { n: missing })));
    alert.focus();
    ctx.announce(t(L, 'confirmSubmit', { n: missing }));
    return 'confirm-missing';
  }
  return 'ready';
}

/**
 * The time left, announced 5 and 1 minutes before the end. `tick` redraws it and returns false
 * once time is up (after calling `onTimeUp`).
 */
export function countdown(limitSeconds: number, startedAt: number, ctx: RuntimeContext, onTimeUp: () => void): { el: HTMLElement; tick(): boolean } {
  const L = ctx.lang;
  const el = h('p', { role: 'timer', 'aria-live': 'off' });
  const warned = new Set<number>();
  const tick = (): boolean => {
    const left = Math.max(0, Math.round(limitSeconds - (ctx.now() - startedAt) / 1000));
    const mm = Math.floor(left / 60);
    const ss = String(left % 60).padStart(2, '0');
    el.textContent = `${t(L, 'timeLeft')}: ${mm}:${ss}`;
    for (const m of [5, 1]) {
      if (left <= m * 60 && left > (m - 1) * 60 && !warned.has(m) && limitSeconds > m * 60) {
        warned.add(m);
        ctx.announce(t(L, 'timeAlmostUp', { n: m }));
      }
    }
    if (left <= 0) {
      onTimeUp();
      return false;
    }
    return true;
  };
  return { el, tick };
}
