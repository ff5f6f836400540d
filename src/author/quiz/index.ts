/** Authoring of questions and tests: block plugins for the Markdown reader and course-wide checks. */
export { questionPlugin, QUESTION_KINDS } from './question.js';
export { testPlugin, parseDuration, REVIEW_MODES } from './test-block.js';
export { courseChecks } from './checks.js';
export { htmlToText, parseHeader } from './header.js';
export type { Header } from './header.js';
