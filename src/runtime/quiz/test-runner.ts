/**
 * A graded test: intro → attempt (all drawn questions on one page, answers saved as they change,
 * optional time limit) → result with grade band and the review the author allows.
 */
import { type PackedTest, EXT, formatPercent, pickText, type Question, scoreAttempt, type AttemptScore } from '../../core/index.js';
import {
  decodeResponse,
  isAnswered,
  unescapeText,
  type Response,
  interactionRecord,
  interactionType,
  testOutcome,
  displayOrder,
  drawAttempt,
  newSeed,
  attemptsLeft,
  decodeTestState,
  encodeTestState,
  idsCheck,
  reviewAllowed,
  type CurrentAttempt,
  type TestState,
} from '../../core/quiz/index.js';
import type { MountComponent, RuntimeContext } from '../context.js';
import { findQuestion, isoNow, questionActivityId } from './check.js';
import { h } from '../dom.js';
import { ensureStyles } from './dom.js';
import { feedbackFor } from './feedback.js';
import { formatMark } from './strings.js';
import { t } from './test-strings.js';
import { renderQuestion, type QuestionView } from './view.js';
import { answerSheet, countdown, readyToSubmit } from './attempt-page.js';
import { fittingStart, isTextQuestion, resumeNote, sentNote } from './text-limit.js';

export const mountTest: MountComponent = (el, id, ctx) => {
  ensureStyles();
  el.classList.add('bd-quiz');
  const test = ctx.data.tests.find((x) => x.id === id);
  if (!test) {
    el.replaceChildren(h('p', { role: 'alert' }, t(ctx.lang, 'missing', { id })));
    return;
  }
  new TestRunner(el, test, ctx).start();
};

class TestRunner {
  private state: TestState;
  private readonly key: string;
  private readonly lang: 'vi' | 'en';
  private timer: ReturnType<typeof setInterval> | undefined;
  /** The running attempt's questions and views, to say under an answer what the resume state keeps. */
  private shown: { questions: readonly Question[]; views: readonly QuestionView[] } = { questions: [], views: [] };

  constructor(
    private readonly el: HTMLElement,
    private readonly test: PackedTest,
    private readonly ctx: RuntimeContext,
  ) {
    this.key = 's';
    this.lang = ctx.lang;
    this.state = decodeTestState(ctx.loadState<string>(this.key));
  }

  private get graded(): boolean {
    return this.ctx.mode === 'normal';
  }

  private save(): void {
    if (this.graded) this.ctx.saveState(this.key, this.fitted());
  }

  /**
   * The state as the resume state can hold it. When a running attempt's typed answers do not fit
   * (SCORM 1.2 keeps 4,096 characters in all), the longest are shortened, as little as needed,
   * and each shortened answer says so; the page keeps the whole text, and submitting sends it.
   */
  private fitted(): string {
    const whole = encodeTestState(this.state);
    const fits = this.ctx.fitsState;
    const current = this.state.current;
    const { questions, views } = this.shown;
    views.forEach((v) => v.textNote?.(undefined));
    if (!fits || !current || fits(this.key, whole)) return whole;
    const answers = [...current.answers];
    const encode = (): string => encodeTestState({ ...this.state, current: { ...current, answers } });
    const longest = answers
      .map((a, i) => ({ i, length: a.length }))
      .filter(({ i }) => questions[i] !== undefined && isTextQuestion(questions[i]))
      .sort((a, b) => b.length - a.length);
    for (const { i } of longest) {
      const text = unescapeText(answers[i] ?? '');
      const fit = fittingStart(text, (escaped) => {
        answers[i] = escaped;
        return fits(this.key, encode());
      });
      answers[i] = fit.escaped;
      views[i]?.textNote?.(resumeNote(this.lang, fit.kept, text.length));
      if (fits(this.key, encode())) break;
    }
    return encode();
  }

  private title(): string {
    return this.test.title ?? this.ctx.data.module.title;
  }

  start(): void {
    const current = this.state.current;
    if (current && this.graded) {
      const ids = drawAttempt(this.test.pools, current.seed, this.test.shuffleQuestions);
      if (idsCheck(ids) === current.check) return this.attempt(current, ids, false);
      // The package changed under a running attempt: its answers no longer fit; start over.
      const { current: _dropped, ...rest } = this.state;
      this.state = rest;
    }
    this.intro();
  }

