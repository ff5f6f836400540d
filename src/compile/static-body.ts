/**
 * The module page's content as static HTML, written at build time: the frame the player would
 * build (header, page list, one <section> per page) with every page's text in it, so a trainee on
 * a slow line reads the first page before the script arrives, and can read every page without
 * JavaScript at all. Navigation is links to the sections' ids: inside an LMS frame the SCO stays
 * one document (another HTML file would re-launch it). The player adopts this DOM; it does not
 * rebuild it (runtime/player/layout.ts, player.ts).
 */
import type { ModulePackage, Page } from '../core/index.js';
import { PAGE_WORDS, type PageWords } from './page-words.js';
import { escapeXml } from './xml.js';

/** The ids the player looks for: one section and one heading per page. */
export function sectionId(page: Page): string {
  return `bd-page-${page.id}`;
}

export function headingId(page: Page): string {
  return `bd-h-${page.id}`;
}

/** The public part of a packed question that reads without the player: its prompt and choices. */
interface ReadableQuestion {
  readonly id: string;
  readonly kind: string;
  readonly promptHtml?: string;
  readonly choices?: readonly { readonly html: string }[];
}

function readableQuestions(data: ModulePackage): Map<string, ReadableQuestion> {
  const byId = new Map<string, ReadableQuestion>();
  for (const q of data.questions as ReadableQuestion[]) byId.set(q.id, q);
  return byId;
}

/**
 * Without the script each question, test and case says that answering it needs JavaScript: one
 * rule in the page's <noscript> style rather than the same sentence in every placeholder.
 */
export function noscriptStyle(lang: 'vi' | 'en'): string {
  const w = PAGE_WORDS[lang];
  const note = (selector: string, text: string) => `${selector}::after{content:${JSON.stringify(text)};display:block;font-size:.9em;color:#55606b}`;
  return [
    '.bd-header .bd-counter{display:none}',
    note('[data-bd-question]', w.questionNoscript),
    note('[data-bd-test]', w.testNoscript),
    note('[data-bd-case]', w.caseNoscript),
  ].join('');
}

/**
 * Placeholders filled with what reads without the script. Only single and multiple choices are
 * listed: their order is the author's and says nothing of the key, whereas ordering steps and
 * matching pairs in the author's order would be the answer itself.
 */
function fillPlaceholders(html: string, data: ModulePackage, questions: Map<string, ReadableQuestion>): string {
  return html.replace(/<div data-bd-(question|test|case)="([^"]*)"><\/div>/g, (whole, kind: string, id: string) => {
    if (kind === 'question') {
      const q = questions.get(id);
      if (!q) return whole;
      const choices =
        (q.kind === 'single' || q.kind === 'multiple') && q.choices
          ? `<ul class="bd-static-options">${q.choices.map((c) => `<li>${c.html}</li>`).join('')}</ul>`
          : '';
      return `<div data-bd-question="${id}" class="bd-quiz"><div class="bd-prompt">${q.promptHtml ?? ''}</div>${choices}</div>`;
    }
    if (kind === 'test') {
      const t = data.tests.find((x) => x.id === id);
      const title = t?.title ? `<p class="bd-prompt">${escapeXml(t.title)}</p>` : '';
      return `<div data-bd-test="${id}" class="bd-quiz">${title}</div>`;
    }
    const c = data.cases.find((x) => x.id === id);
    const body = c ? `<h3>${c.titleHtml ?? escapeXml(c.title)}</h3>${c.situationHtml ?? ''}` : '';
    return `<div data-bd-case="${id}" class="bd-case">${body}</div>`;
  });
}

/** The page's own first level-2 heading becomes its title (focus target, section label), as the player did. */
function titled(html: string, page: Page): string {
  const attrs = `class="bd-page-title" id="${headingId(page)}" tabindex="-1"`;
  const first = /^\s*<h2(?:\s[^>]*)?>/.exec(html);
  if (first) return `<h2 ${attrs}>${html.slice(first[0].length)}`;
  return `<h2 ${attrs}>${escapeXml(page.title)}</h2>\n${html}`;
}

/** Links to the previous and next page, for a browser without the script (in <noscript>). */
function pageLinks(pages: readonly Page[], i: number, w: PageWords): string {
  const prev = pages[i - 1];
  const next = pages[i + 1];
  const links = [
    prev ? `<a class="bd-link-prev" href="#${sectionId(prev)}">← ${escapeXml(w.previous)}</a>` : '<span></span>',
    `<span class="bd-page-count">${escapeXml(w.pageOf(i + 1, pages.length))}</span>`,
    next ? `<a class="bd-link-next" href="#${sectionId(next)}">${escapeXml(w.next)} →</a>` : '<span></span>',
  ];
  return `<noscript><nav class="bd-page-nav" aria-label="${escapeXml(w.pager)}">${links.join('')}</nav></noscript>`;
}

/** The inside of <main id="bd-player">. */
export function staticBody(data: ModulePackage): string {
  const w = PAGE_WORDS[data.lang];
  const pages = data.pages;
  const onePage = pages.length <= 1;
  const questions = readableQuestions(data);
  const toc = pages
    .map(
      (p, i) =>
        `<li><a class="bd-list-item" href="#${sectionId(p)}" data-page="${i}"><span class="bd-list-title">${escapeXml(p.title)}</span><span class="bd-seen"></span></a></li>`,
    )
    .join('\n');
  const sections = pages
    .map((p, i) => {
      const html = fillPlaceholders(titled(p.html, p), data, questions);
      const links = onePage ? '' : pageLinks(pages, i, w);
      return `<section class="bd-page" id="${sectionId(p)}" aria-labelledby="${headingId(p)}"><div class="bd-content">${html}</div>${links}</section>`;
    })
    .join('\n');
  return `<header class="bd-header"><p class="bd-course">${escapeXml(data.course.title)}</p><h1 class="bd-title">${escapeXml(data.module.title)}</h1><p class="bd-counter">${escapeXml(w.pageOf(1, pages.length))}</p></header>
<noscript><p class="bd-status">${escapeXml(w.noscript)}</p></noscript>
<div class="bd-body">
<details class="bd-toc"${onePage ? ' hidden' : ''}><summary>${escapeXml(w.menu)}</summary><nav aria-label="${escapeXml(w.pages)}"><ol class="bd-list">
${toc}
</ol></nav></details>
<div class="bd-pages">
${sections}
</div>
</div>`;
}
