/**
 * The sourcing audit of the taxonomy data: a Ban Tổ chức can only sign a report whose every rule
 * and position says where it comes from (document, article, date) or says that it is an
 * assumption, and from when (and until when) it holds.
 */
import { annualMinimumRules, type Source, type Taxonomy, type Validity } from './taxonomy.js';

export interface AuditFinding {
  /** Where the entry is: "positions/bi-thu-dang-uy-xa", "rules/tierRequirements/nd33-…". */
  readonly entry: string;
  readonly problem: 'no-source' | 'legal-without-article' | 'legal-without-date' | 'no-dates' | 'date-order';
}

function sourceProblems(entry: string, source: Source | undefined): AuditFinding[] {
  if (!source) return [{ entry, problem: 'no-source' }];
  if ('assumption' in source) return source.assumption.trim() ? [] : [{ entry, problem: 'no-source' }];
  const out: AuditFinding[] = [];
  if (!source.article?.trim()) out.push({ entry, problem: 'legal-without-article' });
  if (!source.date) out.push({ entry, problem: 'legal-without-date' });
  return out;
}

function dateProblems(entry: string, v: Validity): AuditFinding[] {
  if (!v.validFrom && !v.validTo) return [{ entry, problem: 'no-dates' }];
  if (v.validFrom && v.validTo && v.validTo < v.validFrom) return [{ entry, problem: 'date-order' }];
  return [];
}

/** Every position, dated rule and unit: a source with article and date, or an assumption; and dates. */
export function auditTaxonomy(t: Taxonomy): AuditFinding[] {
  const out: AuditFinding[] = [];
  const dated = (entry: string, v: Validity & { source?: Source }): void => {
    out.push(...sourceProblems(entry, v.source), ...dateProblems(entry, v));
  };
  for (const p of t.positions) dated(`positions/${p.id}`, p);
  for (const u of t.units ?? []) dated(`units/${u.name}`, u);
  const rules = t.rules;
  if (Array.isArray(rules.annualMinimumPeriods)) for (const r of annualMinimumRules(rules)) dated(`rules/annualMinimumPeriods/${r.id}`, r);
  else out.push({ entry: 'rules/annualMinimumPeriods', problem: 'no-dates' });
  for (const r of rules.tierRequirements ?? []) dated(`rules/tierRequirements/${r.id}`, r);
  for (const r of rules.eligibility ?? []) dated(`rules/eligibility/${r.id}`, r);
  for (const r of rules.knowledgeUpdating ?? []) dated(`rules/knowledgeUpdating/${r.id}`, r);
  for (const [position, list] of Object.entries(rules.requiredCourses)) {
    list.forEach((rc, i) => {
      const entry = `rules/requiredCourses/${position}/${i}`;
      out.push(...sourceProblems(entry, rc.source ?? rules.requiredCoursesSource), ...dateProblems(entry, rc));
    });
  }
  out.push(...sourceProblems('rules/passMark', rules.passMark.source));
  for (const x of t.tiers) out.push(...sourceProblems(`tiers/${x.id}`, x.source));
  for (const b of t.gradeBands) out.push(...sourceProblems(`gradeBands/${b.id}`, b.source));
  return out;
}
