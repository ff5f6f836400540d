/**
 * One question's controls: radio buttons, checkboxes, a text field, selects for matching,
 * up/down buttons for ordering. Reads and writes the learner's Response, and shows the review.
 */
import type { Question, QuestionKind, QuestionOf, Response } from '../../core/index.js';
import { correctPatterns, responseLine, maxTextLength } from '../../core/quiz/index.js';
import { authored, h, uid } from '../dom.js';
import { formatMark, t } from './strings.js';

export interface QuestionView {
  readonly el: HTMLElement;
  read(): Response | undefined;
  write(r: Response | undefined): void;
  lock(): void;
  /** Mark chosen and correct options; `showCorrect` false shows only what the learner chose. */
  review(showCorrect: boolean): void;
  /** Fill-in and essay: a note under the answer (what the resume state keeps); undefined clears it. */
  textNote?(message: string | undefined): void;
}

export interface ViewOptions {
  readonly lang: 'vi' | 'en';
  /** Display order of choices / steps / matching targets (from displayOrder). */
  readonly order: readonly string[];
  /** Called on every change the learner makes. */
  readonly onChange: () => void;
  /** Announces a message to screen readers (ordering moves). */
  readonly announce: (message: string) => void;
  /** A heading or label shown before the prompt ("Câu 3 (1 điểm)"). */
  readonly heading?: HTMLElement;
  /** Characters of a typed answer the LMS keeps (SCORM 1.2: 255); undefined: all of it. */
  readonly keep?: number | undefined;
}

function byOrder<T extends { id: string }>(items: readonly T[], order: readonly string[]): T[] {
  const map = new Map(items.map((i) => [i.id, i]));
  const out = order.map((id) => map.get(id)).filter((x): x is T => x !== undefined);
  for (const i of items) if (!order.includes(i.id)) out.push(i);
  return out;
}

function tag(text: string, cls: string): HTMLElement {
  return h('span', { class: `bd-tag ${cls}` }, `(${text})`);
}

/** What every kind's view starts from: the fieldset with its heading and prompt. */
interface Frame {
  readonly field: HTMLFieldSetElement;
  readonly promptId: string;
  /** Every control the learner can use, so `lock` can disable them all. */
  readonly controls: (HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | HTMLButtonElement)[];
}

type KindView<K extends QuestionKind> = (q: QuestionOf<K>, o: ViewOptions, frame: Frame) => QuestionView;

const VIEWS: { readonly [K in QuestionKind]: KindView<K> } = {
  single: choiceView,
  multiple: choiceView,
  truefalse: choiceView,
  fill: typedView,
  numeric: typedView,
  essay: typedView,
  matching: matchingView,
  ordering: orderingView,
};

export function renderQuestion(q: Question, o: ViewOptions): QuestionView {
  const promptId = uid('bd-prompt');
  const prompt = authored('div', q.promptHtml, { id: promptId, class: 'bd-prompt' });
  const field = h('fieldset', { 'aria-labelledby': promptId, 'data-question': q.id });
  if (o.heading) field.append(o.heading);
  field.append(prompt);
  // TypeScript cannot tie q.kind to its entry's parameter; the mapped type checks each entry.
  const view = VIEWS[q.kind] as KindView<QuestionKind>;
  return view(q, o, { field, promptId, controls: [] });
}

/** Radio buttons (single, true/false) or checkboxes (multiple). */
function choiceView(q: QuestionOf<'single' | 'multiple' | 'truefalse'>, o: ViewOptions, { field, promptId, controls }: Frame): QuestionView {
  const name = uid('bd-choice');
  // Divs, not a list: a radiogroup role on <ul> would orphan its <li> items.
  const list = h('div', { class: 'bd-options', role: q.kind === 'multiple' ? 'group' : 'radiogroup', 'aria-labelledby': promptId });
  const inputs = new Map<string, HTMLInputElement>();
  for (const c of byOrder(q.choices, o.order)) {
    const input = h('input', { type: q.kind === 'multiple' ? 'checkbox' : 'radio', name, value: c.id });
    input.addEventListener('change', o.onChange);
    inputs.set(c.id, input);
    controls.push(input);
    const label = h('label', { class: 'bd-option', 'data-choice': c.id }, input, authored('span', c.html));
    list.append(h('div', { class: 'bd-option-row' }, label));
  }
  field.append(list);
  const picked = (): string[] => [...inputs].filter(([, i]) => i.checked).map(([id]) => id);
  return {
    el: field,
    read: () => (picked().length > 0 ? { kind: 'choice', choices: picked() } : undefined),
    write: (r) => {
      for (const [id, i] of inputs) i.checked = r?.kind === 'choice' && r.choices.includes(id);
    },
    lock: () => controls.forEach((c) => (c.disabled = true)),
    review: (showCorrect) => {
      for (const c of q.choices) {
        const label = list.querySelector(`[data-choice="${c.id}"]`);
        if (!label) continue;
        if (inputs.get(c.id)?.checked) label.append(tag(t(o.lang, 'youChose'), 'bd-chosen'));
        if (showCorrect && c.correct) label.append(tag(t(o.lang, 'rightAnswer'), 'bd-right'));
      }
    },
  };
}

