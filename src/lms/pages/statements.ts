/** The live statement viewer: newest first, filtered by learner, course and verb. */
import { esc, t, type UiLang } from './strings.js';

export interface StatementFilter {
  readonly learner?: string;
  readonly course?: string;
  readonly verb?: string;
}

type Json = Record<string, unknown>;

const display = (m: unknown, lang: UiLang): string => {
  if (typeof m !== 'object' || m === null) return '';
  const map = m as Record<string, string>;
  return map[lang] ?? map['vi'] ?? map['en-US'] ?? map['en'] ?? Object.values(map)[0] ?? '';
};

/** A statement field shown as text: the LRS validated it, so a present value is a string. */
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

function row(s: Json, lang: UiLang): string {
  const actor = (s['actor'] ?? {}) as Json;
  const account = (actor['account'] ?? {}) as Json;
  const verb = (s['verb'] ?? {}) as Json;
  const object = (s['object'] ?? {}) as Json;
  const def = (object['definition'] ?? {}) as Json;
  const result = (s['result'] ?? {}) as Json;
  const score = (result['score'] ?? {}) as Json;
  const bits: string[] = [];
  if (typeof result['success'] === 'boolean') bits.push(result['success'] ? '✔' : '✘');
  if (typeof score['scaled'] === 'number') bits.push(`${Math.round((score['scaled']) * 1000) / 100}/10`);
  if (typeof result['response'] === 'string') bits.push(`“${String(result['response']).slice(0, 80)}”`);
  if (typeof result['duration'] === 'string') bits.push(String(result['duration']));
  const verbText = display(verb['display'], lang) || text(verb['id']).split('/').pop();
  return `<tr><td>${esc(text(s['timestamp']))}</td><td>${esc(text(actor['name'] ?? account['name']))}</td>
<td title="${esc(text(verb['id']))}">${esc(verbText ?? '')}</td><td title="${esc(text(object['id']))}">${esc(
    display(def['name'], lang) || display(def['description'], lang) || text(object['id']),
  )}</td><td>${esc(bits.join(' · '))}</td></tr>`;
}

export function statementsPage(
  statements: readonly Json[],
  filter: StatementFilter,
  choices: { learners: readonly { id: string; name: string }[]; courses: readonly { id: string; title: string }[]; verbs: readonly string[] },
  lang: UiLang,
): string {
  const select = (name: string, label: string, options: readonly [string, string][], current: string | undefined): string =>
    `<label for="f-${name}">${label}</label><select id="f-${name}" name="${name}"><option value="">${t('all', lang)}</option>${options
      .map(([v, l]) => `<option value="${esc(v)}"${v === current ? ' selected' : ''}>${esc(l)}</option>`)
      .join('')}</select>`;
  const form = `<form class="inline card" method="get" action="/statements">
${select('learner', t('learner', lang), choices.learners.map((l) => [l.id, l.name]), filter.learner)}
${select('course', t('course', lang), choices.courses.map((c) => [c.id, c.title]), filter.course)}
${select('verb', t('verb', lang), choices.verbs.map((v) => [v, v.split('/').pop() ?? v]), filter.verb)}
<button type="submit">${t('filter', lang)}</button></form>`;
  const body = statements.length
    ? `<div class="wrap" role="region" tabindex="0" aria-label="${t('statements', lang)}"><table aria-live="polite"><thead><tr><th scope="col">${t('time', lang)}</th><th scope="col">${t('learner', lang)}</th><th scope="col">${t(
        'verb',
        lang,
      )}</th><th scope="col">${t('object', lang)}</th><th scope="col">${t('result', lang)}</th></tr></thead><tbody id="rows">${statements
        .map((s) => row(s, lang))
        .join('')}</tbody></table></div>`
    : `<p>${t('none', lang)}</p>`;
  // Live: reload the list every few seconds without losing the filter (no script needed elsewhere).
  const live = `<script>setTimeout(function(){if(!document.hidden)location.reload()},5000)</script>`;
  return form + body + live;
}
