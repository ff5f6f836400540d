/** Per-unit and per-position figures, like the ones the articles quote ("3/51 Giỏi, 26 Khá"). */
import { tierSatisfies, type Tier } from '../core/index.js';
import type { GroupSummary, LearnerReport } from './model.js';

const round1 = (n: number): number => Math.round(n * 10) / 10;
const percent = (part: number, whole: number): number => (whole ? round1((part / whole) * 100) : 0);

/** What the figures need beyond the learners: the tiers, and the year ages are counted in. */
export interface AggregateContext {
  readonly tiers: readonly Tier[];
  readonly year: number;
}

const WOMEN = new Set(['nữ', 'nu', 'n', 'f', 'female', 'woman']);

export function isWoman(sex: string | undefined): boolean {
  return sex !== undefined && WOMEN.has(sex.normalize('NFC').trim().toLowerCase());
}

export function summarise(key: string, label: string, members: readonly LearnerReport[], ctx: AggregateContext): GroupSummary {
  const grades: Record<string, number> = {};
  const tiers: Record<string, number> = {};
  const perCourse: Record<string, { attendances: number; classes: Set<string> }> = {};
  const classes = new Set<string>();
  let attendances = 0;
  let certificates = 0;
  let periodsTotal = 0;
  let trained = 0;
  let withCertificate = 0;
  let intermediate = 0;
  let women = 0;
  let under35 = 0;
  for (const r of members) {
    periodsTotal += r.periodsCompleted;
    if (r.periodsCompleted > 0) trained++;
    const tier = r.learner.tier ?? 'none';
    tiers[tier] = (tiers[tier] ?? 0) + 1;
    if (tierSatisfies(ctx.tiers, r.learner.tier, 'trung-cap')) intermediate++;
    if (isWoman(r.learner.sex)) women++;
    if (r.learner.birthYear !== undefined && ctx.year - r.learner.birthYear < 35) under35++;
    if (r.courses.some((c) => c.certificate)) withCertificate++;
    for (const c of r.courses) {
      const course = (perCourse[c.course] ??= { attendances: 0, classes: new Set() });
      const lượt = (c.attended ? 1 : 0) + c.classes.length;
      attendances += lượt;
      course.attendances += lượt;
      for (const id of c.classes) {
        classes.add(id);
        course.classes.add(id);
      }
      if (c.certificate) certificates++;
      if (c.classification) grades[c.classification] = (grades[c.classification] ?? 0) + 1;
    }
  }
  const compliant = members.filter((r) => r.compliant).length;
  const n = members.length;
  return {
    key,
    label,
    learners: n,
    compliant,
    compliantPercent: percent(compliant, n),
    attendances,
    classes: classes.size,
    certificates,
    periodsTotal,
    periodsAverage: n ? round1(periodsTotal / n) : 0,
    grades,
    trained,
    notTrained: n - trained,
    learnersWithCertificate: withCertificate,
    tiers,
    tierIntermediateOrAbovePercent: percent(intermediate, n),
    women,
    womenPercent: percent(women, n),
    under35,
    under35Percent: percent(under35, n),
    perCourse: Object.fromEntries(Object.entries(perCourse).map(([id, c]) => [id, { attendances: c.attendances, classes: c.classes.size }])),
  };
}

export function aggregate(
  reports: readonly LearnerReport[],
  keyOf: (r: LearnerReport) => string,
  labelOf: (key: string) => string,
  ctx: AggregateContext,
): GroupSummary[] {
  const groups = new Map<string, LearnerReport[]>();
  for (const r of reports) {
    const k = keyOf(r);
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  }
  return [...groups].map(([key, members]) => summarise(key, labelOf(key), members, ctx)).sort((a, b) => a.label.localeCompare(b.label, 'vi'));
}
