/** The player bundle of a xapi package: only its own tracker (and standalone, for a preview). */
import { registerTracker, xapiFactory } from '../tracking/index.js';
import { startFormatBundle } from './format.js';

registerTracker('xapi', xapiFactory);
startFormatBundle();
