/**
 * The report's tables as typed cells, written once and shared by CSV, XLSX and HTML: names, not
 * ids (positions, tiers, courses, grade bands); numbers stay numbers so a workbook can sum them.
 */
import { formatMark, pickText, type Taxonomy } from '../../core/index.js';
import type { ComplianceReport, GroupSummary } from '../model.js';
import { label, type ReportLang } from './labels.js';

export type Cell = string | number;

export interface Table {
  /** Sheet and file name stem. */
  readonly name: string;
  readonly title: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  /** Index of columns holding a percentage (0–100). */
  readonly percentColumns?: readonly number[];
  /** A last row of totals, set apart. */
  readonly totals?: readonly Cell[];
}

export interface Names {
  position(id: string): string;
  tier(id: string | null): string;
  course(id: string): string;
  band(id: string | undefined): string;
  group(id: string): string;
}

export function namesOf(taxonomy: Taxonomy, catalogue: ComplianceReport['courses'], lang: ReportLang): Names {
  return {
    position: (id) => {
      const p = taxonomy.positions.find((x) => x.id === id);
      return p ? pickText(p.name, lang) : id;
    },
    tier: (id) => {
      if (!id) return label('noTier', lang);
      const t = taxonomy.tiers.find((x) => x.id === id);
      return t ? pickText(t.name, lang) : id;
    },
    course: (id) => catalogue.find((c) => c.id === id)?.title ?? id,
    band: (id) => {
      if (!id) return '';
      const b = taxonomy.gradeBands.find((x) => x.id === id);
      return b ? pickText(b.name, lang) : id;
    },
    group: (id) => {
      const r = taxonomy.rules.knowledgeUpdating?.find((x) => x.id === id);
      return r ? pickText(r.group, lang) : id;
    },
  };
}

export function learnerTable(report: ComplianceReport, names: Names, lang: ReportLang): Table {
  const header = (
    ['id', 'name', 'position', 'unit', 'tier', 'periods', 'periodsRequired', 'certificates', 'mark', 'grade', 'result', 'reasons', 'eligibleFor', 'knowledgeUpdating'] as const
  ).map((k) => label(k, lang));
  const rows = report.learners.map((r) => {
    const classified = r.courses.filter((c) => c.mark !== undefined || c.classification);
    const failing = r.checks.filter((c) => !c.met && c.kind !== 'certificate');
    const positions = r.positions.length ? r.positions : [r.learner.position];
    return [
      r.learner.id,
      r.learner.name,
      positions.map((p) => names.position(p)).join('; '),
      r.unit,
      names.tier(r.learner.tier),
      r.periodsCompleted,
      r.periodsRequired,
      r.courses.filter((c) => c.certificate).map((c) => names.course(c.course)).join('; '),
      classified.map((c) => `${names.course(c.course)}: ${c.mark !== undefined ? formatMark(c.mark, lang) : '–'}`).join('; '),
      classified.map((c) => names.band(c.classification ?? c.gradeBand)).join('; '),
      r.compliant ? label('met', lang) : label('notMet', lang),
      failing.flatMap((c) => c.reasons.map((x) => x[lang])).join(' '),
      r.eligibleFor.map((e) => names.tier(e.tier)).join('; '),
      r.knowledgeUpdating.map((g) => names.group(g)).join('; '),
    ];
  });
  return { name: 'hoc-vien', title: label('perLearner', lang), header, rows };
}

