/** player-case.js: the case-study player, loaded by the player when a page holds a case. */
import { caseOwes, mountCase } from '../case/index.js';
import { provide } from '../player/index.js';

provide(window, 'case', mountCase, caseOwes);
