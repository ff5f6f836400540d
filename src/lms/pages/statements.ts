/**
 * The live statement viewer: newest first, filtered by learner, course and verb, read like a
 * record: names instead of IRIs, answers as the trainee saw them, a mark only where the result
 * carries one, times as dd/mm/yyyy HH:mm in Vietnam time.
 */
import { CMI_INTERACTION, EXT, formatDateTime, formatDuration, formatMark, verbFor, type Verb } from '../../core/index.js';
import type { ActivityLookup } from './activities.js';
import { answerHtml, longText } from './answer.js';
import { esc, t, type UiLang } from './strings.js';

export interface StatementFilter {
  readonly learner?: string;
  readonly course?: string;
  readonly verb?: string;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const objectOf = (v: unknown): Json => (isObject(v) ? v : {});

/** A language map's text for the UI language: that language, any of its regions, Vietnamese, then any. */
function display(m: unknown, lang: UiLang): string {
  if (!isObject(m)) return '';
  const entries = Object.entries(m).filter((e): e is [string, string] => typeof e[1] === 'string');
  const exact = entries.find(([k]) => k.toLowerCase() === lang);
  const region = entries.find(([k]) => k.toLowerCase().startsWith(`${lang}-`));
  const vi = entries.find(([k]) => k.toLowerCase() === 'vi' || k.toLowerCase().startsWith('vi-'));
  return (exact ?? region ?? vi ?? entries[0])?.[1] ?? '';
}

/** A statement's string field as text (a validated statement has no other kind there). */
const textOf = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** The verb's name: its own display, else ours for a verb we know, else the IRI's last word. */
export function verbName(verb: unknown, lang: UiLang): string {
  const v = objectOf(verb);
  const id = textOf(v['id']);
  return display(v['display'], lang) || display(verbFor(id).display, lang) || id;
}

/** Definitions listing their components can be read as they are; others borrow the content's. */
const COMPONENT_LISTS = ['choices', 'source', 'target', 'steps', 'scale'] as const;

function definitionFor(object: Json, lookup: ActivityLookup): unknown {
  const own = objectOf(object['definition']);
  if (COMPONENT_LISTS.some((k) => Array.isArray(own[k]))) return own;
  return lookup.definition(textOf(object['id'])) ?? own;
}

/** The mark on the 10-point scale the result carries, if any: ours (mark-10), else score.scaled. */
function markOf(result: Json): number | undefined {
  const ext = objectOf(result['extensions'])[EXT.mark10];
  if (typeof ext === 'number') return ext;
  const scaled = objectOf(result['score'])['scaled'];
  return typeof scaled === 'number' ? Math.round(scaled * 1000) / 100 : undefined;
}

function resultHtml(s: Json, object: Json, lookup: ActivityLookup, lang: UiLang): string {
  const result = objectOf(s['result']);
  const def = objectOf(object['definition']);
  const interaction = def['type'] === CMI_INTERACTION || typeof def['interactionType'] === 'string';
  const parts: string[] = [];
  if (typeof result['response'] === 'string') {
    const answer = interaction ? answerHtml(definitionFor(object, lookup), result['response'], lang) : longText(result['response'], lang);
    parts.push(`<div class="answer"><span class="label">${t('answer', lang)}:</span> ${answer}</div>`);
  }
  if (typeof result['success'] === 'boolean') {
    const word = interaction ? (result['success'] ? 'rightAnswer' : 'wrongAnswer') : result['success'] ? 'passed' : 'failed';
    parts.push(`<div class="${result['success'] ? 'status-passed' : 'status-failed'}">${t(word, lang)}</div>`);
  }
  // A question's score is its points, not a mark: a knowledge check answered wrong is not "0/10".
  const mark = interaction ? undefined : markOf(result);
  if (mark !== undefined) parts.push(`<div class="mark">${t('markLabel', lang)}: ${esc(formatMark(mark, lang))}/10</div>`);
  if (typeof result['duration'] === 'string') parts.push(`<div class="meta">${t('durationLabel', lang)}: ${esc(formatDuration(result['duration'], lang))}</div>`);
  return parts.join('');
}

/** Names that statements in the list give to activities, for the ones that carry none (launched). */
function namesInList(statements: readonly Json[], lang: UiLang): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of statements) {
    const object = objectOf(s['object']);
    const name = display(objectOf(object['definition'])['name'], lang);
    if (name && !out.has(textOf(object['id']))) out.set(textOf(object['id']), name);
  }
  return out;
}

