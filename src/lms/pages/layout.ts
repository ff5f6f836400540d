/** The shared page frame: header, navigation, learner switcher. Accessible and fine at 360 px. */
import type { Learner } from '../../core/index.js';
import { esc, t, type UiLang } from './strings.js';

const CSS = `
*{box-sizing:border-box}body{margin:0;font-family:"Noto Sans","Segoe UI",Arial,sans-serif;color:#1a1a1a;background:#fafafa;line-height:1.45}
header{background:#8b1a1a;color:#fff;padding:8px 12px;display:flex;flex-wrap:wrap;gap:8px;align-items:center;justify-content:space-between}
header a{color:#fff}header .brand{font-weight:700;text-decoration:none}
nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:12px}
main{padding:12px;max-width:1100px;margin:0 auto}
h1{font-size:1.4rem;margin:.4rem 0}h2{font-size:1.15rem;margin:1rem 0 .4rem}
.card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:12px;margin:0 0 12px}
.meta{color:#444;font-size:.92rem}.wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:6px;text-align:left;vertical-align:top}th{background:#f3e9e9}
a.button,button{display:inline-block;background:#8b1a1a;color:#fff;border:0;border-radius:4px;padding:6px 10px;margin:2px;text-decoration:none;font-size:.95rem;cursor:pointer}
a.button:focus-visible,button:focus-visible,a:focus-visible,select:focus-visible,input:focus-visible{outline:3px solid #f2b705;outline-offset:2px}
label{margin-right:6px}select,input{font-size:1rem;padding:4px;max-width:100%}
.status-passed,.status-completed{color:#1b6e20;font-weight:600}.status-failed{color:#8b1a1a;font-weight:600}
.errors{background:#fff3f3;border:1px solid #8b1a1a;padding:8px;white-space:pre-wrap}
form.inline{display:flex;flex-wrap:wrap;gap:6px;align-items:center}
.answer-list{margin:0;padding-left:1.3em}.answer .label{font-weight:600}
.answer-text,.object-name{white-space:pre-wrap;overflow-wrap:anywhere}.answer-raw{font-family:monospace;white-space:pre-wrap;overflow-wrap:anywhere}
details.answer-long summary{cursor:pointer}details.answer-long .toggle{color:#6b1414;text-decoration:underline}
details.answer-long .less,details.answer-long[open] .more,details.answer-long[open] .opening{display:none}details.answer-long[open] .less{display:inline}
@media (max-width:640px){table.cards thead{display:none}table.cards,table.cards tbody,table.cards tr,table.cards td{display:block;width:auto}
 table.cards tr{border:1px solid #ccc;border-radius:4px;margin:0 0 10px;background:#fff}table.cards td{border:0;border-bottom:1px solid #eee}
 table.cards td::before{content:attr(data-label) ": ";font-weight:600}}
`;

export interface LayoutInput {
  readonly title: string;
  readonly lang: UiLang;
  readonly learners: readonly Learner[];
  readonly current: Learner | undefined;
  readonly body: string;
  readonly path: string;
}

export function layout(input: LayoutInput): string {
  const { lang } = input;
  const other = lang === 'en' ? 'vi' : 'en';
  const options = input.learners
    .map((l) => `<option value="${esc(l.id)}"${l.id === input.current?.id ? ' selected' : ''}>${esc(l.name)} — ${esc(l.unit)}</option>`)
    .join('');
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(input.title)} · ${t('appName', lang)}</title><style>${CSS}</style></head>
<body><header><a class="brand" href="/">${t('appName', lang)}</a>
<nav aria-label="${t('appName', lang)}"><ul>
<li><a href="/">${t('catalogue', lang)}</a></li><li><a href="/transcript">${t('transcript', lang)}</a></li>
<li><a href="/statements">${t('statements', lang)}</a></li><li><a href="/lang?to=${other}&amp;back=${encodeURIComponent(input.path)}" lang="${other}">${t('language', lang)}</a></li>
</ul></nav>
<form class="inline" method="post" action="/learner"><label for="learner">${t('learner', lang)}</label>
<select id="learner" name="learner">${options}</select><input type="hidden" name="back" value="${esc(input.path)}"><button type="submit">${t('switchLearner', lang)}</button></form>
</header>
<main id="main"><h1>${esc(input.title)}</h1>${input.body}</main></body></html>`;
}
