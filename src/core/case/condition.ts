/** Conditions on a walk so far: evaluated while walking and while searching for the best path. */
import { EPSILON } from '../epsilon.js';
import type { Comparison, Condition } from './model.js';

/** What a condition can look at: the score so far, the decisions taken and the scenes seen. */
export interface WalkFacts {
  readonly score: number;
  /** Decisions in order, as scene → target. */
  readonly steps: readonly { readonly scene: string; readonly target: string }[];
  readonly visited: ReadonlySet<string>;
}

function compare(a: number, op: Comparison, b: number): boolean {
  switch (op) {
    case '>=':
      return a >= b - EPSILON;
    case '>':
      return a > b + EPSILON;
    case '<=':
      return a <= b + EPSILON;
    case '<':
      return a < b - EPSILON;
    case '==':
      return Math.abs(a - b) < EPSILON;
    case '!=':
      return Math.abs(a - b) >= EPSILON;
  }
}

export function holds(condition: Condition | undefined, facts: WalkFacts): boolean {
  if (condition === undefined) return true;
  switch (condition.kind) {
    case 'score':
      return compare(facts.score, condition.op, condition.value);
    case 'chose':
      return facts.steps.some(
        (s) => s.target === condition.target && (condition.scene === undefined || s.scene === condition.scene),
      );
    case 'visited':
      return facts.visited.has(condition.scene);
    case 'not':
      return !holds(condition.condition, facts);
    case 'all':
      return condition.conditions.every((c) => holds(c, facts));
    case 'any':
      return condition.conditions.some((c) => holds(c, facts));
  }
}

/** The condition in the authoring syntax, e.g. `score >= 2 and chose lang-nghe`. */
export function conditionText(condition: Condition): string {
  switch (condition.kind) {
    case 'score':
      return `score ${condition.op} ${condition.value}`;
    case 'chose':
      return condition.scene === undefined ? `chose ${condition.target}` : `chose ${condition.target} at ${condition.scene}`;
    case 'visited':
      return `visited ${condition.scene}`;
    case 'not': {
      const inner = conditionText(condition.condition);
      return condition.condition.kind === 'all' || condition.condition.kind === 'any' ? `not (${inner})` : `not ${inner}`;
    }
    case 'all':
    case 'any': {
      const joiner = condition.kind === 'all' ? ' and ' : ' or ';
      return condition.conditions
        .map((c) => (c.kind === 'all' || c.kind === 'any' ? `(${conditionText(c)})` : conditionText(c)))
        .join(joiner);
    }
  }
}

/** Every scene id a condition names, with the role it names it in (for lint). */
export function conditionRefs(condition: Condition | undefined): { kind: 'chose' | 'at' | 'visited'; scene: string; target?: string }[] {
  if (condition === undefined) return [];
  switch (condition.kind) {
    case 'score':
      return [];
    case 'chose':
      return condition.scene === undefined
        ? [{ kind: 'chose', scene: condition.target }]
        : [{ kind: 'chose', scene: condition.target }, { kind: 'at', scene: condition.scene, target: condition.target }];
    case 'visited':
      return [{ kind: 'visited', scene: condition.scene }];
    case 'not':
      return conditionRefs(condition.condition);
    case 'all':
    case 'any':
      return condition.conditions.flatMap((c) => conditionRefs(c));
  }
}
