/** lms: the preview LMS (hosts packages, launches them for real, SCORM → xAPI through core/scorm-xapi). */
export { startPreview, LMS_HOME_PAGE } from './server.js';
export type { PreviewOptions, RunningPreview } from './server.js';
export { moduleStatuses } from './status.js';
