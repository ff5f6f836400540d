/**
 * xAPI vocabulary and statement builders shared by the runtime, the preview LMS and reports.
 * The statement validator (validate.ts, ajv) is not exported here: core's index re-exports this
 * one and the player imports core, and ajv's top-level code would ride into every package
 * (.dependency-cruiser.cjs forbids the player to reach ajv).
 */
export type { Verb, VerbName } from './verbs.js';
export { VERBS, verbFor } from './verbs.js';
export type { Cmi5LaunchMode, Cmi5MoveOn, Cmi5LaunchData, Cmi5LearnerPreferences } from './cmi5.js';
export { CMI5 } from './cmi5.js';
export { isoDuration, isoTimestamp, uuid } from './time.js';
export { type ReadResponse, readInteractionResponse } from './interaction-response.js';
export type {
  Account,
  Agent,
  ActivityDefinition,
  Activity,
  Score,
  Result,
  ContextActivities,
  Context,
  Statement,
  StatementScope,
  Stamp,
  ModuleStatementOptions,
} from './statement.js';
export {
  ACTIVITY_TYPES,
  moduleActivity,
  buildContext,
  moduleStatement,
  interactionStatement,
  outcomeStatement,
  clampScaled,
} from './statement.js';
