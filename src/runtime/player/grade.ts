/** The module grade: the weighted mean of its graded components on the 10-point scale. */
import { type GradeBand, gradeBandFor } from '../../core/index.js';
import type { ModuleResult } from '../tracking/index.js';
import type { OutcomeSummary } from './state.js';

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
    passed: rounded >= passMark - 1e-9,
  };
  if (band) result.gradeBand = band.id;
  return result;
}
