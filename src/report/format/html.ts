/**
 * A self-contained HTML report (inline CSS and SVG charts) that prints to A4 as official reports
 * do: report period, page numbers, totals rows, the signature block; every label in the chosen
 * language; names, not ids; statement ids in an evidence appendix. On a phone the learner table
 * becomes one card per learner instead of a table thousands of pixels wide.
 */
import { formatDateTime, formatDay, formatMark, formatNumber, formatPercent, pickText, type Taxonomy } from '../../core/index.js';
import type { ComplianceReport } from '../model.js';
import { label, type ReportLang } from './labels.js';
import { barChart, esc } from './svg.js';
import { courseTable, groupTable, namesOf, tierTable, type Table } from './tables.js';

const CSS = `
body{font-family:"Noto Sans","Segoe UI",Arial,sans-serif;margin:16px;color:#1a1a1a;font-size:14px}
h1{font-size:20px;margin:0 0 4px;text-align:center}h2{font-size:16px;margin:22px 0 8px;border-bottom:2px solid #a31d1d;padding-bottom:2px}
.meta{color:#333;margin:0 0 14px;text-align:center}table{border-collapse:collapse;width:100%;margin:8px 0}
th,td{border:1px solid #bbb;padding:4px 6px;text-align:left;vertical-align:top}th{background:#f3e9e9}
td.num,th.num{text-align:right}tr.totals th,tr.totals td{font-weight:700;background:#faf5f5}
.met{color:#1b6e20;font-weight:600}.not-met{color:#a31d1d;font-weight:600}
.reasons{font-size:12px;color:#333}.ids{font-size:10px;color:#555;word-break:break-all}
.charts{display:grid;grid-template-columns:1fr;gap:12px}.chart{margin:0}.chart figcaption{font-weight:600;margin-bottom:4px}
.wrap{overflow-x:auto}.chart svg{font-size:13px}.chart rect{fill:#a31d1d}
.sign{display:flex;justify-content:space-between;gap:24px;margin-top:28px;break-inside:avoid}.sign div{flex:1;text-align:center}
.sign .place{font-style:italic;margin-bottom:6px}.sign .space{height:70px}
@media (min-width:900px){.charts{grid-template-columns:1fr 1fr}}
@media (max-width:640px){
 table.cards thead{display:none}table.cards,table.cards tbody,table.cards tr,table.cards td{display:block;width:auto}
 table.cards tr{border:1px solid #bbb;margin:0 0 10px;padding:4px}table.cards td{border:0;padding:2px 4px}
 table.cards td::before{content:attr(data-label) ": ";font-weight:600}
 .sign{flex-direction:column}}
@page{size:A4;margin:14mm 12mm 16mm;@bottom-center{content:var(--page-label) counter(page) " / " counter(pages);font-size:9px;color:#444}}
@media print{body{margin:0;font-size:10.5px}.wrap{overflow:visible}h2{break-after:avoid}tr,figure{break-inside:avoid}thead{display:table-header-group}
 .charts{grid-template-columns:1fr 1fr 1fr}.chart svg{max-width:240px}}
`;

function tableHtml(table: Table, lang: ReportLang, cls = ''): string {
  // Percent columns say "(%)" in their heading, so their cells are numbers like the others.
  const text = (v: string | number): string => (typeof v === 'number' ? formatNumber(v, lang) : v);
  const cell = (v: string | number, i: number): string =>
    i === 0 ? `<th scope="row">${esc(text(v))}</th>` : `<td class="${typeof v === 'number' ? 'num' : ''}">${esc(text(v))}</td>`;
  const head = table.header.map((h, i) => `<th scope="col"${i > 0 ? ' class="num"' : ''}>${esc(h)}</th>`).join('');
  const body = table.rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('');
  const totals = table.totals ? `<tr class="totals">${table.totals.map(cell).join('')}</tr>` : '';
  return `<div class="wrap"><table${cls ? ` class="${cls}"` : ''}><thead><tr>${head}</tr></thead><tbody>${body}${totals}</tbody></table></div>`;
}

