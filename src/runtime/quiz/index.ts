/** Quiz components the player mounts into `data-bd-question` and `data-bd-test` placeholders. */
export { mountQuestion } from './check.js';
export { mountTest } from './test-runner.js';
export { renderQuestion, textCounter } from './view.js';
export { fittingStart } from './text-limit.js';
export type { QuestionView, ViewOptions } from './view.js';
export { STRINGS, fill, text } from './strings.js';
