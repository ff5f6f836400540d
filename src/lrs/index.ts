/** The xAPI LRS: start it embedded, manage keys and cmi5 launch tokens. */
export { startLrs, openStore } from './server.js';
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
export { openRecordFile, type RecordFile, type SqlParams, type SqlValue } from './store/sqlite/index.js';
