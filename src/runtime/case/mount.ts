/**
 * The case player: the learner walks the scenes, sees each choice's consequence and an
 * experienced cadre's advice, answers reflections, and gets a mark at an end scene.
 * All rules live in core/case (a pure state machine); this file only draws and records.
 */
import {
  exploreCase,
  markOf,
  type CaseStudy,
  type Reflection,
  type Scene,
  caseOutcome,
  decisionRecord,
  REFLECTION_LIMIT_2004,
  reflectionRecord,
  packCaseState,
  unpackCaseState,
  type CaseState,
  availableChoices,
  backInCase,
  caseScene,
  chooseInCase,
  lastCaseChoice,
  replayCase,
  startCaseWalk,
  walkLetters,
  type CaseWalk,
  gradeBandFor,
  EPSILON,
} from '../../core/index.js';
import { escapeText, responseLine, unescapeText } from '../../core/quiz/index.js';
import { fittingStart, textCounter } from '../quiz/index.js';
import type { MountComponent, RuntimeContext } from '../context.js';
import { ct, formatNumber, outcomeName, signed } from './strings.js';
import { authored, h, uid } from '../dom.js';
import { ensureCaseStyles } from './style.js';

import { CASE_STATE_KEY as STATE_KEY } from './owes.js';

/** A sent reflection's text in the resume state: its escaped start and the whole text's length. */
interface KeptText {
  readonly s: string;
  readonly n: number;
}

const textKey = (reflectionId: string): string => `text:${reflectionId}`;

type Focus = 'scene' | 'result' | 'end' | 'none';

class CasePlayer {
  private state: CaseState;
  private walk: CaseWalk;
  /** Points of the best walk: from the package, or searched here for packages built without it. */
  private readonly best: number | undefined;
  private readonly grading: boolean;
  private sessionStart: number;
  private sceneShownAt: number;
  private readonly lang: 'vi' | 'en';

  constructor(
    private readonly el: HTMLElement,
    private readonly cs: CaseStudy,
    private readonly ctx: RuntimeContext,
  ) {
    this.lang = ctx.lang;
    this.grading = ctx.mode === 'normal';
    this.best = cs.maxPoints ?? exploreCase(cs).best;
    this.state = unpackCaseState(ctx.loadState(STATE_KEY));
    const { walk, applied } = replayCase(cs, this.state.letters);
    this.walk = walk;
    // Content changed since the learner left: keep the part of the walk that still applies.
    if (applied < this.state.letters.length) this.state = { ...this.state, letters: walkLetters(walk), reported: false };
    this.sessionStart = ctx.now();
    this.sceneShownAt = this.sessionStart;
  }

  start(): void {
    this.render('none');
    // A walk that reached its end before a crash, but whose outcome never got out, is reported now.
    if (this.walk.ended && !this.state.reported) this.finish();
  }

  private elapsed(): number {
    const now = this.ctx.now();
    const total = this.state.elapsedMs + Math.max(0, now - this.sessionStart);
    this.sessionStart = now;
    return total;
  }

  private persist(patch: Partial<CaseState>): void {
    this.state = { ...this.state, ...patch, letters: walkLetters(this.walk), elapsedMs: this.elapsed() };
    if (this.grading) this.ctx.saveState(STATE_KEY, packCaseState(this.state));
  }

  private choose(letter: string): void {
    const offered = availableChoices(this.cs, this.walk);
    const from = this.walk.scene;
    const next = chooseInCase(this.cs, this.walk, letter);
    if (!next) return;
    const now = this.ctx.now();
    this.walk = next;
    const step = next.steps[next.steps.length - 1]!;
    if (this.grading) {
      this.ctx.record(
        decisionRecord(this.cs, from, step, {
          courseActivityId: this.ctx.data.course.activityId,
          offered,
          latencyMs: now - this.sceneShownAt,
          timestamp: new Date(now).toISOString(),
          path: next.path,
          score: next.score,
        }),
      );
    }
    this.persist({});
    const chosen = lastCaseChoice(this.cs, next);
    this.ctx.announce(ct(this.lang, 'chosenAnnounce', { c: chosen?.labelText ?? '', s: next.scene.title }));
    this.render('result');
    if (next.ended) this.finish();
  }

