/** The course catalogue: each course's positions, tier, tiết and formats, each module's status. */
import { formatMark, formatNumber, pickText, type Course, type PackageFormat, type Taxonomy } from '../../core/index.js';
import { esc, t, type UiLang } from './strings.js';

export type ModuleState = 'not-attempted' | 'in-progress' | 'completed' | 'passed' | 'failed';

export interface ModuleStatus {
  readonly state: ModuleState;
  readonly mark?: number;
  /** When the module was passed, completed or (last) failed: the statement's timestamp. */
  readonly at?: string;
}

const FORMAT_NAMES: Record<PackageFormat, string> = { scorm12: 'SCORM 1.2', scorm2004: 'SCORM 2004', cmi5: 'cmi5', xapi: 'xAPI' };

const STATE_KEY = {
  'not-attempted': 'notAttempted',
  'in-progress': 'inProgress',
  completed: 'completed',
  passed: 'passed',
  failed: 'failed',
} as const;

export function statusLabel(s: ModuleStatus, lang: UiLang): string {
  return t(STATE_KEY[s.state], lang) + (s.mark !== undefined ? ` (${formatMark(s.mark, lang)})` : '');
}

export function cataloguePage(
  courses: readonly Course[],
  taxonomy: Taxonomy,
  formats: readonly PackageFormat[],
  statusOf: (course: Course, moduleId: string) => ModuleStatus,
  lang: UiLang,
): string {
  const positionName = (id: string): string => {
    const p = taxonomy.positions.find((x) => x.id === id);
    return p ? pickText(p.name, lang) : id;
  };
  const tierName = (id: string | null): string => {
    if (!id) return t('noTier', lang);
    const tier = taxonomy.tiers.find((x) => x.id === id);
    return tier ? pickText(tier.name, lang) : id;
  };
  return courses
    .map((c) => {
      const positions = [...new Set(c.modules.flatMap((m) => m.meta.positions))].map(positionName);
      const tiers = [...new Set(c.modules.map((m) => m.meta.tier))].map(tierName);
      const periods = c.modules.reduce((n, m) => n + m.meta.periods, 0);
      const rows = c.modules
        .map((m) => {
          const s = statusOf(c, m.meta.id);
          const launches = formats
            .map(
              (f) =>
                `<a class="button" href="/launch/${encodeURIComponent(c.id)}/${encodeURIComponent(m.meta.id)}/${f}" aria-label="${esc(
                  `${t('launch', lang)} ${m.meta.title} — ${FORMAT_NAMES[f]}`,
                )}">${FORMAT_NAMES[f]}</a>`,
            )
            .join(' ');
          return `<tr><td>${esc(m.meta.title)}</td><td>${formatNumber(m.meta.periods, lang)}</td><td class="status-${s.state}">${esc(statusLabel(s, lang))}</td><td>${launches}</td></tr>`;
        })
        .join('');
      return `<section class="card" aria-labelledby="course-${esc(c.id)}">
<h2 id="course-${esc(c.id)}">${esc(c.title)}</h2>
${c.description ? `<p>${esc(c.description)}</p>` : ''}
<p class="meta">${t('positions', lang)}: ${esc(positions.join(', '))} · ${t('tier', lang)}: ${esc(tiers.join(', '))} · ${t('periods', lang)}: ${formatNumber(periods, lang)} · ${t('formats', lang)}: ${formats.map((f) => FORMAT_NAMES[f]).join(', ')}</p>
<div class="wrap" role="region" tabindex="0" aria-label="${esc(`${t('module', lang)} — ${c.title}`)}"><table><thead><tr><th scope="col">${t('module', lang)}</th><th scope="col">${t('periods', lang)}</th><th scope="col">${t('status', lang)}</th><th scope="col">${t('launch', lang)}</th></tr></thead>
<tbody>${rows}</tbody></table></div></section>`;
    })
    .join('\n');
}
