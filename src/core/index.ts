/** core: the typed domain. Pure and browser-safe; imports nothing else from src/. */
export type { LocalText, Lang } from './text.js';
export { pickText, nfc, stripDiacritics, fold, slugify, isSlug, safeFileName, levenshtein, nearest, SLUG_PATTERN } from './text.js';
export { EPSILON } from './epsilon.js';
export {
  type NumberStyle,
  VIETNAM_UTC_OFFSET_MINUTES,
  formatNumber,
  formatMark,
  formatPercent,
  formatDay,
  formatDate,
  formatDateTime,
  deviceOffsetMinutes,
  formatDuration,
} from './display-format.js';
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
export { parseRoster, checkRosterTiers, decodeRoster } from './roster.js';
export type {
  InteractionType,
  Scorm12InteractionType,
  InteractionResult,
  InteractionRecord,
  AssessmentOutcome,
} from './tracking.js';
export { EXT } from './tracking.js';
export type { PackageFormat, PackedTest, ModulePackage, CourseStep, LaterData } from './package.js';
export { PACKAGE_FORMATS, LATER_GLOBAL } from './package.js';
export {
  type QuestionKind,
  type QuestionOf,
  type QuestionBase,
  type Choice,
  type ChoiceQuestion,
  type FillQuestion,
  type NumericQuestion,
  type MatchItem,
  type MatchingQuestion,
  type OrderingQuestion,
  type EssayQuestion,
  type Question,
  type ReviewMode,
  type Draw,
  type TestSpec,
  QUESTION_KINDS,
  isQuestionKind,
  type Response,
  type QuestionScore,
  type AttemptScore,
  type PackedQuestion,
  type Pool,
  type TestState,
  scoreQuestion,
  scoreAttempt,
  interactionRecord,
  xapiDefinition,
  CMI_INTERACTION,
  packQuestions,
  unpackQuestion,
  resolvePools,
  drawAttempt,
} from './quiz/index.js';
export { assertNever } from './never.js';
export {
  type Comparison,
  type Condition,
  type CaseChoice,
  type Reflection,
  type Scene,
  type CaseStudy,
  type WalkFacts,
  holds,
  conditionText,
  conditionRefs,
  type CaseStep,
  type CaseWalk,
  caseScene,
  isEndScene,
  availableChoices,
  startCaseWalk,
  chooseInCase,
  replayCase,
  backInCase,
  walkLetters,
  lastCaseChoice,
  type CaseExploration,
  exploreCase,
  markOf,
  type CaseState,
  type PackedCaseState,
  EMPTY_CASE_STATE,
  packCaseState,
  unpackCaseState,
  reflectionsOwed,
  OUTCOME_LABELS,
  outcomeLabel,
  type OutcomeLabel,
  type OutcomeVerdict,
  type DecisionContext,
  type ReflectionContext,
  type OutcomeContext,
  CASE_EXT,
  caseActivityId,
  sceneActivityId,
  decisionRecord,
  reflectionRecord,
  caseOutcome,
  REFLECTION_LIMIT_2004,
  REFLECTION_LIMIT_12,
} from './case/index.js';
// xAPI vocabulary and statement builders. The statement validator (ajv) is exported only from
// './xapi/index.js', so a browser bundle importing core never pulls ajv in.
export {
  type Verb,
  type VerbName,
  type Cmi5LaunchMode,
  type Cmi5MoveOn,
  type Cmi5LaunchData,
  type Cmi5LearnerPreferences,
  type Account,
  type Agent,
  type ActivityDefinition,
  type Activity,
  type Score,
  type Result,
  type ContextActivities,
  type Context,
  type Statement,
  type StatementScope,
  type Stamp,
  type ModuleStatementOptions,
  VERBS,
  verbFor,
  CMI5,
  isoDuration,
  isoTimestamp,
  uuid,
  type ReadResponse,
  readInteractionResponse,
  ACTIVITY_TYPES,
  moduleActivity,
  buildContext,
  moduleStatement,
  interactionStatement,
  outcomeStatement,
  clampScaled,
} from './xapi/index.js';
export { scormCommitToStatements, stableUuid } from './scorm-xapi/index.js';
export type { FlatCmi, ScormAttemptContext } from './scorm-xapi/index.js';
export { toCsv, detectSeparator, parseCsv } from './csv.js';
export { VERB, CLASS_EXT, toFact, actorKey, type StatementFact } from './report/index.js';
