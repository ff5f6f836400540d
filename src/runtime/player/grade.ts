/** The module grade: the weighted mean of its graded components on the 10-point scale. */
import { type GradeBand, gradeBandFor, EPSILON, formatMark, formatNumber } from '../../core/index.js';
import type { ModuleResult } from '../tracking/index.js';
import type { OutcomeSummary } from './state.js';
import type { Strings } from './strings.js';

export interface GradedComponent {
  readonly id: string;
  readonly weight: number;
}

/**
 * undefined while a graded component has no outcome yet. `passMark` is on the 10-point scale.
 * Weights of 0 everywhere fall back to equal weights rather than dividing by zero.
 */
export function moduleResult(
  graded: readonly GradedComponent[],
  outcomes: Readonly<Record<string, OutcomeSummary>>,
  passMark: number,
  bands: readonly GradeBand[],
): ModuleResult | undefined {
  if (graded.length === 0) return undefined;
  let sum = 0;
  let weights = 0;
  for (const g of graded) {
    const o = outcomes[g.id];
    if (!o) return undefined;
    sum += o.m * g.weight;
    weights += g.weight;
  }
  const mark =
    weights > 0 ? sum / weights : graded.reduce((n, g) => n + (outcomes[g.id]?.m ?? 0), 0) / graded.length;
  const rounded = Math.round(mark * 100) / 100;
  const band = gradeBandFor(bands, rounded);
  const result: { mark: number; scaled: number; passed: boolean; gradeBand?: string } = {
    mark: rounded,
    scaled: Math.round(rounded * 1000) / 10000,
    passed: rounded >= passMark - EPSILON,
  };
  if (band) result.gradeBand = band.id;
  return result;
}

/**
 * The module's result as the learner reads it. Under SCORM the LMS shows the same result as a
 * percentage (Moodle: "100.00" in the gradebook, from score.raw = mark × 10), so the player
 * shows both, "10/10 (100 %)", and the two never look like different results.
 */
export function resultMessage(t: Strings, result: ModuleResult, lang: 'vi' | 'en', withPercent: boolean): string {
  const mark = formatMark(result.mark, lang);
  if (!withPercent) return `${t.completed} ${(result.passed ? t.passed : t.failed)(mark)}`;
  const percent = formatNumber(result.mark * 10, lang);
  return `${t.completed} ${(result.passed ? t.passedPercent : t.failedPercent)(mark, percent)}`;
}
