/** Per-unit and per-position figures, like the ones the articles quote ("3/51 Giỏi, 26 Khá"). */
import type { GroupSummary, LearnerReport } from './model.js';

const round1 = (n: number): number => Math.round(n * 10) / 10;

export function aggregate(
  reports: readonly LearnerReport[],
  keyOf: (r: LearnerReport) => string,
  labelOf: (key: string) => string,
): GroupSummary[] {
  const groups = new Map<string, LearnerReport[]>();
  for (const r of reports) {
    const k = keyOf(r);
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  }
  if (groups.size === 0) groups.set('*', []);
  return [...groups]
    .map(([key, members]) => {
      const grades: Record<string, number> = {};
      let attendances = 0;
      const classes = new Set<string>();
      let certificates = 0;
      let periodsTotal = 0;
      for (const r of members) {
        periodsTotal += r.periodsCompleted;
        for (const c of r.courses) {
          if (c.attended) attendances++;
          attendances += c.classes.length;
          for (const id of c.classes) classes.add(id);
          if (c.certificate) certificates++;
          if (c.gradeBand) grades[c.gradeBand] = (grades[c.gradeBand] ?? 0) + 1;
        }
      }
      const compliant = members.filter((r) => r.compliant).length;
      return {
        key,
        label: labelOf(key),
        learners: members.length,
        compliant,
        compliantPercent: members.length ? round1((compliant / members.length) * 100) : 0,
        attendances,
        classes: classes.size,
        certificates,
        periodsTotal,
        periodsAverage: members.length ? round1(periodsTotal / members.length) : 0,
        grades,
      };
    })
    .sort((a, b) => a.label.localeCompare(b.label, 'vi'));
}
