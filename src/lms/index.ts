/** lms: the preview LMS (hosts packages, launches them for real, SCORM → xAPI). */
export { startPreview, LMS_HOME_PAGE } from './server.js';
export type { PreviewOptions, RunningPreview } from './server.js';
export { scormCommitToStatements, stableUuid } from './scorm-xapi.js';
export type { FlatCmi, ScormAttemptContext } from './scorm-xapi.js';
export { moduleStatuses } from './status.js';
