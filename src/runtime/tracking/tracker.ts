/**
 * One tracker per package format. The player calls these; a tracker writes them to its
 * LMS API or LRS. Calls must be cheap and never block page unload.
 */
import type { PackageFormat, AssessmentOutcome, InteractionRecord, InteractionType } from '../../core/index.js';
import type { LaunchMode } from '../context.js';

export interface LaunchInfo {
  readonly mode: LaunchMode;
  /** The learner as the LMS knows them, when it says. */
  readonly learnerName?: string;
  readonly learnerId?: string;
  /** Language preference from the LMS (cmi5 learner preferences, cmi.learner_preference). */
  readonly lang?: 'vi' | 'en';
  /** Mastery score 0..1 given by the LMS (cmi5 LaunchData, cmi.scaled_passing_score). */
  readonly masteryScore?: number;
  /** Where the LMS wants the learner sent when they leave (cmi5 LaunchData.returnURL); the player offers an exit control. */
  readonly returnUrl?: string;
  /** Where the learner left off, when resuming. */
  readonly resume?: { readonly location: string; readonly suspendData: string };
}

export interface ModuleResult {
  /** Module grade on the 10-point scale. */
  readonly mark: number;
  /** mark / 10. */
  readonly scaled: number;
  readonly passed: boolean;
  readonly gradeBand?: string;
}

/** A value the LMS would not keep: SetValue (or Commit) answered "false". */
export interface Refusal {
  /** The data model element (e.g. "cmi.interactions.3.student_response"), or "commit". */
  readonly element: string;
  /** The LMS's error code from GetLastError, e.g. "405". */
  readonly code: string;
}

/** A statement the LRS refused and the player keeps, for the trainee or support to see. */
export interface UndeliveredRecord {
  /** The verb's last path segment: initialized, answered, terminated… */
  readonly verb: string;
  /** When the statement was made, ISO 8601. */
  readonly timestamp: string;
  /** The LRS's HTTP status; 0 when the session that made it left no credentials. */
  readonly status: number;
}

export interface Tracker {
  readonly format: PackageFormat | 'standalone';
  /** Longest suspend data the LMS keeps (SCORM 1.2: 4,096); the player trims its state to fit. */
  readonly suspendLimit?: number;
  /**
   * Characters of a learner's typed response the LMS keeps for an interaction of this type
   * (SCORM 1.2: 255; SCORM 2004: 250 for fill-in, 4,000 for long-fill-in); undefined: all of it.
   */
  responseLimit?(type: InteractionType): number | undefined;
  /** Called for every value the LMS refuses, so the player can tell the learner. */
  onRefusal?(listener: (refusal: Refusal) => void): void;
  /** Find the LMS (or LRS), initialise, and say how the module was launched. */
  start(): Promise<LaunchInfo>;
  /** Where the learner is and the compact resume state; committed incrementally. */
  saveProgress(location: string, suspendData: string): void;
  /** Share of the module seen, 0..1. */
  setProgress(measure: number): void;
  record(interaction: InteractionRecord): void;
  recordOutcome(outcome: AssessmentOutcome): void;
  /** Every page seen (and every graded component done). */
  complete(): void;
  /**
   * The module grade, given just before complete() (and again if a retake after completion
   * improves it), never while the module is unfinished.
   */
  setResult(result: ModuleResult): void;
  /** Flush what is pending to the LMS/LRS. */
  commit(): void;
  /**
   * LRS formats: `listener` gets every statement set aside so far (also those earlier sessions
   * left), now and each time the LRS refuses more.
   */
  watchUndelivered?(listener: (records: readonly UndeliveredRecord[]) => void): void;
  /** End the session; `suspended` when the learner leaves unfinished. Must not block. */
  finish(suspended: boolean): void;
}
