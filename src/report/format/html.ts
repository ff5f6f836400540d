/** A self-contained HTML report (inline CSS and SVG charts) that prints cleanly to A4 PDF. */
import { pickText } from '../../core/text.js';
import type { Taxonomy } from '../../core/taxonomy.js';
import type { ComplianceReport, GroupSummary } from '../model.js';
import { bandName } from './csv.js';
import { viDate } from '../dates.js';
import { vietnamDay } from '../learner-state.js';
import { label, type ReportLang } from './labels.js';
import { barChart, esc } from './svg.js';

const CSS = `
body{font-family:"Noto Sans","Segoe UI",Arial,sans-serif;margin:24px;color:#1a1a1a;font-size:14px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:24px 0 8px;border-bottom:2px solid #a31d1d;padding-bottom:2px}
.meta{color:#444;margin:0 0 16px}table{border-collapse:collapse;width:100%;margin:8px 0}
th,td{border:1px solid #bbb;padding:4px 6px;text-align:left;vertical-align:top}th{background:#f3e9e9}
td.num,th.num{text-align:right}.met{color:#1b6e20;font-weight:600}.not-met{color:#a31d1d;font-weight:600}
.reasons{font-size:12px;color:#333}.ids{font-size:10px;color:#666;word-break:break-all}
.charts{display:grid;grid-template-columns:1fr;gap:12px}.chart{margin:0}.chart figcaption{font-weight:600;margin-bottom:4px}
.wrap{overflow-x:auto}.chart svg{font-size:12px}.chart rect{fill:#a31d1d}
@media (min-width:900px){.charts{grid-template-columns:1fr 1fr}}
@page{size:A4;margin:14mm}
@media print{body{margin:0;font-size:11px}.wrap{overflow:visible}h2{break-after:avoid}tr,figure{break-inside:avoid}thead{display:table-header-group}}
`;