/** A text field (fill-in, numeric) or a text area (essay). */
function typedView(q: QuestionOf<'fill' | 'numeric' | 'essay'>, o: ViewOptions, { field, promptId, controls }: Frame): QuestionView {
  const id = uid('bd-answer');
  const label = h('label', { for: id }, t(o.lang, 'yourAnswer'));
  const max = q.kind === 'numeric' ? undefined : maxTextLength(q);
  const limit = max !== undefined ? { maxlength: String(max) } : {};
  const input =
    q.kind === 'essay'
      ? h('textarea', { id, rows: '6', ...limit })
      : h('input', { id, type: 'text', autocomplete: 'off', spellcheck: 'false', inputmode: q.kind === 'numeric' ? 'decimal' : undefined, ...limit });
  input.setAttribute('aria-describedby', promptId);
  controls.push(input);
  field.append(label, input);
  const counter = q.kind === 'numeric' || max === undefined ? undefined : textCounter(q.kind, input, max, o);
  if (counter) {
    input.setAttribute('aria-describedby', `${promptId} ${counter.id}`);
    field.append(...counter.nodes);
  }
  input.addEventListener('input', () => {
    counter?.update(true);
    o.onChange();
  });
  const answerBox = h('p', { class: 'bd-answer-key' });
  return {
    el: field,
    read: () => (input.value.trim() === '' ? undefined : q.kind === 'numeric' ? { kind: 'number', text: input.value } : { kind: 'text', text: input.value }),
    write: (r) => {
      input.value = r?.kind === 'text' || r?.kind === 'number' ? r.text : '';
      counter?.update(false);
    },
    textNote: (message) => counter?.note(message),
    lock: () => controls.forEach((c) => (c.disabled = true)),
    review: (showCorrect) => {
      if (!showCorrect || q.kind === 'essay') return;
      const key = q.kind === 'fill' ? q.answers.join(' | ') : q.min === q.max ? String(q.min) : `${q.min} – ${q.max}`;
      answerBox.textContent = `${t(o.lang, 'rightAnswer')}: ${key}`;
      field.append(answerBox);
    },
  };
}

/** One select of targets per source. */
function matchingView(q: QuestionOf<'matching'>, o: ViewOptions, { field, controls }: Frame): QuestionView {
  const selects = new Map<string, HTMLSelectElement>();
  const targets = byOrder(q.targets, o.order);
  for (const s of q.sources) {
    const id = uid('bd-match');
    const select = h('select', { id }, h('option', { value: '' }, t(o.lang, 'choose')));
    for (const tg of targets) select.append(h('option', { value: tg.id }, tg.text));
    select.addEventListener('change', o.onChange);
    selects.set(s.id, select);
    controls.push(select);
    field.append(h('div', { class: 'bd-pair', 'data-source': s.id }, authored('label', s.html, { for: id }), select));
  }
  return {
    el: field,
    read: () => {
      const pairs: Record<string, string> = {};
      for (const [s, sel] of selects) if (sel.value) pairs[s] = sel.value;
      return Object.keys(pairs).length > 0 ? { kind: 'pairs', pairs } : undefined;
    },
    write: (r) => {
      for (const [s, sel] of selects) sel.value = r?.kind === 'pairs' ? (r.pairs[s] ?? '') : '';
    },
    lock: () => controls.forEach((c) => (c.disabled = true)),
    review: (showCorrect) => {
      if (!showCorrect) return;
      for (const [s, tg] of q.pairs) {
        const row = field.querySelector(`[data-source="${s}"]`);
        const text = q.targets.find((x) => x.id === tg)?.text ?? '';
        row?.append(h('span', { class: 'bd-tag bd-right' }, `${t(o.lang, 'rightAnswer')}: ${text}`));
      }
    },
  };
}

