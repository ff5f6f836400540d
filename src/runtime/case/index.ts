/** runtime/case: the case-study player component. */
export { mountCase } from './mount.js';
export { caseOwes } from './owes.js';
export { CASE_STRINGS, outcomeName } from './strings.js';
