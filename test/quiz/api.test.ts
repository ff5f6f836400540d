import { describe, expect, it } from 'vitest';
import * as core from '../../src/core/quiz/index.js';
import * as author from '../../src/author/quiz/index.js';
import * as gift from '../../src/author/gift/index.js';

describe('public API of the quiz engine', () => {
  it('core/quiz exports what the compiler, player and trackers use', () => {
    expect(Object.keys(core).sort()).toEqual(
      [
        'CHECK_ATTEMPTS', 'CHECK_REVIEW', 'CMI_INTERACTION', 'DEFAULT_MAX_LENGTH', 'EMPTY_TEST_STATE', 'QUESTION_KINDS', 'VERB_ANSWERED', 'attemptsLeft', 'checkStatus', 'correctPatterns', 'decodeResponse', 'decodeTestState',
        'displayOrder', 'drawAttempt', 'drawSource', 'eligibleFor', 'encodeResponse', 'encodeTestState', 'escapeText', 'formatResponse', 'hashString',
        'idsCheck', 'interactionRecord', 'interactionType', 'isAnswered', 'isCorrect', 'isQuestionKind', 'learnerNumber', 'maxTextLength', 'newSeed', 'normalizeFill', 'packQuestion',
        'packQuestions', 'parseDecimal', 'readLearnerNumber', 'resolvePools', 'responseKindFor', 'responseLine', 'reviewAllowed', 'rng', 'round2', 'scoreAttempt',
        'scoreQuestion', 'shuffle', 'subSeed', 'testOutcome', 'unescapeText', 'unpackQuestion', 'xapiDefinition',
      ].sort(),
    );
  });
  it('author/quiz and author/gift export the plugins, checks and importer', () => {
    expect(Object.keys(author).sort()).toEqual(['QUESTION_KINDS', 'REVIEW_MODES', 'courseChecks', 'htmlToText', 'parseDuration', 'parseHeader', 'questionPlugin', 'testPlugin']);
    expect(Object.keys(gift).sort()).toEqual(['giftToMarkdown', 'parseGift', 'unescapeGift']);
  });
});
