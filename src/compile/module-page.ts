/** modules/<id>/index.html: a small page that embeds the module's data and loads the shared player. */
import type { ModulePackage } from '../core/index.js';
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

export function modulePage(data: ModulePackage, playerPath = '../../player/'): string {
  const lang = data.lang;
  const noscript =
    lang === 'en' ? 'This module needs JavaScript to run.' : 'Học phần này cần bật JavaScript để hoạt động.';
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(data.module.title)}</title>
<link rel="stylesheet" href="${playerPath}player.css">
</head>
<body>
<main id="bd-player" class="bd-player" aria-busy="true"><noscript>${escapeXml(noscript)}</noscript></main>
<script type="application/json" id="bd-data">${scriptJson(data)}</script>
<script src="${playerPath}player.js"></script>
</body>
</html>
`;
}
