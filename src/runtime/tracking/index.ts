/** runtime/tracking: what the other folders import from this one. */
export { pickTracker, standaloneKey, registerTracker, scorm12Factory, scorm2004Factory, cmi5Factory, xapiFactory, TRACKER_FACTORIES } from './registry.js';
export type { TrackerFactory } from './registry.js';
export { StandaloneTracker } from './standalone.js';
export type { StandaloneRecord } from './standalone.js';
export type { LaunchInfo, ModuleResult, Tracker, Refusal, UndeliveredRecord } from './tracker.js';
export { findScorm12Api } from './scorm12-api.js';
export type { Scorm12Api } from './scorm12-api.js';
export { Scorm12Tracker, SCORM12_LIMITS } from './scorm12.js';
export type { Scorm12Options } from './scorm12.js';
export { scorm12Timespan, scorm12TimeOfDay } from './time.js';
export { askLaunch, earlyLaunchOf, EARLY_GLOBAL, sessionStore } from './cmi5-launch.js';
export type { Cmi5Answers, EarlyCmi5Launch } from './cmi5-launch.js';
export { cmi5Launch } from './xapi/index.js';
