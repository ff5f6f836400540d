/**
 * The best score a case allows, found by searching every walk the conditions permit.
 * The best path is worth 10 on the 10-point scale. A walk may take each choice once at most,
 * so loops the author allows (retry a meeting, ask again) cannot inflate the maximum.
 * The same search finds the scenes where a learner can be left with no available choice.
 */
import type { CaseStudy } from './model.js';
import { availableChoices, chooseInCase, startCaseWalk, type CaseWalk } from './walk.js';

export interface CaseExploration {
  /** Highest total points over walks that reach an end scene; undefined when none does. */
  readonly best: number | undefined;
  /** Letters of one best walk. */
  readonly bestLetters: string;
  /** Lowest total over complete walks. */
  readonly worst: number | undefined;
  /** Non-end scenes where some walk leaves the learner with no available choice. */
  readonly stuck: ReadonlySet<string>;
  /** End scenes some walk reaches. */
  readonly endsReached: ReadonlySet<string>;
  /** False when the search hit its budget: figures are then a lower bound. */
  readonly complete: boolean;
}

interface Result {
  best: number;
  bestLetters: string;
  worst: number;
}

const NONE: Result = { best: -Infinity, bestLetters: '', worst: Infinity };

/** Search budget in expanded states: generous for hand-written cases (tens of scenes). */
const DEFAULT_BUDGET = 200_000;

export function exploreCase(cs: CaseStudy, budget = DEFAULT_BUDGET): CaseExploration {
  const stuck = new Set<string>();
  const endsReached = new Set<string>();
  const memo = new Map<string, Result>();
  let expanded = 0;
  let complete = true;

  // A state is what conditions can see: scene, score and the edges taken (which fix chosen/visited).
  const keyOf = (walk: CaseWalk, used: ReadonlySet<string>): string =>
    `${walk.scene.id}|${walk.score}|${[...used].sort().join(',')}|${[...walk.visited].sort().join(',')}`;

  const visit = (walk: CaseWalk, used: ReadonlySet<string>): Result => {
    if (walk.ended) {
      endsReached.add(walk.scene.id);
      return { best: 0, bestLetters: '', worst: 0 };
    }
    const key = keyOf(walk, used);
    const known = memo.get(key);
    if (known) return known;
    if (++expanded > budget) {
      complete = false;
      return NONE;
    }
    memo.set(key, NONE); // guards against re-entry through a loop of untaken edges
    const options = availableChoices(cs, walk);
    if (options.length === 0) stuck.add(walk.scene.id);
    let result: Result = { ...NONE };
    for (const choice of options) {
      const edge = `${walk.scene.id}.${choice.id}`;
      if (used.has(edge)) continue;
      const next = chooseInCase(cs, walk, choice.id);
      if (!next) continue;
      const nextUsed = new Set(used);
      nextUsed.add(edge);
      const sub = visit(next, nextUsed);
      if (sub.best === -Infinity) continue;
      const total = choice.points + sub.best;
      if (total > result.best) result = { ...result, best: total, bestLetters: choice.id + sub.bestLetters };
      result.worst = Math.min(result.worst, choice.points + sub.worst);
    }
    memo.set(key, result);
    return result;
  };

  const start = startCaseWalk(cs);
  const r = visit(start, new Set());
  return {
    best: r.best === -Infinity ? undefined : r.best,
    bestLetters: r.bestLetters,
    worst: r.worst === Infinity ? undefined : r.worst,
    stuck,
    endsReached,
    complete,
  };
}

/** Points scaled to the 10-point scale, best walk = 10, two decimals, never below 0. */
export function markOf(score: number, best: number | undefined): number {
  if (best === undefined || best <= 0) return 10;
  const mark = Math.max(0, Math.min(10, (score / best) * 10));
  return Math.round(mark * 100) / 100;
}
