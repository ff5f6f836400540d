/**
 * A recorded answer as HTML the way the trainee saw it: the choices' texts, "A → 1" pairs, the
 * order as a numbered list, a long text folded into <details> rather than cut.
 */
import { formatNumber, readInteractionResponse, type ReadResponse } from '../../core/index.js';
import { esc, t, type UiLang } from './strings.js';

/** Longer than this, an answer opens on request; shorter, it is shown whole. */
export const SHORT_ANSWER = 80;

/** The start of a long text, cut at a word, for the <summary> line. */
function opening(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const cut = line.slice(0, SHORT_ANSWER);
  const space = cut.lastIndexOf(' ');
  return `${space > SHORT_ANSWER / 2 ? cut.slice(0, space) : cut}…`;
}

/** A text answer: whole when short, otherwise its opening with the rest a click away. */
export function longText(text: string, lang: UiLang, cls = 'answer-text'): string {
  if (text.length <= SHORT_ANSWER && !text.includes('\n')) return `<span class="${cls}">${esc(text)}</span>`;
  // The opening gives way to the whole text once open, so no sentence is read twice.
  return `<details class="answer-long"><summary><span class="opening">${esc(opening(text))} </span><span class="toggle more">(${t('moreText', lang)})</span><span class="toggle less">(${t('lessText', lang)})</span></summary><div class="${cls}">${esc(text)}</div></details>`;
}

function list(tag: 'ul' | 'ol', items: readonly string[], lang: UiLang): string {
  return `<${tag} class="answer-list">${items.map((x) => `<li>${longText(x, lang)}</li>`).join('')}</${tag}>`;
}

export function readAnswerHtml(read: ReadResponse, lang: UiLang): string {
  switch (read.kind) {
    case 'choices':
      return read.items.length === 1 ? longText(read.items[0]!, lang) : list('ul', read.items, lang);
    case 'sequence':
      return list('ol', read.items, lang);
    case 'pairs':
      return `<ul class="answer-list">${read.pairs.map(([a, b]) => `<li>${esc(a)} → ${esc(b)}</li>`).join('')}</ul>`;
    case 'truth':
      return esc(t(read.value ? 'trueWord' : 'falseWord', lang));
    case 'number':
      return esc(formatNumber(read.value, lang, { decimals: 10 }));
    case 'text':
      return longText(read.text, lang);
    case 'raw':
      return `<div class="raw" title="${t('asRecorded', lang)}">${longText(read.text, lang, 'answer-raw')}</div>`;
  }
}

/** The answer of an `answered` statement, read against its definition (or the content's, when it has none). */
export function answerHtml(definition: unknown, response: string, lang: UiLang): string {
  return readAnswerHtml(readInteractionResponse(definition, response, lang), lang);
}
