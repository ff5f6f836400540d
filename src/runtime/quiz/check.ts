/**
 * An ungraded knowledge check: answer, check, read the feedback; recorded but never graded. One
 * check unless the author allows more (`attempts=`); the right answer and explanation show when
 * the author's `review=` allows (core/quiz checkStatus).
 */
import {
  type CheckStatus,
  type Response,
  checkStatus,
  interactionRecord,
  interactionType,
  decodeResponse,
  encodeResponse,
  isAnswered,
  displayOrder,
  hashString,
  scoreQuestion,
} from '../../core/quiz/index.js';
import { type Question, unpackQuestion } from '../../core/index.js';
import type { MountComponent, RuntimeContext } from '../context.js';
import { h } from '../dom.js';
import { ensureStyles } from './dom.js';
import { feedbackFor } from './feedback.js';
import { flagInvalid, numberProblem } from './number-input.js';
import { t } from './strings.js';
import { renderQuestion } from './view.js';
import { fittingStart, resumeNote, sentNote } from './text-limit.js';

export function findQuestion(ctx: RuntimeContext, id: string): Question | undefined {
  const packed = ctx.data.questions.find((p) => typeof p === 'object' && p !== null && (p as { id?: unknown }).id === id);
  return packed === undefined ? undefined : unpackQuestion(packed);
}

export function questionActivityId(ctx: RuntimeContext, questionId: string): string {
  return `${ctx.data.course.activityId}/questions/${questionId}`;
}

export function isoNow(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * The position of a knowledge check among those on its page ("Câu 3/7" when there are several),
 * and whether it is the page's first practice question (not an essay, which goes to the
 * instructor), the one that says practice does not count.
 */
function placeOnPage(el: HTMLElement, ctx: RuntimeContext): { n: number; of: number; firstPractice: boolean } {
  const page = el.closest('.bd-page') ?? el.ownerDocument;
  const all = [...page.querySelectorAll<HTMLElement>('[data-bd-question]')];
  const kindOf = (e: HTMLElement): unknown => {
    const id = e.getAttribute('data-bd-question');
    return (ctx.data.questions.find((p) => (p as { id?: unknown }).id === id) as { kind?: unknown } | undefined)?.kind;
  };
  const practice = all.find((e) => kindOf(e) !== 'essay');
  return { n: all.indexOf(el) + 1, of: all.length, firstPractice: practice === el };
}

/** The check button's words: first check, a retry with the checks left, or sent for good. */
function buttonText(lang: 'vi' | 'en', status: CheckStatus, recorded: boolean, essay: boolean): string {
  if (status.finished) return t(lang, recorded ? 'checkSent' : 'checkDone');
  // An essay has no right answer to check: it is sent to the instructor.
  if (status.used === 0) return t(lang, essay ? 'sendEssay' : 'check');
  return status.left === Infinity ? t(lang, 'checkAgain') : t(lang, 'checkAgainLeft', { n: status.left });
}

