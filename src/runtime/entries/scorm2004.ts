/** The player bundle of a scorm2004 package: only its own tracker (and standalone, for a preview). */
import { registerTracker, scorm2004Factory } from '../tracking/index.js';
import { startFormatBundle } from './format.js';

registerTracker('scorm2004', scorm2004Factory);
startFormatBundle();
