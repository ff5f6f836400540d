/** The offline statement queue: persistent, ordered, retried until the LRS acknowledges. */
export type { QueuedStatement, QueueStore } from './store.js';
export { memoryStore, localStorageStore, indexedDbStore, openQueueStore } from './store.js';
export type { Deliver, Lookup, SetAsideStatement, Schedule, QueueOptions, QueueState } from './queue.js';
export { StatementQueue } from './queue.js';
export { sessionKey, sameStatement } from './session.js';
