/** core/case: what the other folders import from this one. */
export type { Comparison, Condition, CaseChoice, Reflection, Scene, CaseStudy } from './model.js';
export { holds, conditionText, conditionRefs } from './condition.js';
export type { WalkFacts } from './condition.js';
export {
  caseScene,
  isEndScene,
  availableChoices,
  startCaseWalk,
  chooseInCase,
  replayCase,
  backInCase,
  walkLetters,
  lastCaseChoice,
} from './walk.js';
export type { CaseStep, CaseWalk } from './walk.js';
export { exploreCase, markOf } from './best.js';
export type { CaseExploration } from './best.js';
export { EMPTY_CASE_STATE, packCaseState, unpackCaseState } from './state.js';
export type { CaseState, PackedCaseState } from './state.js';
export { reflectionsOwed } from './owed.js';
export { OUTCOME_LABELS, outcomeLabel } from './outcomes.js';
export type { OutcomeLabel, OutcomeVerdict } from './outcomes.js';
export {
  CASE_EXT,
  caseActivityId,
  sceneActivityId,
  decisionRecord,
  reflectionRecord,
  caseOutcome,
  REFLECTION_LIMIT_2004,
  REFLECTION_LIMIT_12,
} from './records.js';
export type { DecisionContext, ReflectionContext, OutcomeContext } from './records.js';
