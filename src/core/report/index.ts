/** What a compliance report reads of a statement: the verbs, the class extensions, the fact. */
export { VERB, CLASS_EXT } from './verbs.js';
export { toFact, actorKey, type StatementFact } from './statement-fact.js';
