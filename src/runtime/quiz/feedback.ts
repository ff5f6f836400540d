/**
 * The feedback a learner sees after answering: verdict, the right choice when the answer was wrong
 * and review allows (`withExplanation`), choice feedback, overall feedback, explanation.
 */
import { type Question, type Response, scoreQuestion } from '../../core/index.js';
import { authored, h } from '../dom.js';
import { t } from './strings.js';

export function feedbackFor(q: Question, r: Response | undefined, lang: 'vi' | 'en', withExplanation: boolean): { el: HTMLElement; verdict: string } {
  const s = scoreQuestion(q, r);
  const verdict = s.correct === null ? t(lang, 'recorded') : s.correct ? t(lang, 'correct') : t(lang, 'incorrect');
  const el = h('div', { class: `bd-feedback ${s.correct === null ? '' : s.correct ? 'bd-ok' : 'bd-bad'}` }, h('p', {}, h('strong', {}, verdict)));
  if (q.kind === 'single' || q.kind === 'multiple' || q.kind === 'truefalse') {
    // Said in the feedback too, not only as a tag among the choices, so it is read with the verdict.
    if (withExplanation && s.correct === false) {
      const right = q.choices.filter((c) => c.correct).map((c) => c.text).join('; ');
      el.append(h('p', { class: 'bd-right-answer' }, h('strong', {}, `${t(lang, 'rightAnswer')}: `), right));
    }
    const chosen = r?.kind === 'choice' ? r.choices : [];
    for (const c of q.choices) if (chosen.includes(c.id) && c.feedbackHtml) el.append(authored('p', c.feedbackHtml));
  }
  const overall = s.correct ? q.feedback?.correct : q.feedback?.incorrect;
  if (overall) el.append(authored('p', overall));
  if (withExplanation && q.explanationHtml) el.append(h('p', {}, h('strong', {}, `${t(lang, 'explanation')}: `)), authored('div', q.explanationHtml));
  return { el, verdict };
}
