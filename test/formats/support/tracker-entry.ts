/** Browser bundle for tracker-level tests: the trackers as the player uses them, on window. */
import { Scorm2004Tracker, findScorm2004Api } from '../../../src/runtime/tracking/scorm2004.js';
import { cmi5TrackerFor } from '../../../src/runtime/tracking/cmi5.js';
import { xapiTrackerFor } from '../../../src/runtime/tracking/xapi.js';

(window as unknown as Record<string, unknown>)['bdTrackers'] = { Scorm2004Tracker, findScorm2004Api, cmi5TrackerFor, xapiTrackerFor };
