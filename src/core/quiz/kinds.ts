/** The question kinds in the order authors read them in messages and docs. */
import type { QuestionKind } from './model.js';

// A map, not an array, so that a kind added to `Question` and missing here fails to compile.
const KIND_ORDER: { readonly [K in QuestionKind]: number } = {
  single: 0,
  multiple: 1,
  truefalse: 2,
  fill: 3,
  numeric: 4,
  matching: 5,
  ordering: 6,
  essay: 7,
};

export const QUESTION_KINDS: readonly QuestionKind[] = (Object.keys(KIND_ORDER) as QuestionKind[]).sort((a, b) => KIND_ORDER[a] - KIND_ORDER[b]);

export function isQuestionKind(word: string | undefined): word is QuestionKind {
  return word !== undefined && Object.prototype.hasOwnProperty.call(KIND_ORDER, word);
}