function groupTable(groups: readonly GroupSummary[], keyLabel: 'unit' | 'position', taxonomy: Taxonomy, lang: ReportLang): string {
  const bands = [...taxonomy.gradeBands].sort((a, b) => b.min - a.min);
  const head = [
    `<th scope="col">${label(keyLabel, lang)}</th>`,
    ...(['learners', 'compliant', 'compliantPercent', 'attendances', 'classes', 'certificates', 'periodsAverage'] as const).map(
      (k) => `<th scope="col" class="num">${label(k, lang)}</th>`,
    ),
    ...bands.map((b) => `<th scope="col" class="num">${esc(pickText(b.name, lang))}</th>`),
  ].join('');
  const rows = groups
    .map(
      (g) =>
        `<tr><th scope="row">${esc(g.label)}</th><td class="num">${g.learners}</td><td class="num">${g.compliant}</td>` +
        `<td class="num">${g.compliantPercent}</td><td class="num">${g.attendances}</td><td class="num">${g.classes}</td><td class="num">${g.certificates}</td>` +
        `<td class="num">${g.periodsAverage}</td>${bands.map((b) => `<td class="num">${g.grades[b.id] ?? 0}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<div class="wrap"><table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

export function reportHtml(report: ComplianceReport, taxonomy: Taxonomy, lang: ReportLang): string {
  // Vietnamese text writes dates dd/mm/yyyy (docs/thuat-ngu.md); English keeps ISO days.
  const day = (iso: string): string => (lang === 'vi' ? viDate(iso) : iso);
  const bands = [...taxonomy.gradeBands].sort((a, b) => b.min - a.min);
  const t = report.total;
  const gradeBars = bands.map((b) => ({ label: pickText(b.name, lang), value: t.grades[b.id] ?? 0 }));
  const unitBars = report.byUnit.map((g) => ({ label: g.label, value: g.compliantPercent }));
  const positionBars = report.byPosition.map((g) => ({ label: g.label, value: g.periodsAverage }));
  const learnerRows = report.learners
    .map((r) => {
      const graded = r.courses.filter((c) => c.mark !== undefined);
      const failing = r.checks.filter((c) => !c.met && c.kind !== 'certificate');
      const reasons = (failing.length ? failing : r.checks.filter((c) => c.kind !== 'certificate'))
        .flatMap((c) => c.reasons.map((x) => esc(x[lang])))
        .join('<br>');
      const ids = [...new Set(r.checks.flatMap((c) => c.statementIds))];
      return (
        `<tr><td>${esc(r.learner.id)}</td><td>${esc(r.learner.name)}</td><td>${esc(r.learner.position)}</td><td>${esc(r.unit)}</td>` +
        `<td>${esc(r.learner.tier ?? '')}</td><td class="num">${r.periodsCompleted}/${r.periodsRequired}</td>` +
        `<td>${graded.map((c) => `${c.mark} (${esc(bandName(taxonomy, c.gradeBand, lang))})`).join('<br>')}</td>` +
        `<td class="${r.compliant ? 'met' : 'not-met'}">${label(r.compliant ? 'met' : 'notMet', lang)}</td>` +
        `<td class="reasons">${reasons}${ids.length ? `<div class="ids">${ids.map(esc).join(' ')}</div>` : ''}</td>` +
        `<td>${r.eligibleFor.map((e) => esc(pickText(taxonomy.tiers.find((x) => x.id === e.tier)?.name ?? { vi: e.tier }, lang))).join('<br>')}</td></tr>`
      );
    })
    .join('');
  const unknownActors = report.unknownActors.length
    ? `<table><thead><tr><th scope="col">Actor</th><th scope="col" class="num">${label('statementCount', lang)}</th></tr></thead><tbody>${report.unknownActors
        .map((a) => `<tr><td>${esc(a.actor)}</td><td class="num">${a.statements}</td></tr>`)
        .join('')}</tbody></table>`
    : `<p>${label('none', lang)}</p>`;
  const unknownPositions = report.unknownPositions.length
    ? `<table><thead><tr><th scope="col">${label('id', lang)}</th><th scope="col">${label('position', lang)}</th><th scope="col" class="num">${label('line', lang)}</th></tr></thead><tbody>${report.unknownPositions
        .map((u) => `<tr><td>${esc(u.learner)}</td><td>${esc(u.position)}</td><td class="num">${u.line}</td></tr>`)
        .join('')}</tbody></table>`
    : `<p>${label('none', lang)}</p>`;
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${label('title', lang)} ${esc(day(report.period.from))} – ${esc(day(report.period.to))}</title><style>${CSS}</style></head>
<body><main>
<h1>${label('title', lang)}</h1>
<p class="meta">${label('period', lang)}: ${esc(day(report.period.from))} – ${esc(day(report.period.to))} · ${label('generated', lang)}: ${esc(day(vietnamDay(report.generatedAt)))} ·
${label('read', lang)}: ${report.statementsRead} · ${label('voided', lang)}: ${report.statementsVoided}</p>
<h2>${label('summary', lang)}</h2>
<p>${label('learners', lang)}: <strong>${t.learners}</strong> · ${label('compliant', lang)}: <strong>${t.compliant}</strong> (${t.compliantPercent}%) ·
${label('attendances', lang)}: <strong>${t.attendances}</strong> · ${label('certificates', lang)}: <strong>${t.certificates}</strong> ·
${label('periodsAverage', lang)}: <strong>${t.periodsAverage}</strong></p>
<div class="charts">
${barChart(label('gradeChart', lang), gradeBars, '')}
${barChart(label('unitChart', lang), unitBars, '%', 100)}
${barChart(label('positionChart', lang), positionBars, '')}
</div>
<h2>${label('byUnit', lang)}</h2>${groupTable(report.byUnit, 'unit', taxonomy, lang)}
<h2>${label('byPosition', lang)}</h2>${groupTable(report.byPosition, 'position', taxonomy, lang)}
<h2>${label('perLearner', lang)}</h2>
<div class="wrap"><table><thead><tr><th scope="col">${label('id', lang)}</th><th scope="col">${label('name', lang)}</th><th scope="col">${label('position', lang)}</th>
<th scope="col">${label('unit', lang)}</th><th scope="col">${label('tier', lang)}</th><th scope="col" class="num">${label('periods', lang)}</th>
<th scope="col">${label('mark', lang)}</th><th scope="col">${label('result', lang)}</th><th scope="col">${label('reasons', lang)}</th><th scope="col">${label('eligibleFor', lang)}</th></tr></thead>
<tbody>${learnerRows}</tbody></table></div>
<h2>${label('unknownActors', lang)}</h2>${unknownActors}
<h2>${label('unknownPositions', lang)}</h2>${unknownPositions}
</main></body></html>
`;
}
