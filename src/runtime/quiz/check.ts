/** An ungraded knowledge check: answer, check, read the feedback; recorded but never graded. */
import {
  interactionRecord,
  interactionType,
  decodeResponse,
  encodeResponse,
  isAnswered,
  displayOrder,
  hashString,
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
  const shownAt = ctx.now();
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
    keep,
  });
  const result = h('div', { class: 'bd-result', tabindex: '-1' });
  const button = h('button', { type: 'button' }, t(lang, 'check'));
  button.addEventListener('click', () => {
    const r = view.read();
    if (!isAnswered(r)) {
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
    const fb = feedbackFor(q, r, lang, true);
    const cut = ctx.mode === 'normal' ? sentNote(lang, q, r, keep) : undefined;
    if (cut) fb.el.append(h('p', { class: 'bd-sent-note' }, cut));
    result.replaceChildren(fb.el);
    result.focus();
    ctx.announce(fb.verdict);
    if (ctx.mode === 'normal') {
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
  });
  el.replaceChildren(view.el, h('div', { class: 'bd-actions' }, button), result);
  const saved = ctx.loadState<string>(stateKey);
  if (typeof saved === 'string' && saved !== '') view.write(decodeResponse(q, saved));
};
