/** What the report remembers per learner and module while statements stream past. */
import type { Period, StatementFact } from './model.js';
import { VERB } from '../core/index.js';

export interface Evidence {
  readonly at: string;
  readonly id: string;
  /** The class held in person the evidence comes from. */
  readonly class?: string;
}

export interface ModuleProgress {
  /** First completion (completed, or passed) up to the end of the period. */
  completedEver?: Evidence;
  /** First completion inside the period. */
  completedInPeriod?: Evidence;
  /** Best 10-point mark up to the end of the period. */
  best?: Evidence & { readonly mark: number };
  bestInPeriod?: Evidence & { readonly mark: number };
  /** Studied online in the period. */
  attendedInPeriod: boolean;
}

/** A class held in person, per learner: its tiết, and whether it was completed in the period. */
export interface ClassAttendance {
  readonly periods: number;
  readonly course: string;
  completedInPeriod?: Evidence;
}

/** The calendar day in Vietnam (UTC+7, no daylight saving) on which a moment falls. */
export function vietnamDay(timestamp: string): string {
  const t = Date.parse(timestamp);
  return Number.isNaN(t) ? timestamp.slice(0, 10) : new Date(t + 7 * 3600_000).toISOString().slice(0, 10);
}

export function inPeriod(period: Period, timestamp: string): boolean {
  const day = vietnamDay(timestamp);
  return day >= period.from && day <= period.to;
}

export function afterPeriod(period: Period, timestamp: string): boolean {
  return vietnamDay(timestamp) > period.to;
}

function earlier(a: Evidence | undefined, b: Evidence): Evidence {
  return a === undefined || b.at < a.at ? b : a;
}

/** Fold one statement about a module into the learner's progress on it. */
export function foldFact(progress: ModuleProgress, fact: StatementFact, period: Period): void {
  const within = inPeriod(period, fact.timestamp);
  if (within && fact.class === undefined) progress.attendedInPeriod = true;
  const evidence = { at: fact.timestamp, id: fact.id, ...(fact.class !== undefined ? { class: fact.class } : {}) };
  const completes =
    fact.verb === VERB.completed || fact.verb === VERB.passed || (fact.completion === true && fact.verb !== VERB.failed);
  if (completes) {
    progress.completedEver = earlier(progress.completedEver, evidence);
    if (within) progress.completedInPeriod = earlier(progress.completedInPeriod, evidence);
  }
  if (fact.mark !== undefined && (fact.verb === VERB.passed || fact.verb === VERB.failed)) {
    const scored = { ...evidence, mark: fact.mark };
    if (!progress.best || fact.mark > progress.best.mark) progress.best = scored;
    if (within && (!progress.bestInPeriod || fact.mark > progress.bestInPeriod.mark)) progress.bestInPeriod = scored;
  }
}
