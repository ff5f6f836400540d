/** author/case: `:::case` blocks → CaseStudy, lint and the Mermaid view. */
export { casePlugin, courseChecks } from './plugin.js';
export { parseCaseBlock, parseAttributes } from './parse.js';
export type { CaseParse } from './parse.js';
export { parseCondition } from './condition.js';
export type { ConditionParse } from './condition.js';
export { lintCase } from './lint.js';
export type { CaseLint } from './lint.js';
export { caseMermaid } from './mermaid.js';
export { findCaseBlocks, caseInputsOf, moduleMetaOf } from './source.js';
export type { FoundBlock } from './source.js';
