/**
 * The script a cmi5 package's module page carries inline in its head: it asks for the token,
 * LMS.LaunchData, the preferences and the resume state as soon as the page starts, so those
 * round trips travel while the player bundle downloads (tracking/cmi5-launch.ts).
 */
import { askLaunch, cmi5Launch, EARLY_GLOBAL, sessionStore } from '../tracking/index.js';

try {
  const launch = cmi5Launch(location.search);
  if (launch) {
    (window as unknown as Record<string, unknown>)[EARLY_GLOBAL] = { fetch: launch.fetch, answers: askLaunch(launch, (i, init) => fetch(i, init), sessionStore()) };
  }
} catch {
  // The tracker asks for itself when this did not run.
}
