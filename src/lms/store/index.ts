/** lms/store: what the other folders import from this one. */
export { AttemptStore } from './attempts.js';
