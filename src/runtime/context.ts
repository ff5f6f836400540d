/**
 * The contract between the player and the interactive components (quiz, test, case) it mounts.
 * Components never talk to the LMS: they record interactions and outcomes here,
 * and the player's tracker writes them in the package's format.
 */
import type { ModulePackage, AssessmentOutcome, InteractionRecord, InteractionType } from '../core/index.js';

export type LaunchMode = 'normal' | 'browse' | 'review';

export interface RuntimeContext {
  readonly lang: 'vi' | 'en';
  readonly data: ModulePackage;
  readonly mode: LaunchMode;
  /** Text in the learner's language: pick(vi, en). */
  pick(vi: string, en: string): string;
  /** A component's resume state, kept in suspend_data: keep it compact. */
  loadState<T>(key: string): T | undefined;
  saveState(key: string, value: unknown): void;
  /**
   * Whether saving `value` under `key` keeps the whole resume state within what the LMS keeps
   * (SCORM 1.2: 4,096 characters), so a component can shorten its state itself and say so.
   */
  readonly fitsState?: (key: string, value: unknown) => boolean;
  /** The LMS shows marks as percentages (SCORM: score.raw on 0–100), so a mark says "10/10 (100 %)" as well. */
  readonly marksAsPercent?: boolean;
  /** Characters of a typed response the LMS keeps for this interaction type; undefined: all. */
  responseLimit?(type: InteractionType): number | undefined;
  /** One answered question, decision or reflection. */
  record(interaction: InteractionRecord): void;
  /** A finished test attempt or case walk-through; the player folds it into the module grade. */
  reportOutcome(outcome: AssessmentOutcome): void;
  /**
   * What the component still asks of the trainee may have changed (a reflection was sent): the
   * player checks again whether the module is complete (see `OwedWork`).
   */
  workChanged?(): void;
  /** Announce a message to screen readers through the player's live region. */
  announce(message: string): void;
  now(): number;
}

/** A component mounts itself into its placeholder element. */
export type MountComponent = (el: HTMLElement, id: string, ctx: RuntimeContext) => void;

/**
 * What a component still asks of the trainee before the module may be completed (a case's
 * reflection), one phrase each in the trainee's language, read from the component's saved state
 * through `ctx.loadState`: the component need not be on screen, so a relaunch on another page
 * still knows.
 */
export type OwedWork = (id: string, ctx: RuntimeContext) => readonly string[];
