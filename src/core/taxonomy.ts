/** Positions, tiers, grade bands and compliance rules: data with legal sources, never code. */
import { EPSILON } from './epsilon.js';
import type { LocalText } from './text.js';

/** Where a rule comes from: a legal text, or an honest statement that it is an assumption. */
export type Source =
  | {
      readonly legal: string;
      readonly article?: string;
      /** Date the text was issued (ISO), so a reader can find the right version of it. */
      readonly date?: string;
      readonly url?: string;
      /** What was checked in the text and what was not (a partial check is said so here). */
      readonly note?: string;
    }
  | { readonly assumption: string };

/** The days a rule or an entry holds: ISO dates, both inclusive, absent means open-ended. */
export interface Validity {
  readonly validFrom?: string;
  readonly validTo?: string;
}

/** Whether a dated entry is in force on `date` (ISO yyyy-mm-dd). */
export function inForce(entry: Validity, date: string): boolean {
  return (!entry.validFrom || entry.validFrom <= date) && (!entry.validTo || date <= entry.validTo);
}

export interface Position {
  readonly id: string;
  readonly name: LocalText;
  /** "can-bo" | "cong-chuc" | "vi-tri-viec-lam" | "doi-tuong-khac" … */
  readonly kind: string;
  /** ISO dates; absent means open-ended. */
  readonly validFrom?: string;
  readonly validTo?: string;
  /** Positions that replace this one after `validTo` (the 2025 reform's old→new mapping). */
  readonly replacedBy?: readonly string[];
  /**
   * Political-theory tier the position calls for, undated. Kept for older taxonomy folders;
   * the sample data states requirements as dated `tierRequirements` in rules.yaml instead.
   */
  readonly requiredTier?: string;
  readonly source: Source;
}

export interface Tier {
  readonly id: string;
  readonly name: LocalText;
  /** Higher is more advanced: so-cap 1 < trung-cap 2 < cao-cap 3. */
  readonly order: number;
  /** Other tier ids this one counts as (cu-nhan-chinh-tri counts as cao-cap). */
  readonly equivalentTo?: readonly string[];
  readonly source: Source;
}

export interface GradeBand {
  readonly id: string;
  readonly name: LocalText;
  /** Lowest mark on the 10-point scale that falls in this band. */
  readonly min: number;
  readonly passing: boolean;
  readonly source: Source;
}

export interface RequiredCourse extends Validity {
  readonly course: string;
  readonly modules?: readonly string[];
  /** "once" (ever), or "yearly". */
  readonly every: 'once' | 'yearly';
  /** A deadline tied to an event of the learner: e.g. within 12 months of admission to the Party. */
  readonly within?: { readonly months: number; readonly from: 'admission' };
  /**
   * Modules (chuyên đề) the full programme has. When the catalogue course has fewer, completing
   * it cannot count as completing the programme (a sample course of 2 of 10 topics).
   */
  readonly programmeModules?: number;
  readonly source?: Source;
}

/** A minimum of tiết per year for one kind of position (cán bộ, công chức, đảng viên …). */
export interface AnnualMinimumRule extends Validity {
  readonly id: string;
  /** Position kinds (Position.kind) the minimum applies to. */
  readonly kinds: readonly string[];
  /** 0 means: no yearly minimum for these kinds (stated, so that the absence is sourced too). */
  readonly periods: number;
  readonly source: Source;
}

/** What a position requires (a standard the holder must meet), dated. */
export interface TierRequirement extends Validity {
  readonly id: string;
  readonly positions: readonly string[];
  readonly tier: string;
  readonly source: Source;
}

/**
 * Who may be sent to a political-theory course (đối tượng đào tạo, e.g. Quy định 350-QĐ/TW):
 * eligibility, never a requirement.
 */
export interface EligibilityRule extends Validity {
  readonly id: string;
  readonly tier: string;
  readonly positions: readonly string[];
  readonly source: Source;
}

/** Membership of a group that must take part in knowledge updating (e.g. Quy định 145-QĐ/TW). */
export interface KnowledgeUpdatingRule extends Validity {
  readonly id: string;
  readonly group: LocalText;
  readonly positions: readonly string[];
  readonly source: Source;
}

