/** lms/pages: what the other folders import from this one. */
export { esc, t } from './strings.js';
export type { UiLang } from './strings.js';
export { cataloguePage } from './catalogue.js';
export type { ModuleStatus } from './catalogue.js';
export { layout } from './layout.js';
export { statementsPage } from './statements.js';
export { transcriptPage } from './transcript.js';
export { activityLookup } from './activities.js';
export type { ActivityLookup } from './activities.js';
