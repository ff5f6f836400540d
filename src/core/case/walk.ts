/**
 * Walking a case: a pure state machine. The whole walk is the list of choice letters taken from
 * the start scene; scenes, score and history are replayed from it, so the resume state stays tiny
 * and can never disagree with itself.
 */
import { holds, type WalkFacts } from './condition.js';
import type { CaseChoice, CaseStudy, Scene } from './model.js';

export interface CaseStep {
  readonly scene: string;
  /** Choice letter within the scene. */
  readonly choice: string;
  readonly target: string;
  readonly points: number;
}

export interface CaseWalk extends WalkFacts {
  readonly scene: Scene;
  readonly steps: readonly CaseStep[];
  /** Scene ids in the order seen, the start scene first. */
  readonly path: readonly string[];
  readonly ended: boolean;
}

export function caseScene(cs: CaseStudy, id: string): Scene | undefined {
  return cs.scenes.find((s) => s.id === id);
}

export function isEndScene(scene: Scene): boolean {
  return scene.choices.length === 0;
}

/**
 * The choices the learner may take here: their own condition holds, and so does the
 * condition of the scene they lead to (a scene's condition gates every way into it).
 */
export function availableChoices(cs: CaseStudy, walk: CaseWalk): CaseChoice[] {
  return walk.scene.choices.filter((c) => {
    if (!holds(c.condition, walk)) return false;
    const target = caseScene(cs, c.target);
    return target !== undefined && holds(target.condition, walk);
  });
}

export function startCaseWalk(cs: CaseStudy): CaseWalk {
  const scene = caseScene(cs, cs.start) ?? cs.scenes[0];
  if (!scene) throw new Error(`case ${cs.id} has no scenes`);
  return { scene, steps: [], path: [scene.id], score: 0, visited: new Set([scene.id]), ended: isEndScene(scene) };
}

/** Take choice `letter` at the current scene; undefined when it is not available now. */
export function chooseInCase(cs: CaseStudy, walk: CaseWalk, letter: string): CaseWalk | undefined {
  if (walk.ended) return undefined;
  const choice = availableChoices(cs, walk).find((c) => c.id === letter);
  if (!choice) return undefined;
  const next = caseScene(cs, choice.target);
  if (!next) return undefined;
  const visited = new Set(walk.visited);
  visited.add(next.id);
  return {
    scene: next,
    steps: [...walk.steps, { scene: walk.scene.id, choice: choice.id, target: next.id, points: choice.points }],
    path: [...walk.path, next.id],
    score: walk.score + choice.points,
    visited,
    ended: isEndScene(next),
  };
}

/**
 * Replay a list of letters from the start. Stops at the first letter that no longer applies
 * (content changed since the learner left), keeping every step that still does.
 */
export function replayCase(cs: CaseStudy, letters: string): { walk: CaseWalk; applied: number } {
  let walk = startCaseWalk(cs);
  let applied = 0;
  for (const letter of letters) {
    const next = chooseInCase(cs, walk, letter);
    if (!next) break;
    walk = next;
    applied++;
  }
  return { walk, applied };
}

/** The walk without its last decision (going back), or undefined at the start. */
export function backInCase(cs: CaseStudy, walk: CaseWalk): CaseWalk | undefined {
  if (walk.steps.length === 0) return undefined;
  return replayCase(cs, walkLetters(walk).slice(0, -1)).walk;
}

export function walkLetters(walk: CaseWalk): string {
  return walk.steps.map((s) => s.choice).join('');
}

/** The last decision's choice, for showing its consequence and feedback on arrival. */
export function lastCaseChoice(cs: CaseStudy, walk: CaseWalk): CaseChoice | undefined {
  const step = walk.steps[walk.steps.length - 1];
  if (!step) return undefined;
  return caseScene(cs, step.scene)?.choices.find((c) => c.id === step.choice);
}
