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
export { XapiError } from './protocol/index.js';
export type { RecordedStatement, Statement, XapiStatus, XapiVersion } from './protocol/index.js';
// For the CLI (a store opened without a server) and the preview LMS (its own request bodies),
// which today import these from inside the LRS.
export { SqliteStore } from './store/sqlite/index.js';
export { readBody } from './http/body.js';
