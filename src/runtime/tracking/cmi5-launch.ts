/**
 * What a cmi5 AU asks before it can start: the session's auth token from the fetch URL, then,
 * at once, LMS.LaunchData, the learner's preferences and the resume state. The page's head runs
 * this (entries/cmi5-early.ts) while the player bundle is still on the line, and leaves the
 * answers under EARLY_GLOBAL for the tracker; a page without that script asks when the tracker
 * connects. Either way the fetch URL is used once (cmi5 8.2.3): the token is kept in the session.
 * Plain functions, not the LRS client: the head's script carries only what it calls.
 */
import { CMI5, type Cmi5LaunchData, type Cmi5LearnerPreferences } from '../../core/index.js';
import { agentProfileUrl, cmi5AuthToken, readJson, RESUME_STATE_ID, stateUrl, type Cmi5Launch, type FetchLike } from './xapi/index.js';

export interface Cmi5Answers {
  readonly token: string | undefined;
  readonly launchData: Partial<Cmi5LaunchData> | undefined;
  readonly prefs: Cmi5LearnerPreferences | undefined;
  /** The resume state document as the LRS holds it (resume.ts reads it). */
  readonly resume: Promise<unknown>;
}

/** The answers asked by the page's head, for the launch whose fetch URL they were asked with. */
export interface EarlyCmi5Launch {
  readonly fetch: string;
  readonly answers: Promise<Cmi5Answers>;
}

export const EARLY_GLOBAL = 'boiduongCmi5Launch';

/** The tab's session storage, where the launch's token is kept; undefined where the browser refuses it. */
export function sessionStore(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

/** The key of the launch's State API documents: the tracker's resume store uses the same. */
export function launchDocumentKey(launch: Cmi5Launch): { activityId: string; agent: Cmi5Launch['actor']; registration: string } {
  return { activityId: launch.activityId, agent: launch.actor, registration: launch.registration };
}

export async function askLaunch(launch: Cmi5Launch, fetchFn: FetchLike, session: Pick<Storage, 'getItem' | 'setItem'> | undefined): Promise<Cmi5Answers> {
  const token = await cmi5AuthToken(launch.fetch, session, fetchFn);
  const auth = token ? `Basic ${token}` : undefined;
  const key = launchDocumentKey(launch);
  // All three need only the token: asked at once, the trainee on a slow line waits one round
  // trip for them, not three.
  const resume = readJson(fetchFn, stateUrl(launch.endpoint, key, RESUME_STATE_ID), auth);
  const [launchData, prefs] = (await Promise.all([
    readJson(fetchFn, stateUrl(launch.endpoint, key, CMI5.launchDataStateId), auth),
    readJson(fetchFn, agentProfileUrl(launch.endpoint, launch.actor, CMI5.learnerPreferencesProfileId), auth),
  ])) as [Partial<Cmi5LaunchData> | undefined, Cmi5LearnerPreferences | undefined];
  return { token, launchData, prefs, resume };
}

/** What the head asked for this launch, if it did. */
export function earlyLaunchOf(win: unknown, launch: Cmi5Launch): Promise<Cmi5Answers> | undefined {
  const early = (win as Record<string, EarlyCmi5Launch | undefined> | undefined)?.[EARLY_GLOBAL];
  return early && early.fetch === launch.fetch ? early.answers : undefined;
}