export interface Rules {
  /**
   * Annual minimum of tiết: one rule per kind of position, dated. The single-object form (one
   * number for everybody) is still read, as a rule for every kind.
   */
  readonly annualMinimumPeriods: readonly AnnualMinimumRule[] | { readonly periods: number; readonly source: Source };
  /** Default pass mark on the 10-point scale (TT 01/2018/TT-BNV). */
  readonly passMark: { readonly value: number; readonly source: Source };
  /** Required courses per position id. */
  readonly requiredCourses: Readonly<Record<string, readonly RequiredCourse[]>>;
  readonly requiredCoursesSource?: Source;
  readonly tierRequirements?: readonly TierRequirement[];
  readonly eligibility?: readonly EligibilityRule[];
  readonly knowledgeUpdating?: readonly KnowledgeUpdatingRule[];
  /** How a course's mark is formed; a course not listed takes the mean of its graded modules. */
  readonly courseMarks?: readonly CourseMarkRule[];
}

/**
 * A course's mark: `mean` of its graded modules' best marks, or `final`: the best mark of its final
 * test module (`module`, by default the last graded module of the course).
 */
export interface CourseMarkRule {
  readonly course: string;
  readonly mark: 'mean' | 'final';
  readonly module?: string;
  readonly source?: Source;
}

/** A unit (đơn vị, usually a commune) with its dates; a merged one names what it became. */
export interface Unit extends Validity {
  readonly name: string;
  /** The unit it was merged into after `validTo` (the 2025 reorganisation of communes). */
  readonly mergedInto?: string;
  readonly source: Source;
}

export interface Taxonomy {
  readonly positions: readonly Position[];
  readonly tiers: readonly Tier[];
  readonly gradeBands: readonly GradeBand[];
  readonly rules: Rules;
  /** Units and their mergers (units.yaml); absent in older taxonomy folders. */
  readonly units?: readonly Unit[];
}

/** The annual minimum rules, whichever form rules.yaml used. */
export function annualMinimumRules(rules: Rules): readonly AnnualMinimumRule[] {
  const a = rules.annualMinimumPeriods;
  return Array.isArray(a) ? (a as readonly AnnualMinimumRule[]) : [{ id: 'annual-minimum', kinds: ['*'], periods: (a as { periods: number }).periods, source: (a as { source: Source }).source }];
}

/** The unit a roster name stands for on `date`: itself while it exists, else what it was merged into. */
export function resolveUnit(units: readonly Unit[] | undefined, name: string, date: string): string {
  const byName = new Map((units ?? []).map((u) => [u.name, u]));
  const seen = new Set<string>();
  let current = name;
  for (let u = byName.get(current); u && !inForce(u, date) && u.mergedInto && !seen.has(current); u = byName.get(current)) {
    seen.add(current);
    current = u.mergedInto;
  }
  return current;
}

/** The band a 10-point mark falls in: the band with the highest `min` not above the mark. */
export function gradeBandFor(bands: readonly GradeBand[], mark: number): GradeBand | undefined {
  let best: GradeBand | undefined;
  for (const b of bands) if (mark >= b.min - EPSILON && (best === undefined || b.min > best.min)) best = b;
  return best;
}

/** Whether holding tier `held` satisfies a requirement for tier `required`, with equivalences. */
export function tierSatisfies(tiers: readonly Tier[], held: string | null | undefined, required: string): boolean {
  if (!held) return false;
  const byId = new Map(tiers.map((t) => [t.id, t]));
  const need = byId.get(required);
  if (!need) return false;
  const seen = new Set<string>();
  const stack = [held];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const t = byId.get(id);
    if (!t) continue;
    if (t.order >= need.order) return true;
    for (const e of t.equivalentTo ?? []) stack.push(e);
  }
  return false;
}

/**
 * The positions valid on `date` that `positionId` stands for: itself when valid then,
 * otherwise what it was replaced by (followed transitively).
 */
export function resolvePosition(positions: readonly Position[], positionId: string, date: string): string[] {
  const byId = new Map(positions.map((p) => [p.id, p]));
  const out = new Set<string>();
  const seen = new Set<string>();
  const walk = (id: string): void => {
    if (seen.has(id)) return;
    seen.add(id);
    const p = byId.get(id);
    if (!p) return;
    if (inForce(p, date) || !p.replacedBy || p.replacedBy.length === 0) out.add(id);
    else for (const r of p.replacedBy) walk(r);
  };
  walk(positionId);
  return [...out];
}
