/** The player bundle of a cmi5 package: only its own tracker (and standalone, for a preview). */
import { registerTracker, cmi5Factory } from '../tracking/index.js';
import { startFormatBundle } from './format.js';

registerTracker('cmi5', cmi5Factory);
startFormatBundle();
