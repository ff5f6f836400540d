/** player-test.js: the test runner, loaded by the player when a page holds a test. */
import { provide } from '../player/index.js';
import { mountTest } from '../quiz/index.js';

provide(window, 'test', mountTest);
