/**
 * What the quiz and case engines hand to the tracking layer. Each engine formats its own
 * responses for every standard, so the SCORM/cmi5/xAPI trackers only write fields.
 */
import type { LocalText } from './text.js';

/** SCORM 2004 / xAPI interaction types. */
export type InteractionType =
  | 'true-false'
  | 'choice'
  | 'fill-in'
  | 'long-fill-in'
  | 'likert'
  | 'matching'
  | 'performance'
  | 'sequencing'
  | 'numeric'
  | 'other';

/** SCORM 1.2 has no long-fill-in; reflections go as performance there. */
export type Scorm12InteractionType = Exclude<InteractionType, 'long-fill-in' | 'other'>;

export type InteractionResult = 'correct' | 'incorrect' | 'unanticipated' | 'neutral' | number;

export interface InteractionRecord {
  /** short_identifier_type: no spaces, stable across attempts, e.g. "kt-cuoi.q12" . */
  readonly id: string;
  /** Activity IRI of the question / decision, for xAPI. */
  readonly activityId: string;
  readonly type: InteractionType;
  readonly description: LocalText;
  readonly result: InteractionResult;
  readonly weighting: number;
  readonly latencyMs: number;
  /** When the learner answered (ISO 8601 with zone). */
  readonly timestamp: string;
  readonly scorm2004: { readonly learnerResponse: string; readonly correctPatterns: readonly string[] };
  readonly scorm12: {
    readonly type: Scorm12InteractionType;
    readonly studentResponse: string;
    readonly correctPatterns: readonly string[];
  };
  /** xAPI activity definition (type cmi.interaction, interactionType, choices…). */
  readonly xapiDefinition: Readonly<Record<string, unknown>>;
  /** xAPI result.response (SCORM 2004 syntax) and score. */
  readonly xapiResult: {
    readonly response: string;
    readonly success?: boolean;
    readonly score?: { readonly raw: number; readonly min: number; readonly max: number; readonly scaled?: number };
  };
  /** xAPI verb id; defaults to answered. */
  readonly verb?: string;
  /** Extra xAPI context: parent activity (test or case) IRI. */
  readonly parentActivityId?: string;
  readonly extensions?: Readonly<Record<string, unknown>>;
}

/** A graded component's outcome (a test attempt or a case walk-through). */
export interface AssessmentOutcome {
  readonly kind: 'test' | 'case';
  readonly id: string;
  readonly activityId: string;
  readonly title: LocalText;
  /** Mark on the 10-point scale. */
  readonly mark: number;
  readonly raw: number;
  readonly max: number;
  readonly passed: boolean;
  readonly weight: number;
  readonly gradeBand?: string;
  readonly durationMs: number;
  readonly extensions?: Readonly<Record<string, unknown>>;
}

/** Extension IRIs this toolkit writes into xAPI results and contexts. */
export const EXT = {
  gradeBand: 'https://boiduong.github.io/xapi/extensions/grade-band',
  mark10: 'https://boiduong.github.io/xapi/extensions/mark-10',
  moduleVersion: 'https://boiduong.github.io/xapi/extensions/module-version',
  periods: 'https://boiduong.github.io/xapi/extensions/periods',
  positions: 'https://boiduong.github.io/xapi/extensions/positions',
  tier: 'https://boiduong.github.io/xapi/extensions/tier',
  casePath: 'https://boiduong.github.io/xapi/extensions/case-path',
  caseOutcome: 'https://boiduong.github.io/xapi/extensions/case-outcome',
  attempt: 'https://boiduong.github.io/xapi/extensions/attempt',
} as const;
