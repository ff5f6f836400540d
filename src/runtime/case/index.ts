/** runtime/case: the case-study player component. */
export { mountCase, caseOwes } from './mount.js';
export { CASE_STRINGS, outcomeName } from './strings.js';
