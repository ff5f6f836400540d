/**
 * The whole player in one bundle (dist/runtime/player.js): every tracker, every component. Packages
 * carry the per-format bundles instead (entries/); this one is for pages that host any format.
 */
import { registerComponent } from './player/index.js';
import { mountQuestion, mountTest } from './quiz/index.js';
import { caseOwes, mountCase } from './case/index.js';
import { registerTracker, TRACKER_FACTORIES } from './tracking/index.js';
import { startWhenReady } from './entries/index.js';

for (const [format, factory] of Object.entries(TRACKER_FACTORIES)) registerTracker(format as keyof typeof TRACKER_FACTORIES, factory);
registerComponent('question', mountQuestion);
registerComponent('test', mountTest);
registerComponent('case', mountCase, caseOwes);
startWhenReady();