  private finish(): void {
    if (!this.grading || this.state.reported) return;
    const best = this.best ?? 0;
    const mark = markOf(this.walk.score, this.best);
    const band = gradeBandFor(this.ctx.data.gradeBands, mark);
    const durationMs = this.elapsed();
    this.ctx.reportOutcome(
      caseOutcome(this.cs, {
        courseActivityId: this.ctx.data.course.activityId,
        mark,
        score: this.walk.score,
        best,
        passMark: this.ctx.data.module.pass,
        ...(band ? { gradeBand: band.id } : {}),
        durationMs,
        path: this.walk.path,
        outcome: this.walk.scene.outcome,
        backs: this.state.backs,
      }),
    );
    this.state = { ...this.state, elapsedMs: durationMs };
    this.persist({ reported: true });
  }

  private goBack(): void {
    const previous = backInCase(this.cs, this.walk);
    if (!previous || !this.cs.allowBack) return;
    this.walk = previous;
    this.persist({ backs: this.state.backs + 1, reported: false });
    this.ctx.announce(ct(this.lang, 'backAnnounce', { s: previous.scene.title }));
    this.render('scene');
  }

  private restart(): void {
    if (!this.cs.allowBack) return;
    this.walk = startCaseWalk(this.cs);
    for (const id of this.state.reflections) this.ctx.saveState(textKey(id), undefined);
    this.persist({ backs: this.state.backs + 1, reported: false, reflections: [] });
    this.ctx.announce(ct(this.lang, 'backAnnounce', { s: this.walk.scene.title }));
    this.render('scene');
  }

  private sendReflection(scene: Scene, reflection: Reflection, answer: string): boolean {
    if (answer.trim() === '') return false;
    const now = this.ctx.now();
    if (this.grading) {
      this.ctx.record(
        reflectionRecord(this.cs, scene, reflection, answer, {
          courseActivityId: this.ctx.data.course.activityId,
          latencyMs: now - this.sceneShownAt,
          timestamp: new Date(now).toISOString(),
          path: this.walk.path,
        }),
      );
    }
    this.persist({ reflections: [...this.state.reflections.filter((r) => r !== reflection.id), reflection.id] });
    // After the walk's own state: the text takes only the room that leaves.
    if (this.grading) this.keepText(reflection.id, answer);
    // The module may have waited for this reflection to be complete.
    this.ctx.workChanged?.();
    return true;
  }

  /**
   * A sent reflection's text, kept in the resume state so a relaunch shows what was sent: as much
   * of it as the LMS's limit leaves room for (the LMS has the whole text in the interaction).
   */
  private keepText(id: string, answer: string): void {
    const value = (escaped: string): KeptText => ({ s: escaped, n: answer.length });
    const fits = this.ctx.fitsState;
    if (!fits) return this.ctx.saveState(textKey(id), value(escapeText(answer)));
    const fit = fittingStart(answer, (escaped) => fits(textKey(id), value(escaped)));
    this.ctx.saveState(textKey(id), fit.kept > 0 ? value(fit.escaped) : undefined);
  }

  private keptText(id: string): { text: string; length: number } | undefined {
    const kept = this.ctx.loadState<Partial<KeptText>>(textKey(id));
    if (!kept || typeof kept.s !== 'string' || typeof kept.n !== 'number') return undefined;
    return { text: unescapeText(kept.s), length: kept.n };
  }

  // ---- drawing -------------------------------------------------------------------------------

