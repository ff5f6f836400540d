/** The quiz engine's pure logic: scoring, response formats, draws, packing, attempt state. */
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
} from './model.js';
export type { Response } from './response.js';
export { DEFAULT_MAX_LENGTH, maxTextLength, responseKindFor, isAnswered, encodeResponse, decodeResponse, escapeText, unescapeText } from './response.js';
export type { NumberReading } from './number.js';
export { readLearnerNumber, learnerNumber } from './number.js';
export type { QuestionScore, AttemptScore } from './scoring.js';
export { parseDecimal, normalizeFill, isCorrect, scoreQuestion, scoreAttempt, round2 } from './scoring.js';
export type { InteractionContext } from './interaction.js';
export {
  CMI_INTERACTION,
  VERB_ANSWERED,
  interactionType,
  formatResponse,
  correctPatterns,
  xapiDefinition,
  interactionRecord,
  responseLine,
} from './interaction.js';
export type { PackedQuestion } from './pack.js';
export { packQuestion, packQuestions, unpackQuestion } from './pack.js';
export type { Pool } from './draw.js';
export { eligibleFor, resolvePools, drawAttempt, displayOrder, drawSource } from './draw.js';
export type { CurrentAttempt, TestState, CheckStatus } from './attempt.js';
export {
  EMPTY_TEST_STATE,
  idsCheck,
  encodeTestState,
  decodeTestState,
  attemptsLeft,
  reviewAllowed,
  CHECK_ATTEMPTS,
  CHECK_REVIEW,
  checkStatus,
} from './attempt.js';
export { hashString, rng, shuffle, subSeed, newSeed } from './random.js';
export type { OutcomeContext } from './outcome.js';
export { testOutcome } from './outcome.js';
export { QUESTION_KINDS, isQuestionKind } from './kinds.js';
