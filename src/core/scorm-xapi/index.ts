/** SCORM → xAPI: one mapping for the preview LMS and for records pulled from an LMS. */
export { scormCommitToStatements, stableUuid } from './mapping.js';
export type { FlatCmi, ScormAttemptContext } from './mapping.js';
export { sha256Hex } from './sha256.js';
