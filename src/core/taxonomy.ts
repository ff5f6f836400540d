/** Positions, tiers, grade bands and compliance rules: data with legal sources, never code. */
import type { LocalText } from './text.js';

/** Where a rule comes from: a legal text, or an honest statement that it is an assumption. */
export type Source =
  | { readonly legal: string; readonly article?: string; readonly url?: string }
  | { readonly assumption: string };

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
  /** Political-theory tier the position calls for, if any. */
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

export interface RequiredCourse {
  readonly course: string;
  readonly modules?: readonly string[];
  /** "once" (ever), or "yearly". */
  readonly every: 'once' | 'yearly';
}

export interface Rules {
  /** Annual minimum of tiết per learner (an assumption unless a source is given). */
  readonly annualMinimumPeriods: { readonly periods: number; readonly source: Source };
  /** Default pass mark on the 10-point scale (TT 01/2018/TT-BNV). */
  readonly passMark: { readonly value: number; readonly source: Source };
  /** Required courses per position id. */
  readonly requiredCourses: Readonly<Record<string, readonly RequiredCourse[]>>;
  readonly requiredCoursesSource?: Source;
}

export interface Taxonomy {
  readonly positions: readonly Position[];
  readonly tiers: readonly Tier[];
  readonly gradeBands: readonly GradeBand[];
  readonly rules: Rules;
}

/** The band a 10-point mark falls in: the band with the highest `min` not above the mark. */
export function gradeBandFor(bands: readonly GradeBand[], mark: number): GradeBand | undefined {
  let best: GradeBand | undefined;
  for (const b of bands) if (mark >= b.min - 1e-9 && (best === undefined || b.min > best.min)) best = b;
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
    const valid = (!p.validFrom || p.validFrom <= date) && (!p.validTo || date <= p.validTo);
    if (valid || !p.replacedBy || p.replacedBy.length === 0) out.add(id);
    else for (const r of p.replacedBy) walk(r);
  };
  walk(positionId);
  return [...out];
}
