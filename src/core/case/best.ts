/**
 * The best score a case allows, found by searching every walk the conditions permit.
 * The best path is worth 10 on the 10-point scale. A walk may take each choice once at most,
 * so loops the author allows (retry a meeting, ask again) cannot inflate the maximum.
 * The same search finds the scenes where a learner can be left with no available choice.
 */
import { assertNever } from '../never.js';
import { holds } from './condition.js';
import type { CaseStudy, Condition } from './model.js';
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
  /** Per end scene reached, the lowest and highest total points of the walks that reach it. */
  readonly endScores: ReadonlyMap<string, { readonly min: number; readonly max: number }>;
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

/** Every chose/visited atom that some condition tests: the only history that can change a future. */
function historyAtoms(cs: CaseStudy): Condition[] {
  const atoms = new Map<string, Condition>();
  const walk = (c: Condition | undefined): void => {
    if (!c) return;
    switch (c.kind) {
      case 'chose':
      case 'visited':
        atoms.set(JSON.stringify(c), c);
        return;
      case 'score':
        // The score so far is part of the search state already.
        return;
      case 'not':
        walk(c.condition);
        return;
      case 'all':
      case 'any':
        c.conditions.forEach(walk);
        return;
      default:
        assertNever(c, 'condition');
    }
  };
  for (const scene of cs.scenes) {
    walk(scene.condition);
    scene.choices.forEach((choice) => walk(choice.condition));
  }
  return [...atoms.values()];
}

/**
 * Choices that lie on a loop (both ends in one strongly connected component). Only these can be
 * offered twice in a walk, so only these need remembering; a loop-free case searches in
 * polynomial time.
 */
function loopEdges(cs: CaseStudy): Set<string> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const component = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  let counter = 0;
  let components = 0;
  const byId = new Map(cs.scenes.map((s) => [s.id, s]));
  const connect = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const c of byId.get(v)?.choices ?? []) {
      if (!byId.has(c.target)) continue;
      if (!index.has(c.target)) {
        connect(c.target);
        low.set(v, Math.min(low.get(v)!, low.get(c.target)!));
      } else if (onStack.has(c.target)) low.set(v, Math.min(low.get(v)!, index.get(c.target)!));
    }
    if (low.get(v) === index.get(v)) {
      for (;;) {
        const w = stack.pop()!;
        onStack.delete(w);
        component.set(w, components);
        if (w === v) break;
      }
      components++;
    }
  };
  for (const s of cs.scenes) if (!index.has(s.id)) connect(s.id);
  const edges = new Set<string>();
  for (const s of cs.scenes) {
    for (const c of s.choices) {
      if (component.has(c.target) && component.get(c.target) === component.get(s.id)) edges.add(`${s.id}.${c.id}`);
    }
  }
  return edges;
}

export function exploreCase(cs: CaseStudy, budget = DEFAULT_BUDGET): CaseExploration {
  const stuck = new Set<string>();
  const endsReached = new Set<string>();
  const endScores = new Map<string, { min: number; max: number }>();
  const memo = new Map<string, Result>();
  const atoms = historyAtoms(cs);
  const loops = loopEdges(cs);
  let expanded = 0;
  let complete = true;

  // A state is what the future depends on: scene, score, which tested facts hold, loop choices taken.
  const keyOf = (walk: CaseWalk, used: ReadonlySet<string>): string => {
    let facts = '';
    for (const atom of atoms) facts += holds(atom, walk) ? '1' : '0';
    return `${walk.scene.id}|${walk.score}|${facts}|${[...used].sort().join(',')}`;
  };

  const visit = (walk: CaseWalk, used: ReadonlySet<string>): Result => {
    if (walk.ended) {
      endsReached.add(walk.scene.id);
      // The score is part of every memo key, so each total an end is reached with passes here.
      const known = endScores.get(walk.scene.id);
      endScores.set(walk.scene.id, known ? { min: Math.min(known.min, walk.score), max: Math.max(known.max, walk.score) } : { min: walk.score, max: walk.score });
      return { best: 0, bestLetters: '', worst: 0 };
    }
    const key = keyOf(walk, used);
    const known = memo.get(key);
    if (known) return known;
    if (++expanded > budget) {
      complete = false;
      return NONE;
    }
    memo.set(key, NONE); // a state met again on its own walk is a loop already accounted for
    const options = availableChoices(cs, walk);
    if (options.length === 0) stuck.add(walk.scene.id);
    let result: Result = { ...NONE };
    for (const choice of options) {
      const edge = `${walk.scene.id}.${choice.id}`;
      if (used.has(edge)) continue;
      const next = chooseInCase(cs, walk, choice.id);
      if (!next) continue;
      let nextUsed = used;
      if (loops.has(edge)) {
        const grown = new Set(used);
        grown.add(edge);
        nextUsed = grown;
      }
      const sub = visit(next, nextUsed);
      if (sub.best === -Infinity) continue;
      const total = choice.points + sub.best;
      if (total > result.best) result = { ...result, best: total, bestLetters: choice.id + sub.bestLetters };
      result.worst = Math.min(result.worst, choice.points + sub.worst);
    }
    memo.set(key, result);
    return result;
  };

  const r = visit(startCaseWalk(cs), new Set());
  return {
    best: r.best === -Infinity ? undefined : r.best,
    bestLetters: r.bestLetters,
    worst: r.worst === Infinity ? undefined : r.worst,
    stuck,
    endsReached,
    endScores,
    complete,
  };
}

/** Points scaled to the 10-point scale, best walk = 10, two decimals, never below 0. */
export function markOf(score: number, best: number | undefined): number {
  if (best === undefined || best <= 0) return 10;
  const mark = Math.max(0, Math.min(10, (score / best) * 10));
  return Math.round(mark * 100) / 100;
}