function row(s: Json, lang: UiLang, lookup: ActivityLookup, seen: Map<string, string>): string {
  const actor = objectOf(s['actor']);
  const account = objectOf(actor['account']);
  const verb = objectOf(s['verb']);
  const object = objectOf(s['object']);
  const objectId = textOf(object['id']);
  const def = objectOf(object['definition']);
  const name = display(def['name'], lang) || lookup.name(objectId) || seen.get(objectId) || display(def['description'], lang) || objectId;
  const timestamp = textOf(s['timestamp']);
  const cell = (key: 'time' | 'learner' | 'verb' | 'object' | 'result', html: string, title?: string): string =>
    `<td data-label="${t(key, lang)}"${title !== undefined ? ` title="${esc(title)}"` : ''}>${html}</td>`;
  return `<tr>${cell('time', `<time datetime="${esc(timestamp)}">${esc(formatDateTime(timestamp, lang))}</time>`)}${cell(
    'learner',
    esc(textOf(actor['name'] ?? account['name'])),
  )}${cell('verb', esc(verbName(verb, lang)), textOf(verb['id']))}${cell('object', longText(name, lang, 'object-name'), objectId)}${cell(
    'result',
    resultHtml(s, object, lookup, lang),
  )}</tr>`;
}

export function statementsPage(
  statements: readonly Json[],
  filter: StatementFilter,
  choices: { learners: readonly { id: string; name: string }[]; courses: readonly { id: string; title: string }[]; verbs: readonly Verb[] },
  lookup: ActivityLookup,
  lang: UiLang,
): string {
  const select = (name: string, label: string, options: readonly [string, string][], current: string | undefined): string =>
    `<label for="f-${name}">${label}</label><select id="f-${name}" name="${name}"><option value="">${t('all', lang)}</option>${options
      .map(([v, l]) => `<option value="${esc(v)}"${v === current ? ' selected' : ''}>${esc(l)}</option>`)
      .join('')}</select>`;
  const form = `<form class="inline card" method="get" action="/statements">
${select('learner', t('learner', lang), choices.learners.map((l) => [l.id, l.name]), filter.learner)}
${select('course', t('course', lang), choices.courses.map((c) => [c.id, c.title]), filter.course)}
${select('verb', t('verb', lang), choices.verbs.map((v) => [v.id, verbName(v, lang)]), filter.verb)}
<button type="submit">${t('filter', lang)}</button></form>`;
  const seen = namesInList(statements, lang);
  const body = statements.length
    ? `<div class="wrap" role="region" tabindex="0" aria-label="${t('statements', lang)}"><table class="cards" aria-live="polite"><thead><tr><th scope="col">${t('time', lang)}</th><th scope="col">${t('learner', lang)}</th><th scope="col">${t(
        'verb',
        lang,
      )}</th><th scope="col">${t('object', lang)}</th><th scope="col">${t('result', lang)}</th></tr></thead><tbody id="rows">${statements
        .map((s) => row(s, lang, lookup, seen))
        .join('')}</tbody></table></div>`
    : `<p>${t('none', lang)}</p>`;
  // Live: reload the list every few seconds without losing the filter, unless the reader has
  // opened a long answer (a reload would fold it again under their eyes).
  const live = `<script>setInterval(function(){if(!document.hidden&&!document.querySelector('details[open]'))location.reload()},5000)</script>`;
  return form + body + live;
}
