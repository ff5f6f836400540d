/** compile/targets/scorm12: what the other folders import from this one. */
export { scorm12Manifest, scorm12Target, masteryScore } from './manifest.js';
export { moduleLom, periodsDuration, PERIOD_MINUTES } from './lom.js';
