/**
 * What a cmi5 launch token may reach among the document resources: only the state of its own
 * registration, never a change to LMS.LaunchData under cmi5 (§10.2.1), and of the profiles only
 * its learner's cmi5LearnerPreferences. Other principals pass untouched.
 */
import { XapiError } from '../protocol/index.js';
import { sameAgentJson } from './agent-identity.js';
import type { LaunchBinding } from './launch.js';

/** `registration` and `stateId` are the request's parameters (null when absent). */
export function checkLaunchState(launch: LaunchBinding | undefined, read: boolean, registration: string | null, stateId: string | null): void {
  if (!launch) return;
  if ((registration ?? '').toLowerCase() !== launch.registration) {
    throw new XapiError(403, `this launch token reaches only state with registration ${launch.registration}`);
  }
  if (launch.contextTemplate && !read && (stateId === 'LMS.LaunchData' || stateId === null)) {
    throw new XapiError(403, 'cmi5 10.2.1: the AU must not modify or delete the LMS.LaunchData state document');
  }
}

/** `agent` is the request's agent parameter as JSON text (null when absent). */
export function checkLaunchProfile(launch: LaunchBinding | undefined, read: boolean, kind: 'activity' | 'agent', profileId: string | null, agent: string | null): void {
  if (!launch) return;
  if (kind === 'agent' && read && profileId === 'cmi5LearnerPreferences' && sameAgentJson(agent, launch.actor)) return;
  throw new XapiError(403, "a launch token reads only its learner's cmi5LearnerPreferences profile");
}
