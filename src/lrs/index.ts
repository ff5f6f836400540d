/** The xAPI LRS: start it embedded, manage keys and cmi5 launch tokens. */
export { startLrs, openStore } from './server.js';
export { applyRetention, cutoffMonth, eraseLearner, erasurePlan, parseAge, retentionPlan } from './service/index.js';
export type { ErasureRequest, ErasureResult } from './service/index.js';
export type { LrsOptions, RunningLrs } from './server.js';
export {
  createCredential,
  importCredential,
  listCredentials,
  revokeCredential,
  type NewCredential,
  createLaunchToken,
  fetchLaunchToken,
  type LaunchBinding,
  type NewLaunch,
  SCOPES,
  parseScopes,
  type Scope,
} from './auth/index.js';
export type { Store, CredentialStore, CredentialRecord } from './store/index.js';
export { validateStatement, StatementError } from './validate/index.js';
export { XapiError } from './protocol/index.js';
export type { RecordedStatement, Statement, XapiStatus, XapiVersion } from './protocol/index.js';
// For the CLI (a store opened without a server) and the preview LMS (its own request bodies),
// which today import these from inside the LRS.
export { SqliteStore } from './store/sqlite/index.js';
export { openRecordFile, type RecordFile, type SqlParams, type SqlValue } from './store/sqlite/index.js';
export { readBody } from './http/index.js';
// Reports computed inside a PostgreSQL store (`boiduong report --pg`).
export { openReportDigest, type OpenedDigest, type ReportDigest, type ReportDigestQuery, type ReportReplica } from './store/postgres/index.js';
