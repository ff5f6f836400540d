/** Validation of xAPI statements and their value formats. */
export { VOIDED, validateStatement } from './statement.js';
export { actor, agent, group } from './actors.js';
export { activity, definition } from './activity.js';
export { StatementError, comparableDuration, isUuid, indexedIri, timestamp } from './primitives.js';
export { accountKey, agentKey } from './identity.js';
export { MAX_DOCUMENT_ID_BYTES, MAX_ID_BYTES, textProblem, timeBound, tooLong } from './limits.js';
