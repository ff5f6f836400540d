/** core: the typed domain. Pure and browser-safe; imports nothing else from src/. */
export type { LocalText, Lang } from './text.js';
export { pickText, nfc, stripDiacritics, fold, slugify, isSlug, safeFileName, levenshtein, nearest, SLUG_PATTERN } from './text.js';
export { EPSILON } from './epsilon.js';
export type { Diagnostic, Severity, Location } from './diagnostic.js';
export { diagnostic, hasErrors, sortDiagnostics, formatDiagnostic } from './diagnostic.js';
export type {
  Source,
  Position,
  Tier,
  GradeBand,
  RequiredCourse,
  Rules,
  Taxonomy,
  Validity,
  AnnualMinimumRule,
  TierRequirement,
  EligibilityRule,
  KnowledgeUpdatingRule,
  Unit,
} from './taxonomy.js';
export { gradeBandFor, tierSatisfies, resolvePosition, resolveUnit, inForce, annualMinimumRules } from './taxonomy.js';
export { auditTaxonomy, type AuditFinding } from './taxonomy-audit.js';
export type { ModuleLanguage, ModuleMeta, Page, Asset, Module, Provider, Course } from './model.js';
export { iri } from './model.js';
export type { Learner } from './roster.js';
export { parseRoster } from './roster.js';
export type {
  InteractionType,
  Scorm12InteractionType,
  InteractionResult,
  InteractionRecord,
  AssessmentOutcome,
} from './tracking.js';
export { EXT } from './tracking.js';
export type { PackageFormat, PackedTest, ModulePackage } from './package.js';
export { PACKAGE_FORMATS } from './package.js';
export type {
  QuestionKind,
  QuestionOf,
  QuestionBase,
  Choice,
  ChoiceQuestion,
  FillQuestion,
  NumericQuestion,
  MatchItem,
  MatchingQuestion,
  OrderingQuestion,
  EssayQuestion,
  Question,
  ReviewMode,
  Draw,
  TestSpec,
} from './quiz/model.js';
export { QUESTION_KINDS, isQuestionKind } from './quiz/kinds.js';
export { assertNever } from './never.js';
export type { Comparison, Condition, CaseChoice, Reflection, Scene, CaseStudy } from './case/model.js';
export type { WalkFacts } from './case/condition.js';
export { holds, conditionText, conditionRefs } from './case/condition.js';
export type { CaseStep, CaseWalk } from './case/walk.js';
export { caseScene, isEndScene, availableChoices, startCaseWalk, chooseInCase, replayCase, backInCase, walkLetters, lastCaseChoice } from './case/walk.js';
export type { CaseExploration } from './case/best.js';
export { exploreCase, markOf } from './case/best.js';
export type { CaseState, PackedCaseState } from './case/state.js';
export { EMPTY_CASE_STATE, packCaseState, unpackCaseState } from './case/state.js';
export type { DecisionContext, ReflectionContext, OutcomeContext } from './case/records.js';
export {
  CASE_EXT,
  caseActivityId,
  sceneActivityId,
  decisionRecord,
  reflectionRecord,
  caseOutcome,
  REFLECTION_LIMIT_2004,
  REFLECTION_LIMIT_12,
} from './case/records.js';
export type { Response, QuestionScore, AttemptScore, PackedQuestion, Pool, TestState } from './quiz/index.js';
export {
  scoreQuestion,
  scoreAttempt,
  interactionRecord,
  packQuestions,
  unpackQuestion,
  resolvePools,
  drawAttempt,
} from './quiz/index.js';
// xAPI vocabulary and statement builders. The statement validator (ajv) is exported only from
// './xapi/index.js', so a browser bundle importing core never pulls ajv in.
export type { Verb, VerbName } from './xapi/verbs.js';
export type { Cmi5LaunchMode, Cmi5MoveOn, Cmi5LaunchData, Cmi5LearnerPreferences } from './xapi/cmi5.js';
export type {
  Account,
  Agent,
  ActivityDefinition,
  Activity,
  Score,
  Result,
  ContextActivities,
  Context,
  Statement,
  StatementScope,
  Stamp,
  ModuleStatementOptions,
} from './xapi/statement.js';
export { VERBS, verbFor } from './xapi/verbs.js';
export { CMI5 } from './xapi/cmi5.js';
export { isoDuration, isoTimestamp, uuid } from './xapi/time.js';
export {
  ACTIVITY_TYPES,
  moduleActivity,
  buildContext,
  moduleStatement,
  interactionStatement,
  outcomeStatement,
  clampScaled,
} from './xapi/statement.js';
export { scormCommitToStatements, stableUuid } from './scorm-xapi/index.js';
export type { FlatCmi, ScormAttemptContext } from './scorm-xapi/index.js';
