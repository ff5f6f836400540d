/**
 * modules/<id>/index.html: the module's pages as static HTML (static-body.ts), the frame's
 * stylesheet inline, the module data for the player at the end, and the shared player deferred.
 *
 * Why this order: on a slow line every request costs a round trip, so nothing the first paint
 * needs is a separate file (the stylesheet is inline) and nothing blocks it (the script is
 * `defer`, fetched while the page streams, run once the page is parsed). The data only the
 * script reads comes last, after the text the trainee reads.
 */
import type { ModulePackage } from '../core/index.js';
import { staticBody } from './static-body.js';
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

export interface ModulePageOptions {
  /** Where the shared player files are, relative to the page. */
  readonly playerPath?: string;
  /** The frame's stylesheet, written into the page; without it the page links player.css. */
  readonly css?: string;
}

/**
 * The data as the page carries it: the pages' HTML is already in the document, so the script
 * reads it from there (runtime/player/player.ts adopts the sections) instead of a second copy.
 */
export function embeddedData(data: ModulePackage): ModulePackage {
  return { ...data, pages: data.pages.map((p) => ({ ...p, html: '' })) };
}

export function modulePage(data: ModulePackage, options: ModulePageOptions = {}): string {
  const playerPath = options.playerPath ?? '../../player/';
  const style =
    options.css === undefined ? `<link rel="stylesheet" href="${playerPath}player.css">` : `<style>${options.css}</style>`;
  return `<!doctype html>
<html lang="${data.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(data.module.title)}</title>
${style}
<noscript><style>.bd-header .bd-counter{display:none}</style></noscript>
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