  private intro(): void {
    const L = this.lang;
    const left = attemptsLeft(this.state, this.test.attempts);
    const count = this.test.pools.reduce((s, p) => s + p.count, 0);
    const info = h(
      'dl',
      { class: 'bd-test-facts' },
      h('dt', {}, t(L, 'questions')),
      h('dd', {}, String(count)),
      h('dt', {}, t(L, 'passMark')),
      h('dd', {}, `${formatMark(L, this.test.pass)}/10`),
      h('dt', {}, t(L, 'attempts')),
      h('dd', {}, this.test.attempts === 0 ? `${this.state.used} (${t(L, 'unlimited')})` : `${this.state.used}/${this.test.attempts}`),
    );
    if (this.test.timeLimitSeconds) info.append(h('dt', {}, t(L, 'timeLimit')), h('dd', {}, `${Math.ceil(this.test.timeLimitSeconds / 60)} ${t(L, 'minutes')}`));
    if (this.state.best !== undefined) info.append(h('dt', {}, t(L, 'best')), h('dd', {}, `${formatMark(L, this.state.best)}/10`));
    const parts: Node[] = [h('h3', { tabindex: '-1' }, this.title()), info];
    if (!this.graded) parts.push(h('p', {}, t(L, 'notGraded')));
    if (left > 0 || !this.graded) {
      const button = h('button', { type: 'button' }, t(L, this.state.used > 0 ? 'retry' : 'start'));
      button.addEventListener('click', () => this.begin());
      parts.push(h('div', { class: 'bd-actions' }, button));
    } else parts.push(h('p', {}, t(L, 'noAttemptsLeft')));
    this.el.replaceChildren(...parts);
  }

  private begin(): void {
    const seed = newSeed();
    const ids = drawAttempt(this.test.pools, seed, this.test.shuffleQuestions);
    const current: CurrentAttempt = { seed, startedAt: this.ctx.now(), check: idsCheck(ids), answers: ids.map(() => '') };
    this.state = { ...this.state, current };
    this.save();
    this.attempt(current, ids, true);
  }

  private attempt(current: CurrentAttempt, ids: readonly string[], fresh: boolean): void {
    const L = this.lang;
    const questions = ids.map((qid) => findQuestion(this.ctx, qid)).filter((q): q is Question => q !== undefined);
    const sheet = answerSheet(questions, current, this.ctx, this.test.shuffleChoices, (answers) => {
      this.state = { ...this.state, current: { ...current, answers: [...answers] } };
      this.save();
    });
    this.shown = { questions, views: sheet.views };
    const alert = h('div', { class: 'bd-alert', tabindex: '-1' });
    const submit = h('button', { type: 'button' }, t(L, 'submit'));
    const finish = (timedOut: boolean): void => {
      if (this.timer !== undefined) clearInterval(this.timer);
      this.timer = undefined;
      const responses = questions.map((q, i) => (sheet.answers[i] ? decodeResponse(q, sheet.answers[i]) : undefined));
      this.submit(current, questions, responses, sheet.changedAt.map((c) => c - sheet.shownAt), timedOut);
    };
    let confirmed = false;
    submit.addEventListener('click', () => {
      const ready = readyToSubmit(questions, sheet, alert, this.ctx, confirmed);
      if (ready === 'confirm-missing') confirmed = true;
      if (ready === 'ready') finish(false);
    });
    const status = h('div', { class: 'bd-status' }, sheet.progress);
    const limit = this.test.timeLimitSeconds;
    if (limit && this.graded) {
      const clock = countdown(limit, current.startedAt, this.ctx, () => finish(true));
      status.append(clock.el);
      // Resumed after the time ran out: the attempt is submitted and its result shown instead.
      if (!clock.tick()) return;
      this.timer = setInterval(() => clock.tick(), 1000);
    }
    const heading = h('h3', { tabindex: '-1' }, this.title());
    this.el.replaceChildren(heading, status, sheet.list, alert, h('div', { class: 'bd-actions' }, submit));
    if (fresh) heading.focus();
  }