  private render(focus: Focus): void {
    const lang = this.lang;
    const titleId = uid('bd-case-title');
    const section = h('section', { class: 'bd-case-body', 'aria-labelledby': titleId });
    section.append(authored('h3', this.cs.titleHtml ?? escapeHtml(this.cs.title), { id: titleId }));
    if (!this.grading) section.append(h('p', { class: 'bd-note' }, ct(lang, 'notGraded')));
    if (this.cs.situationHtml) {
      const details = h('details', { class: 'bd-case-situation' }, h('summary', {}, ct(lang, 'situation')), authored('div', this.cs.situationHtml));
      details.open = this.walk.steps.length === 0;
      section.append(details);
    }
    if (this.walk.path.length > 1) {
      const path = h('ol', { class: 'bd-case-path', 'aria-label': ct(lang, 'path') });
      for (const id of this.walk.path) path.append(h('li', {}, caseScene(this.cs, id)?.title ?? id));
      section.append(path);
    }
    const result = this.renderResult();
    if (result) section.append(result);
    const scene = this.renderScene();
    section.append(scene.el);
    const actions = h('div', { class: 'bd-actions' });
    if (this.cs.allowBack && this.walk.steps.length > 0) {
      const back = h('button', { type: 'button', class: 'bd-secondary' }, ct(lang, 'back'));
      back.addEventListener('click', () => this.goBack());
      actions.append(back);
      if (this.walk.ended) {
        const again = h('button', { type: 'button', class: 'bd-secondary' }, ct(lang, 'restart'));
        again.addEventListener('click', () => this.restart());
        actions.append(again);
      }
    }
    if (actions.childElementCount > 0) section.append(actions);
    this.el.replaceChildren(section);
    this.sceneShownAt = this.ctx.now();
    const target = focus === 'result' ? (result ?? scene.heading) : focus === 'scene' ? scene.heading : undefined;
    target?.focus();
  }

  /** The last decision: what the learner chose, its consequence, points and advice. */
  private renderResult(): HTMLElement | undefined {
    const step = this.walk.steps[this.walk.steps.length - 1];
    const choice = lastCaseChoice(this.cs, this.walk);
    if (!step || !choice) return undefined;
    const lang = this.lang;
    const tone = step.points > 0 ? ' bd-plus' : step.points < 0 ? ' bd-minus' : '';
    const box = h('div', { class: `bd-case-result${tone}`, tabindex: '-1' });
    const chose = h('p', {}, h('strong', {}, `${ct(lang, 'youChose')}: `));
    chose.append(authored('span', choice.labelHtml), ` (${ct(lang, 'points', { p: signed(lang, step.points) })})`);
    box.append(chose);
    if (choice.consequenceHtml) box.append(h('p', {}, h('strong', {}, `${ct(lang, 'consequence')}:`)), authored('div', choice.consequenceHtml));
    if (choice.feedbackHtml) {
      const advice = h('div', { class: 'bd-case-advice' }, h('strong', {}, `${ct(lang, 'advice')}: `));
      advice.append(authored('div', choice.feedbackHtml));
      box.append(advice);
    }
    return box;
  }

  private renderScene(): { el: HTMLElement; heading: HTMLElement } {
    const lang = this.lang;
    const scene = this.walk.scene;
    const el = h('div', { class: 'bd-case-scene', 'data-scene': scene.id });
    const heading = h('h4', { tabindex: '-1' }, `${ct(lang, 'scene', { n: this.walk.path.length })}: ${scene.title}`);
    el.append(heading);
    if (scene.html) el.append(authored('div', scene.html));
    if (!this.walk.ended) {
      const options = availableChoices(this.cs, this.walk);
      if (options.length === 0) el.append(h('p', { role: 'alert' }, ct(lang, 'stuck')));
      else {
        const askId = uid('bd-case-ask');
        el.append(h('p', { id: askId }, h('strong', {}, ct(lang, 'choose'))));
        const list = h('ul', { class: 'bd-case-choices', 'aria-labelledby': askId });
        for (const c of options) {
          const button = authored('button', c.labelHtml, { type: 'button', 'data-choice': c.id });
          button.addEventListener('click', () => this.choose(c.id));
          list.append(h('li', {}, button));
        }
        el.append(list);
      }
    }
    // The outcome first, then the questions that ask the learner to reflect on it.
    if (this.walk.ended) el.append(this.renderEnd());
    for (const r of scene.reflections) el.append(this.renderReflection(scene, r));
    return { el, heading };
  }