/** The steps as a list with up/down buttons; focus follows the moved step. */
function orderingView(q: QuestionOf<'ordering'>, o: ViewOptions, { field }: Frame): QuestionView {
  let order = byOrder(q.steps, o.order).map((s) => s.id);
  let touched = false;
  // How to reorder, keyboard included, read with the list by screen readers too.
  const help = h('p', { class: 'bd-order-help', id: uid('bd-order-help') }, t(o.lang, 'orderHelp'));
  const list = h('ol', { class: 'bd-options', 'aria-describedby': help.id });
  const draw = (focus?: { id: string; dir: 'up' | 'down' }): void => {
    list.replaceChildren();
    order.forEach((id, i) => {
      const step = q.steps.find((s) => s.id === id)!;
      const up = h('button', { type: 'button', class: 'bd-secondary', 'aria-label': `${t(o.lang, 'moveUp')}: ${step.text}`, 'data-move': 'up' }, '↑');
      const down = h('button', { type: 'button', class: 'bd-secondary', 'aria-label': `${t(o.lang, 'moveDown')}: ${step.text}`, 'data-move': 'down' }, '↓');
      up.disabled = i === 0 || locked;
      down.disabled = i === order.length - 1 || locked;
      const move = (d: -1 | 1): void => {
        const j = i + d;
        const next = [...order];
        [next[i], next[j]] = [next[j]!, next[i]!];
        order = next;
        touched = true;
        draw({ id, dir: d < 0 ? 'up' : 'down' });
        o.announce(`${step.text}: ${t(o.lang, 'movedTo')} ${j + 1}/${order.length}`);
        o.onChange();
      };
      up.addEventListener('click', () => move(-1));
      down.addEventListener('click', () => move(1));
      list.append(h('li', { class: 'bd-step', 'data-step': id }, authored('span', step.html), up, down));
    });
    if (focus) {
      // Keep focus on the moved step's button so keyboard users can keep moving it.
      const li = list.querySelector(`[data-step="${focus.id}"]`);
      const btn = li?.querySelector<HTMLButtonElement>(`[data-move="${focus.dir}"]`);
      (btn && !btn.disabled ? btn : li?.querySelector<HTMLButtonElement>('button:not([disabled])'))?.focus();
    }
  };
  let locked = false;
  draw();
  field.append(help, list);
  return {
    el: field,
    read: () => (touched ? { kind: 'order', steps: order } : undefined),
    write: (r) => {
      if (r?.kind === 'order' && r.steps.length === q.steps.length) {
        order = [...r.steps];
        touched = true;
        draw();
      }
    },
    lock: () => {
      locked = true;
      help.hidden = true;
      draw();
    },
    review: (showCorrect) => {
      if (!showCorrect) return;
      const right = correctPatterns(q).scorm12[0] ?? '';
      const text = right
        .split(',')
        .map((id) => q.steps.find((s) => s.id === id)?.text ?? id)
        .join(' → ');
      field.append(h('p', { class: 'bd-answer-key' }, `${t(o.lang, 'rightAnswer')}: ${text}`));
    },
  };
}

/**
 * The visible count under a typed answer ("120/4.000 ký tự"), the LMS's own limit when it keeps
 * less than the learner may type, and a slot for what the resume state keeps. `kind` says how
 * the answer becomes one line for SCORM: spaces collapsed (fill-in, reflections) or paragraphs
 * joined (essay).
 */
export function textCounter(
  kind: 'fill' | 'essay',
  input: HTMLInputElement | HTMLTextAreaElement,
  max: number,
  o: Pick<ViewOptions, 'lang' | 'announce' | 'keep'>,
): { id: string; nodes: HTMLElement[]; update(fromTyping: boolean): void; note(message: string | undefined): void } {
  const id = uid('bd-count');
  const count = h('p', { class: 'bd-count', id, 'aria-live': 'off' });
  const lms = h('p', { class: 'bd-text-note bd-lms-keeps' });
  const resume = h('p', { class: 'bd-text-note bd-resume-keeps' });
  lms.hidden = true;
  resume.hidden = true;
  let atMax = false;
  const update = (fromTyping: boolean): void => {
    const n = input.value.length;
    count.textContent = t(o.lang, 'charCount', { n: formatMark(o.lang, n), max: formatMark(o.lang, max) });
    // Said once when the field stops taking characters, not on every key.
    if (n >= max && !atMax && fromTyping) o.announce(t(o.lang, 'atMax', { max: formatMark(o.lang, max) }));
    atMax = n >= max;
    const sent = responseLine(kind, input.value).length;
    const cut = o.keep === undefined ? 0 : sent - o.keep;
    lms.hidden = cut <= 0;
    if (cut > 0) lms.textContent = t(o.lang, 'lmsKeeps', { keep: formatMark(o.lang, o.keep!), cut: formatMark(o.lang, cut) });
  };
  update(false);
  return {
    id,
    nodes: [count, lms, resume],
    update,
    note: (message) => {
      resume.hidden = message === undefined;
      resume.textContent = message ?? '';
    },
  };
}
