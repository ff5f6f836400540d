/**
 * modules/<id>/index.html: the module's pages as static HTML (static-body.ts), the frame's
 * stylesheet inline, the module data for the player at the end, and the shared player deferred.
 *
 * Why this order: on a slow line every request costs a round trip, so nothing the first paint
 * needs is a separate file (the stylesheet is inline) and nothing blocks it (the script is
 * `defer`, fetched while the page streams, run once the page is parsed). The data only the
 * script reads comes last, after the text the trainee reads.
 */
import { LATER_GLOBAL, type CaseStudy, type LaterData, type ModulePackage } from '../core/index.js';
import { noscriptStyle, staticBody } from './static-body.js';
import { escapeXml } from './xml.js';

/** JSON safe inside a <script> element: no "</script>", no HTML comment openers, no U+2028/9. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A script's text as the body of an inline <script>: refused if it could end the element early. */
export function inlineScript(js: string): string {
  if (/<\/script|<!--/i.test(js)) throw new Error('an inline script holds "</script" or "<!--"');
  return js.trimEnd();
}

export interface ModulePageOptions {
  /** Where the shared player files are, relative to the page. */
  readonly playerPath?: string;
  /** The frame's stylesheet, written into the page; without it the page links player.css. */
  readonly css?: string;
  /**
   * A script run in the head before anything else (a cmi5 page's launch questions,
   * runtime/entries/cmi5-early.ts): its round trips travel while the player downloads.
   */
  readonly early?: string;
}

/** The file beside a module's page holding what only later pages need. */
export const LATER_FILE = 'later.js';

/** Ids of the questions the first page shows. */
function firstPageQuestions(data: ModulePackage): Set<string> {
  const html = data.pages[0]?.html ?? '';
  return new Set([...html.matchAll(/data-bd-question="([^"]*)"/g)].map((m) => m[1]!));
}

/**
 * Whether the page splits its data: only when the questions of later pages and the cases weigh
 * something. A slow line then carries, before the first question can be answered, the first
 * page's questions only; the rest follows in `later.js` while the trainee reads.
 */
function splits(data: ModulePackage): boolean {
  const first = firstPageQuestions(data);
  return data.cases.length > 0 || data.tests.length > 0 || (data.questions as { id: string }[]).some((q) => !first.has(q.id));
}

/**
 * The data as the page carries it: the pages' HTML is already in the document, so the script
 * reads it from there (runtime/player/player.ts adopts the sections) instead of a second copy;
 * and, when it splits, only the first page's questions and each case's id, title and weight.
 */
export function embeddedData(data: ModulePackage): ModulePackage {
  const pages = data.pages.map((p) => ({ ...p, html: '' }));
  if (!splits(data)) return { ...data, pages };
  const first = firstPageQuestions(data);
  const questions = (data.questions as { id: string }[]).filter((q) => first.has(q.id));
  // A stub stands for its case until later.js arrives: the grade needs its weight from the start.
  const cases = data.cases.map((c) => ({ id: c.id, title: c.title, weight: c.weight }) as unknown as CaseStudy);
  return { ...data, pages, questions, cases, later: LATER_FILE };
}

/** later.js: every question and case of the module, for the player to take once loaded (undefined when the page does not split). */
export function laterScript(data: ModulePackage): string | undefined {
  if (!splits(data)) return undefined;
  const later: LaterData = { questions: data.questions, cases: data.cases };
  return `self.${LATER_GLOBAL}=${scriptJson(later)};\n`;
}

export function modulePage(data: ModulePackage, options: ModulePageOptions = {}): string {
  const playerPath = options.playerPath ?? '../../player/';
  const style =
    options.css === undefined ? `<link rel="stylesheet" href="${playerPath}player.css">` : `<style>${options.css}</style>`;
  const early = options.early === undefined ? '' : `<script>${inlineScript(options.early)}</script>\n`;
  return `<!doctype html>
<html lang="${data.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(data.module.title)}</title>
${early}${style}
<noscript><style>${noscriptStyle(data.lang)}</style></noscript>
<script defer src="${playerPath}player.js"></script>
</head>
<body>
<main id="bd-player" class="bd-player" data-bd-static="">
${staticBody(data)}
</main>
<script type="application/json" id="bd-data">${scriptJson(embeddedData(data))}</script>
</body>
</html>
`;
}