// One template in print order, section after section (about 100 lines): split further it would be read out of order.
export function reportHtml(report: ComplianceReport, taxonomy: Taxonomy, lang: ReportLang): string {
  // Vietnamese text writes dates dd/mm/yyyy (docs/thuat-ngu.md); English keeps ISO days.
  const day = (iso: string): string => formatDay(iso, lang);
  const names = namesOf(taxonomy, report.courses, lang);
  const num = (n: number): string => formatNumber(n, lang);
  const percent = (n: number): string => formatPercent(n, lang);
  const bands = [...taxonomy.gradeBands].sort((a, b) => b.min - a.min);
  const t = report.total;
  const generated = new Date(Date.parse(report.generatedAt) + 7 * 3600_000).toISOString();
  const generatedText = `${formatDateTime(report.generatedAt, lang)} (${label('vietnamTime', lang)})`;
  const gradeBars = bands.map((b) => ({ label: pickText(b.name, lang), value: t.grades[b.id] ?? 0 }));
  const unitBars = report.byUnit.map((g) => ({ label: g.label, value: g.compliantPercent }));
  const positionBars = report.byPosition.map((g) => ({ label: names.position(g.key), value: g.compliantPercent }));
  const tierBars = tierTable(report, taxonomy, names, lang);
  const learnerHead = (['id', 'name', 'position', 'unit', 'tier', 'periods', 'mark', 'result', 'reasons', 'eligibleFor'] as const).map((k) => label(k, lang));
  const learnerRows = report.learners
    .map((r) => {
      const classified = r.courses.filter((c) => c.mark !== undefined || c.classification);
      const failing = r.checks.filter((c) => !c.met && c.kind !== 'certificate');
      const reasons = (failing.length ? failing : r.checks.filter((c) => c.kind !== 'certificate')).flatMap((c) => c.reasons.map((x) => esc(x[lang]))).join('<br>');
      const positions = (r.positions.length ? r.positions : [r.learner.position]).map((p) => esc(names.position(p))).join('<br>');
      const marks = classified
        .map((c) => `${esc(names.course(c.course))}: ${c.mark !== undefined ? esc(formatMark(c.mark, lang)) : '–'} (${esc(names.band(c.classification ?? c.gradeBand))})`)
        .join('<br>');
      const cells = [
        esc(r.learner.id),
        esc(r.learner.name),
        positions,
        esc(r.unit),
        esc(names.tier(r.learner.tier)),
        `${num(r.periodsCompleted)}/${num(r.periodsRequired)}`,
        marks,
        `<span class="${r.compliant ? 'met' : 'not-met'}">${label(r.compliant ? 'met' : 'notMet', lang)}</span>`,
        `<span class="reasons">${reasons}</span>`,
        r.eligibleFor.map((e) => esc(names.tier(e.tier))).join('<br>'),
      ];
      return `<tr id="hv-${esc(r.learner.id)}">${cells.map((c, i) => `<td data-label="${esc(learnerHead[i]!)}"${i === 5 ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`;
    })
    .join('');
  const evidenceRows = report.learners
    .map((r) => ({ r, ids: [...new Set(r.checks.flatMap((c) => c.statementIds))] }))
    .filter((x) => x.ids.length > 0)
    .map((x) => `<tr><td><a href="#hv-${esc(x.r.learner.id)}">${esc(x.r.learner.id)}</a></td><td class="ids">${x.ids.map(esc).join(' ')}</td></tr>`)
    .join('');
  const listOrNone = (rows: string, head: string): string => (rows ? `<div class="wrap"><table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>` : `<p>${label('none', lang)}</p>`);
  const unknownActors = listOrNone(
    report.unknownActors.map((a) => `<tr><td>${esc(a.actor)}</td><td class="num">${num(a.statements)}</td></tr>`).join(''),
    `<th scope="col">${label('actor', lang)}</th><th scope="col" class="num">${label('statementCount', lang)}</th>`,
  );
  const unknownPositions = listOrNone(
    report.unknownPositions.map((u) => `<tr><td>${esc(u.learner)}</td><td>${esc(u.position)}</td><td class="num">${u.line}</td></tr>`).join(''),
    `<th scope="col">${label('id', lang)}</th><th scope="col">${label('position', lang)}</th><th scope="col" class="num">${label('line', lang)}</th>`,
  );
  const ambiguous = listOrNone(
    report.ambiguousPositions
      .map((u) => `<tr><td>${esc(u.learner)}</td><td>${esc(names.position(u.position))}</td><td>${u.candidates.map((c) => esc(names.position(c))).join('<br>')}</td><td class="num">${u.line}</td></tr>`)
      .join(''),
    `<th scope="col">${label('id', lang)}</th><th scope="col">${label('position', lang)}</th><th scope="col">${label('candidates', lang)}</th><th scope="col" class="num">${label('line', lang)}</th>`,
  );
  const period = `${esc(day(report.period.from))} – ${esc(day(report.period.to))}`;
  const today = generated.slice(0, 10);
  const dateLine =
    lang === 'vi'
      ? `……………, ngày ${today.slice(8, 10)} tháng ${today.slice(5, 7)} năm ${today.slice(0, 4)}`
      : `……………, ${today}`;
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${label('title', lang)} ${period}</title><style>:root{--page-label:"${label('page', lang)} "}${CSS}</style></head>
<body><main>
<h1>${label('title', lang)}</h1>
<p class="meta">${label('period', lang)}: <strong>${period}</strong> · ${label('generated', lang)}: ${esc(generatedText)}<br>
${label('read', lang)}: ${num(report.statementsRead)} · ${label('voided', lang)}: ${num(report.statementsVoided)}</p>
<h2>${label('summary', lang)}</h2>
<p>${label('learners', lang)}: <strong>${num(t.learners)}</strong> · ${label('compliant', lang)}: <strong>${num(t.compliant)}</strong> (${percent(t.compliantPercent)}) ·
${label('trained', lang)}: <strong>${num(t.trained)}</strong> · ${label('classes', lang)}: <strong>${num(t.classes)}</strong> · ${label('attendances', lang)}: <strong>${num(t.attendances)}</strong> ·
${label('certificates', lang)}: <strong>${num(t.certificates)}</strong> · ${label('periodsAverage', lang)}: <strong>${num(t.periodsAverage)}</strong> ·
${label('tierIntermediatePercent', lang)}: <strong>${num(t.tierIntermediateOrAbovePercent)}</strong> · ${label('womenPercent', lang)}: <strong>${num(t.womenPercent)}</strong> ·
${label('under35Percent', lang)}: <strong>${num(t.under35Percent)}</strong></p>
<div class="charts">
${barChart(label('positionComplianceChart', lang), positionBars, '', 100, percent)}
${barChart(label('unitChart', lang), unitBars, '', 100, percent)}
${barChart(label('gradeChart', lang), gradeBars, '', undefined, num)}
</div>
<h2>${label('byUnit', lang)}</h2>${tableHtml(groupTable('theo-don-vi', report.byUnit, t, 'unit', taxonomy, names, lang), lang)}
<h2>${label('byPosition', lang)}</h2>${tableHtml(groupTable('theo-chuc-danh', report.byPosition, t, 'position', taxonomy, names, lang), lang)}
<h2>${label('byCourse', lang)}</h2>${tableHtml(courseTable(report, lang), lang)}
<h2>${label('tierTable', lang)}</h2>${tableHtml(tierBars, lang)}
<h2>${label('perLearner', lang)}</h2>
<div class="wrap"><table class="cards"><thead><tr>${learnerHead.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>
<tbody>${learnerRows}</tbody></table></div>
<h2>${label('ambiguousPositions', lang)}</h2>${ambiguous}
<h2>${label('unknownActors', lang)}</h2>${report.rosterOnly ? `<p>${label('rosterOnly', lang)}</p>` : unknownActors}
<h2>${label('unknownPositions', lang)}</h2>${unknownPositions}
<h2>${label('evidence', lang)}</h2>${evidenceRows ? `<div class="wrap"><table><thead><tr><th scope="col">${label('id', lang)}</th><th scope="col">${label('statements', lang)}</th></tr></thead><tbody>${evidenceRows}</tbody></table></div>` : `<p>${label('none', lang)}</p>`}
<section class="sign">
<div><p class="place">&nbsp;</p><strong>${label('preparedBy', lang)}</strong><div class="space"></div><p>${label('signHint', lang)}</p></div>
<div><p class="place">${dateLine}</p><strong>${label('head', lang)}</strong><div class="space"></div><p>${label('signSealHint', lang)}</p></div>
</section>
</main></body></html>
`;
}
