/** A submitted test attempt as the AssessmentOutcome the player folds into the module grade. */
import type { AssessmentOutcome } from '../tracking.js';
import { EXT } from '../tracking.js';
import type { TestSpec } from './model.js';
import type { AttemptScore } from './scoring.js';

export interface OutcomeContext {
  readonly activityId: string;
  /** Title in the module language. */
  readonly title: Readonly<Record<string, string>>;
  /** 1-based attempt number. */
  readonly attempt: number;
  readonly durationMs: number;
}

export function testOutcome(test: Pick<TestSpec, 'id' | 'weight'>, score: AttemptScore, at: OutcomeContext): AssessmentOutcome {
  return {
    kind: 'test',
    id: test.id,
    activityId: at.activityId,
    title: at.title,
    mark: score.mark,
    raw: score.earned,
    max: score.max,
    passed: score.passed,
    weight: test.weight,
    ...(score.gradeBand ? { gradeBand: score.gradeBand.id } : {}),
    durationMs: Math.max(0, Math.round(at.durationMs)),
    extensions: { [EXT.attempt]: at.attempt },
  };
}