export const mountQuestion: MountComponent = (el, id, ctx) => {
  ensureStyles();
  const lang = ctx.lang;
  const q = findQuestion(ctx, id);
  el.classList.add('bd-quiz');
  if (!q) {
    el.replaceChildren(h('p', { role: 'alert' }, t(lang, 'missing', { id })));
    return;
  }
  const stateKey = 'r';
  /** Checks used, kept beside the answer so a relaunch cannot send a finished answer again. */
  const usedKey = 'n';
  const shownAt = ctx.now();
  const recorded = ctx.mode === 'normal';
  const place = placeOnPage(el, ctx);
  const heading = place.of > 1 ? h('h3', { class: 'bd-qhead' }, t(lang, 'questionOf', { n: place.n, of: place.of })) : undefined;
  // A knowledge check keeps its choices in the author's order: the seed only scrambles ordering steps.
  const keep = ctx.responseLimit?.(interactionType(q));
  const view = renderQuestion(q, {
    lang,
    order: displayOrder(q, hashString(id), false),
    onChange: () => {
      const r = view.read();
      const fits = ctx.fitsState;
      if (r?.kind !== 'text' || !fits) return ctx.saveState(stateKey, r ? encodeResponse(r) : '');
      // A long answer is kept as far as the resume state allows, and the learner told how far.
      const fit = fittingStart(r.text, (escaped) => fits(stateKey, escaped));
      view.textNote?.(resumeNote(lang, fit.kept, r.text.length));
      ctx.saveState(stateKey, fit.escaped);
    },
    announce: (m) => ctx.announce(m),
    ...(heading ? { heading } : {}),
    keep,
  });
  const result = h('div', { class: 'bd-result', tabindex: '-1' });
  const essay = q.kind === 'essay';
  const button = h('button', { type: 'button' }, t(lang, essay ? 'sendEssay' : 'check'));
  const saved = ctx.loadState<number>(usedKey);
  let status = checkStatus(q, typeof saved === 'number' && saved > 0 ? Math.floor(saved) : 0, undefined);
  button.textContent = buttonText(lang, status, recorded, essay);
  if (status.finished) button.setAttribute('aria-disabled', 'true');
  /** After a check (or on relaunch of a checked question): the feedback, and the answer locked once finished. */
  const settle = (r: Response, announce: boolean): void => {
    const correct = scoreQuestion(q, r).correct;
    status = checkStatus(q, status.used, correct);
    const fb = feedbackFor(q, r, lang, status.reveal);
    const cut = recorded ? sentNote(lang, q, r, keep) : undefined;
    if (cut) fb.el.append(h('p', { class: 'bd-sent-note' }, cut));
    if (status.finished) {
      view.lock();
      view.review(status.reveal);
      // A disabled button cannot be focused or explained: this one stays reachable and says why it does nothing.
      button.setAttribute('aria-disabled', 'true');
    }
    button.textContent = buttonText(lang, status, recorded, essay);
    result.replaceChildren(fb.el);
    if (announce) {
      result.focus();
      ctx.announce(fb.verdict);
    }
  };
  button.addEventListener('click', () => {
    if (status.finished) {
      const refusal = t(lang, recorded ? 'alreadySent' : 'alreadyChecked');
      result.querySelector('.bd-refused')?.remove();
      result.append(h('p', { class: 'bd-refused' }, refusal));
      ctx.announce(refusal);
      return;
    }
    const r = view.read();
    if (!r || !isAnswered(r)) {
      result.replaceChildren(h('p', {}, t(lang, 'noAnswer')));
      result.focus();
      ctx.announce(t(lang, 'noAnswer'));
      return;
    }
    const problem = numberProblem(q, r, lang);
    if (problem) {
      // Not one number: nothing is scored or recorded until the trainee writes it again.
      result.replaceChildren(h('p', { role: 'alert', class: 'bd-number-problem' }, problem));
      flagInvalid(view.el);
      result.focus();
      ctx.announce(problem);
      return;
    }
    status = checkStatus(q, status.used + 1, undefined);
    ctx.saveState(usedKey, status.used);
    if (recorded) {
      const now = ctx.now();
      ctx.record(
        interactionRecord(q, r, {
          id: q.id,
          activityId: questionActivityId(ctx, q.id),
          parentActivityId: ctx.data.module.activityId,
          latencyMs: now - shownAt,
          timestamp: isoNow(now),
        }),
      );
    }
    settle(r, true);
  });
  const parts: Node[] = [view.el, h('div', { class: 'bd-actions' }, button), result];
  // Said once per page, on its first practice question, so trainees know what these answers count for.
  if (place.firstPractice) parts.unshift(h('p', { class: 'bd-practice-note' }, t(lang, 'practiceNote')));
  el.replaceChildren(...parts);
  const answer = ctx.loadState<string>(stateKey);
  const r = typeof answer === 'string' && answer !== '' ? decodeResponse(q, answer) : undefined;
  if (r) view.write(r);
  if (r && status.used > 0) settle(r, false);
};
