/** The xAPI LRS: start it embedded, manage keys and cmi5 launch tokens. */
export { startLrs, openStore } from './server.js';
export type { LrsOptions, RunningLrs } from './server.js';
export { createCredential, importCredential, listCredentials, revokeCredential } from './auth/credentials.js';
export type { NewCredential } from './auth/credentials.js';
export { createLaunchToken, fetchLaunchToken } from './auth/launch.js';
export type { LaunchBinding, NewLaunch } from './auth/launch.js';
export { SCOPES, parseScopes } from './auth/scopes.js';
export type { Scope } from './auth/scopes.js';
export type { Store, CredentialStore, CredentialRecord } from './store/store.js';
export { validateStatement } from './validate/statement.js';
export { StatementError } from './validate/primitives.js';
export { openRecordFile } from './store/sqlite/record-file.js';
export type { RecordFile, SqlParams, SqlValue } from './store/sqlite/record-file.js';
