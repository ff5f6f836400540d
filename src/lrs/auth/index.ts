/** Credentials, scopes and cmi5 launch tokens of the LRS. */
export { Authenticator } from './authenticate.js';
export type { Principal } from './authenticate.js';
export { createCredential, importCredential, listCredentials, revokeCredential } from './credentials.js';
export type { NewCredential } from './credentials.js';
export { LAUNCH_KEY_PREFIX, createLaunchToken, fetchLaunchToken, launchBinding } from './launch.js';
export type { LaunchBinding, NewLaunch } from './launch.js';
export { SCOPES, allows, isScope, parseScopes, readsOnlyMine } from './scopes.js';
export type { Access, Resource, Scope } from './scopes.js';
export { hashSecret, randomSecret, verifySecret } from './secret.js';
export { sameAgentJson } from './agent-identity.js';
export { checkLaunchStatements } from './launch-rules.js';
export { checkLaunchProfile, checkLaunchState } from './launch-access.js';