  private renderReflection(scene: Scene, r: Reflection): HTMLElement {
    const lang = this.lang;
    const box = h('div', { class: 'bd-case-reflection', 'data-reflection': r.id });
    const fieldId = uid('bd-case-reflect');
    const hintId = uid('bd-case-hint');
    const label = h('label', { for: fieldId }, `${ct(lang, 'reflection')}: `);
    label.append(authored('span', r.promptHtml));
    const sent = this.state.reflections.includes(r.id);
    // At the end scene the reflection is what completes the module: say so before it is sent.
    const required = this.grading && this.walk.ended && this.cs.weight > 0;
    const status = h('p', { class: 'bd-note', id: hintId }, ct(lang, sent ? 'sent' : required ? 'reflectionRequired' : 'reflectionHint'));
    const field = h('textarea', { id: fieldId, 'aria-describedby': hintId, maxlength: String(REFLECTION_LIMIT_2004) });
    // A reflection goes as one line with its spaces collapsed, as a fill-in answer does.
    const keep = this.grading ? this.ctx.responseLimit?.('long-fill-in') : undefined;
    const counter = textCounter('fill', field, REFLECTION_LIMIT_2004, { lang, announce: (m) => this.ctx.announce(m), keep });
    field.setAttribute('aria-describedby', `${hintId} ${counter.id}`);
    field.addEventListener('input', () => counter.update(true));
    const send = h('button', { type: 'button' }, ct(lang, 'send'));
    // A sent reflection is final, as a sent answer is: the text stays readable, the button says so.
    const lock = (): void => {
      field.readOnly = true;
      send.setAttribute('aria-disabled', 'true');
      send.textContent = ct(lang, 'sentButton');
    };
    if (sent && this.grading) {
      lock();
      // After a relaunch: the text as sent, or as much as was kept, or a word that it went.
      const kept = this.keptText(r.id);
      if (kept) field.value = kept.text;
      const note = !kept ? ct(lang, 'sentEarlier') : kept.text.length < kept.length ? ct(lang, 'keptStart', { kept: formatNumber(lang, kept.text.length), n: formatNumber(lang, kept.length) }) : undefined;
      if (note) status.textContent = `${status.textContent} ${note}`;
      if (!kept) field.hidden = true;
      counter.update(false);
    }
    send.addEventListener('click', () => {
      if (send.getAttribute('aria-disabled') === 'true') {
        status.textContent = ct(lang, 'alreadySent');
        this.ctx.announce(ct(lang, 'alreadySent'));
        return;
      }
      if (!this.sendReflection(scene, r, field.value)) {
        status.textContent = ct(lang, 'empty');
        field.focus();
        this.ctx.announce(ct(lang, 'empty'));
        return;
      }
      // Say plainly when the LMS keeps only the start of the reflection (SCORM 1.2: 255).
      const length = responseLine('fill', field.value).length;
      const cut = keep !== undefined && length > keep ? ` ${ct(lang, 'sentPart', { kept: formatNumber(lang, keep), n: formatNumber(lang, length), cut: formatNumber(lang, length - keep) })}` : '';
      status.textContent = ct(lang, 'sent') + cut;
      this.ctx.announce(ct(lang, 'sent') + cut);
      if (this.grading) lock();
    });
    box.append(label, field, ...counter.nodes, status, h('div', { class: 'bd-actions' }, send));
    return box;
  }

  private renderEnd(): HTMLElement {
    const lang = this.lang;
    const box = h('div', { class: 'bd-case-end', role: 'group', 'aria-label': ct(lang, 'ended') });
    const outcome = this.walk.scene.outcome;
    if (outcome) box.append(h('p', { 'data-outcome': outcome }, h('strong', {}, `${ct(lang, 'outcome')}: `), outcomeName(lang, outcome)));
    if (this.grading) {
      const mark = markOf(this.walk.score, this.best);
      const passed = mark >= this.ctx.data.module.pass - EPSILON;
      const band = gradeBandFor(this.ctx.data.gradeBands, mark);
      const line = h('p', { class: 'bd-case-mark' }, `${ct(lang, 'mark', { m: formatNumber(lang, mark) })} — ${ct(lang, passed ? 'passed' : 'failed')}`);
      if (band) line.append(`. ${ct(lang, 'band')}: ${band.name[lang] ?? band.name['vi'] ?? band.id}`);
      box.append(line);
    }
    return box;
  }
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export const mountCase: MountComponent = (el, id, ctx) => {
  ensureCaseStyles();
  el.classList.add('bd-case');
  const cs = ctx.data.cases.find((c) => c.id === id);
  if (!cs || cs.scenes.length === 0) {
    el.replaceChildren(h('p', { role: 'alert' }, ct(ctx.lang, 'missing', { id })));
    return;
  }
  new CasePlayer(el, cs, ctx).start();
};
