/** A learner's transcript: modules, marks, grade bands and tiết, from the LRS records. */
import { formatDate, formatMark, formatNumber, gradeBandFor, pickText, type Course, type Taxonomy } from '../../core/index.js';
import { statusLabel, type ModuleStatus } from './catalogue.js';
import { esc, t, type UiLang } from './strings.js';

export function transcriptPage(
  courses: readonly Course[],
  taxonomy: Taxonomy,
  statusOf: (course: Course, moduleId: string) => ModuleStatus,
  lang: UiLang,
): string {
  let total = 0;
  const sections = courses.map((c) => {
    const rows = c.modules
      .map((m) => {
        const s = statusOf(c, m.meta.id);
        const done = s.state === 'completed' || s.state === 'passed';
        if (done) total += m.meta.periods;
        const band = s.mark !== undefined ? gradeBandFor(taxonomy.gradeBands, s.mark) : undefined;
        return `<tr><td>${esc(m.meta.title)}</td><td class="status-${s.state}">${esc(statusLabel(s, lang))}</td><td>${
          s.mark !== undefined ? esc(formatMark(s.mark, lang)) : ''
        }</td><td>${band ? esc(pickText(band.name, lang)) : ''}</td><td>${s.at ? `<time datetime="${esc(s.at)}">${esc(formatDate(s.at, lang))}</time>` : ''}</td><td>${formatNumber(done ? m.meta.periods : 0, lang)}/${formatNumber(m.meta.periods, lang)}</td></tr>`;
      })
      .join('');
    return `<section class="card"><h2>${esc(c.title)}</h2><div class="wrap" role="region" tabindex="0" aria-label="${esc(c.title)}"><table><thead><tr><th scope="col">${t('module', lang)}</th><th scope="col">${t(
      'status',
      lang,
    )}</th><th scope="col">${t('mark', lang)}</th><th scope="col">${t('grade', lang)}</th><th scope="col">${t('settledOn', lang)}</th><th scope="col">${t('periods', lang)}</th></tr></thead><tbody>${rows}</tbody></table></div></section>`;
  });
  return `<p class="card">${t('totalPeriods', lang)}: <strong id="total-periods">${formatNumber(total, lang)}</strong></p>${sections.join('')}`;
}