  private submit(current: CurrentAttempt, questions: readonly Question[], responses: readonly (Response | undefined)[], latencies: readonly number[], timedOut: boolean): void {
    const L = this.lang;
    this.shown = { questions: [], views: [] };
    const score = scoreAttempt(questions, responses, this.test.pass, this.ctx.data.gradeBands);
    const band = score.gradeBand;
    const now = this.ctx.now();
    if (this.graded) this.record(current, questions, responses, latencies, score, now);
    const left = this.graded ? attemptsLeft(this.state, this.test.attempts) : Infinity;
    const showCorrect = reviewAllowed(this.test.review, score.passed, left);
    const bandName = band ? pickText(band.name, L) : '';
    const percent = this.ctx.marksAsPercent ? ` (${formatPercent(score.mark * 10, L, 2)})` : '';
    const summary = `${t(L, 'mark')}: ${formatMark(L, score.mark)}/10${percent}${bandName ? ` · ${t(L, 'band')}: ${bandName}` : ''} · ${t(L, score.passed ? 'passed' : 'failed')}`;
    const heading = h('h3', { tabindex: '-1' }, `${t(L, 'result')}: ${this.title()}`);
    const parts: Node[] = [heading];
    if (timedOut) parts.push(h('p', {}, t(L, 'timeUp')));
    // What the LMS did not take of a long typed answer, said plainly whatever the review mode.
    const cuts = this.graded
      ? questions
          .map((q, i) => ({ n: i + 1, note: sentNote(L, q, responses[i], this.ctx.responseLimit?.(interactionType(q))) }))
          .filter((c): c is { n: number; note: string } => c.note !== undefined)
      : [];
    if (cuts.length > 0) parts.push(h('ul', { class: 'bd-sent-notes' }, ...cuts.map((c) => h('li', {}, `${t(L, 'question')} ${c.n}: ${c.note}`))));
    parts.push(h('p', { class: 'bd-summary', 'data-mark': String(score.mark), 'data-passed': String(score.passed), 'data-band': band?.id ?? '' }, summary));
    // Unlimited attempts never reach a "last" one: say plainly that answers stay hidden.
    const hidden = this.test.review === 'never' || (this.test.review === 'after-last-attempt' && left === Infinity);
    if (hidden) parts.push(h('p', {}, t(L, 'reviewHidden')));
    else if (!showCorrect) parts.push(h('p', {}, t(L, this.test.review === 'after-pass' ? 'reviewAfterPass' : 'reviewAfterLast')));
    const review = this.reviewList(current, questions, responses, showCorrect);
    if (review.childElementCount > 0) parts.push(review);
    if (left > 0) {
      // The button says how many attempts remain, so a retry is never a surprise.
      const again = h('button', { type: 'button', class: 'bd-secondary' }, left === Infinity ? t(L, 'retry') : t(L, 'retryLeft', { n: left }));
      again.addEventListener('click', () => this.begin());
      parts.push(h('div', { class: 'bd-actions' }, again));
    } else parts.push(h('p', { class: 'bd-no-attempts' }, t(L, 'noAttemptsLeft')));
    this.el.replaceChildren(...parts);
    heading.focus();
    this.ctx.announce(summary);
  }

  /** Every interaction, the test's outcome and the new attempt state, for the LMS or LRS. */
  private record(current: CurrentAttempt, questions: readonly Question[], responses: readonly (Response | undefined)[], latencies: readonly number[], score: AttemptScore, now: number): void {
    const attemptNo = this.state.used + 1;
    const testActivity = `${this.ctx.data.course.activityId}/tests/${this.test.id}`;
    questions.forEach((q, i) => {
      this.ctx.record(
        interactionRecord(q, responses[i], {
          id: `${this.test.id}.${q.id}`,
          activityId: questionActivityId(this.ctx, q.id),
          parentActivityId: testActivity,
          latencyMs: isAnswered(responses[i]) ? (latencies[i] ?? 0) : 0,
          timestamp: isoNow(now),
          extensions: { [EXT.attempt]: attemptNo },
        }),
      );
    });
    this.ctx.reportOutcome(
      testOutcome(this.test, score, {
        activityId: testActivity,
        title: { [this.ctx.data.module.language]: this.title() },
        attempt: attemptNo,
        durationMs: now - current.startedAt,
      }),
    );
    const best = Math.max(this.state.best ?? 0, score.mark);
    this.state = { used: attemptNo, best, last: { mark: score.mark, passed: score.passed } };
    this.save();
  }

  /** The questions again, locked, with the learner's answers and, when allowed, the right ones. */
  private reviewList(current: CurrentAttempt, questions: readonly Question[], responses: readonly (Response | undefined)[], showCorrect: boolean): HTMLElement {
    const L = this.lang;
    const review = h('ol', { class: 'bd-questions' });
    questions.forEach((q, i) => {
      if (this.test.review === 'never') return;
      const view = renderQuestion(q, {
        lang: L,
        heading: h('h4', { class: 'bd-qhead' }, t(L, 'questionOf', { n: i + 1, of: questions.length })),
        order: displayOrder(q, current.seed, this.test.shuffleChoices),
        announce: () => undefined,
        onChange: () => undefined,
      });
      view.write(responses[i]);
      view.lock();
      view.review(showCorrect);
      const item = h('li', {}, view.el);
      if (showCorrect) item.append(feedbackFor(q, responses[i], L, true).el);
      else if (!isAnswered(responses[i])) item.append(h('p', {}, t(L, 'notAnswered')));
      review.append(item);
    });
    return review;
  }
}