export function groupTable(
  name: string,
  groups: readonly GroupSummary[],
  total: GroupSummary,
  keyLabel: 'unit' | 'position',
  taxonomy: Taxonomy,
  names: Names,
  lang: ReportLang,
): Table {
  const bands = [...taxonomy.gradeBands].sort((a, b) => b.min - a.min);
  const header = [
    label(keyLabel, lang),
    label('learners', lang),
    label('compliant', lang),
    label('compliantPercent', lang),
    label('trained', lang),
    label('notTrained', lang),
    label('attendances', lang),
    label('classes', lang),
    label('certificates', lang),
    label('learnersWithCertificate', lang),
    label('periodsTotal', lang),
    label('periodsAverage', lang),
    ...bands.map((b) => pickText(b.name, lang)),
    label('tierIntermediatePercent', lang),
    label('womenPercent', lang),
    label('under35Percent', lang),
  ];
  const row = (g: GroupSummary, labelText: string): Cell[] => [
    labelText,
    g.learners,
    g.compliant,
    g.compliantPercent,
    g.trained,
    g.notTrained,
    g.attendances,
    g.classes,
    g.certificates,
    g.learnersWithCertificate,
    g.periodsTotal,
    g.periodsAverage,
    ...bands.map((b) => g.grades[b.id] ?? 0),
    g.tierIntermediateOrAbovePercent,
    g.womenPercent,
    g.under35Percent,
  ];
  const labelOf = (g: GroupSummary): string => (keyLabel === 'position' ? names.position(g.key) : g.label);
  const percentColumns = [3, header.length - 3, header.length - 2, header.length - 1];
  return {
    name,
    title: label(keyLabel === 'unit' ? 'byUnit' : 'byPosition', lang),
    header,
    rows: groups.map((g) => row(g, labelOf(g))),
    totals: row(total, label('total', lang)),
    percentColumns,
  };
}

/** Every table of the report, in the order the workbook and the HTML show them. */
export function reportTables(report: ComplianceReport, taxonomy: Taxonomy, lang: ReportLang): Table[] {
  const names = namesOf(taxonomy, report.courses, lang);
  return [
    groupTable('theo-don-vi', report.byUnit, report.total, 'unit', taxonomy, names, lang),
    groupTable('theo-chuc-danh', report.byPosition, report.total, 'position', taxonomy, names, lang),
    courseTable(report, lang),
    tierTable(report, taxonomy, names, lang),
    learnerTable(report, names, lang),
  ];
}

/** Tier distribution (trình độ lý luận chính trị), per unit and in total, in % of learners. */
export function tierTable(report: ComplianceReport, taxonomy: Taxonomy, names: Names, lang: ReportLang): Table {
  const held = new Set<string>();
  for (const g of [...report.byUnit, report.total]) for (const k of Object.keys(g.tiers)) held.add(k);
  const order = (id: string): number => (id === 'none' ? 99 : (taxonomy.tiers.find((t) => t.id === id)?.order ?? 50));
  const tiers = [...held].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  const pct = (g: GroupSummary, id: string): number => (g.learners ? Math.round(((g.tiers[id] ?? 0) / g.learners) * 1000) / 10 : 0);
  const header = [label('unit', lang), label('learners', lang), ...tiers.map((t) => `${t === 'none' ? label('noTier', lang) : names.tier(t)} (%)`), label('tierIntermediatePercent', lang)];
  const row = (g: GroupSummary, text: string): Cell[] => [text, g.learners, ...tiers.map((t) => pct(g, t)), g.tierIntermediateOrAbovePercent];
  return {
    name: 'trinh-do-llct',
    title: label('tierTable', lang),
    header,
    rows: report.byUnit.map((g) => row(g, g.label)),
    totals: row(report.total, label('total', lang)),
    percentColumns: [...tiers.map((_, i) => i + 2), tiers.length + 2],
  };
}

/** Classes and lượt per course: "mở 04 lớp … cho 245 quần chúng ưu tú". */
export function courseTable(report: ComplianceReport, lang: ReportLang): Table {
  const per = report.total.perCourse;
  const rows = report.courses
    .filter((c) => per[c.id])
    .map((c) => {
      const learners = report.learners.filter((l) => l.courses.some((s) => s.course === c.id && (s.attended || s.classes.length > 0))).length;
      return [c.title, per[c.id]!.classes, per[c.id]!.attendances, learners] as Cell[];
    });
  return {
    name: 'theo-khoa-hoc',
    title: label('byCourse', lang),
    header: [label('courses', lang), label('classes', lang), label('attendances', lang), label('learnersTrained', lang)],
    rows,
    totals: [label('total', lang), report.total.classes, report.total.attendances, report.total.trained],
  };
}
