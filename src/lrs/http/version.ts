/** X-Experience-API-Version: the rule lives in protocol/version.ts; re-exported for the HTTP layer's callers. */
export { requestVersion } from '../protocol/index.js';
export type { XapiVersion } from '../protocol/index.js';
