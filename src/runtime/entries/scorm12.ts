/** The player bundle of a scorm12 package: only its own tracker (and standalone, for a preview). */
import { registerTracker, scorm12Factory } from '../tracking/index.js';
import { startFormatBundle } from './format.js';

registerTracker('scorm12', scorm12Factory);
startFormatBundle();
