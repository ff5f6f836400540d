/** CSV tables of the report: UTF-8 with BOM so Excel shows Vietnamese correctly. */
import { toCsv } from '../../core/csv.js';
import { pickText } from '../../core/text.js';
import type { Taxonomy } from '../../core/taxonomy.js';
import type { ComplianceReport, GroupSummary } from '../model.js';
import { label, type ReportLang } from './labels.js';

export function bandName(taxonomy: Taxonomy, id: string | undefined, lang: ReportLang): string {
  if (!id) return '';
  const band = taxonomy.gradeBands.find((b) => b.id === id);
  return band ? pickText(band.name, lang) : id;
}

export function learnersCsv(report: ComplianceReport, taxonomy: Taxonomy, lang: ReportLang): string {
  const header = (
    ['id', 'name', 'position', 'unit', 'tier', 'periods', 'periodsRequired', 'certificates', 'mark', 'grade', 'result', 'reasons', 'statements', 'eligibleFor', 'knowledgeUpdating'] as const
  ).map((k) => label(k, lang));
  const tierName = (id: string): string => {
    const tier = taxonomy.tiers.find((x) => x.id === id);
    return tier ? pickText(tier.name, lang) : id;
  };
  const groupName = (id: string): string => {
    const rule = taxonomy.rules.knowledgeUpdating?.find((r) => r.id === id);
    return rule ? pickText(rule.group, lang) : id;
  };
  const rows = report.learners.map((r) => {
    const graded = r.courses.filter((c) => c.mark !== undefined);
    const failing = r.checks.filter((c) => !c.met && c.kind !== 'certificate');
    return [
      r.learner.id,
      r.learner.name,
      r.learner.position,
      r.unit,
      r.learner.tier ?? '',
      r.periodsCompleted,
      r.periodsRequired,
      r.courses.filter((c) => c.certificate).map((c) => c.course).join('; '),
      graded.map((c) => c.mark).join('; '),
      graded.map((c) => bandName(taxonomy, c.gradeBand, lang)).join('; '),
      r.compliant ? label('met', lang) : label('notMet', lang),
      failing.flatMap((c) => c.reasons.map((x) => x[lang])).join(' '),
      [...new Set(r.checks.flatMap((c) => c.statementIds))].join(' '),
      r.eligibleFor.map((e) => tierName(e.tier)).join('; '),
      r.knowledgeUpdating.map(groupName).join('; '),
    ];
  });
  return toCsv(header, rows);
}

export function groupsCsv(groups: readonly GroupSummary[], keyLabel: 'unit' | 'position', taxonomy: Taxonomy, lang: ReportLang): string {
  const bands = [...taxonomy.gradeBands].sort((a, b) => b.min - a.min);
  const header = [
    label(keyLabel, lang),
    label('learners', lang),
    label('compliant', lang),
    label('compliantPercent', lang),
    label('attendances', lang),
    label('classes', lang),
    label('certificates', lang),
    label('periodsTotal', lang),
    label('periodsAverage', lang),
    ...bands.map((b) => pickText(b.name, lang)),
  ];
  const rows = groups.map((g) => [
    g.label,
    g.learners,
    g.compliant,
    g.compliantPercent,
    g.attendances,
    g.classes,
    g.certificates,
    g.periodsTotal,
    g.periodsAverage,
    ...bands.map((b) => g.grades[b.id] ?? 0),
  ]);
  return toCsv(header, rows);
}
