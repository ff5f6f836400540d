/** runtime/tracking/xapi: what the other folders import from this one. */
export { cmi5Launch, xapiLaunch } from './launch.js';
export type { Cmi5Launch, XapiLaunch } from './launch.js';
export { cmi5AuthToken, LrsClient, readJson, stateUrl, agentProfileUrl } from './lrs.js';
export type { FetchLike } from './lrs.js';
export { LrsTracker } from './lrs-tracker.js';
export { ResumeStore, RESUME_STATE_ID } from './resume.js';
export type { Connection, LrsTrackerOptions, StatementKind } from './lrs-tracker.js';
