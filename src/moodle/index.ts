/** moodle: records back from Moodle (REST web services, read-only) as xAPI statements. */
export { MoodleClient, formBody } from './client.js';
export type { MoodleClientOptions, WsParams } from './client.js';
export { MoodleError, explain, failureOf } from './errors.js';
export type { MoodleFailure } from './errors.js';
export { pullFromMoodle } from './pull.js';
export type { MatchBy, MoodlePullOptions, MoodlePullSummary, PullProgress } from './pull.js';
export { lrsWriter, LrsWriteError } from './lrs-writer.js';
export type { LrsWriter } from './lrs-writer.js';
export { scoAttempt } from './tracks.js';
export { moduleIndex } from './modules.js';
