/**
 * How a SCO's session on an LMS API object ends, so that the next SCO can start one.
 *
 * Some LMSs keep one API object per player page and load every SCO of a package into a frame of
 * that page without resetting the object. Moodle 4.5's SCORM 2004 player does: after a SCO calls
 * Terminate, the next SCO's Initialize returns "false" with error 104 (content instance
 * terminated) and every later call fails, so nothing of that module is stored. Its Initialize
 * does switch the data model to the new SCO first, so a session that was *not* terminated carries
 * on for the next SCO (Initialize answers 103, "already initialized").
 *
 * The SCO cannot tell such an LMS from one that resets its API, and a conformant SCO must
 * terminate. So a SCO whose frame goes away while the LMS page stays commits everything first
 * (exit, session time: nothing is left to send) and hands Terminate over to the LMS page: a timer
 * in the LMS window calls the API's own Terminate after a grace period. A SCO that starts on the
 * same API object within that period cancels the timer and takes the session over. When no SCO
 * follows (the learner closed a popup, the LMS showed its own page), the timer terminates the
 * session as usual. When the LMS page itself is leaving, Terminate runs at once.
 */

import { findApi } from './find-api.js';

/** Property on the LMS window holding the pending hand-over (timer id and the API it belongs to). */
const HANDOVER = '__boiduongHandover';

/** Long enough for an LMS to load the next SCO over a slow line; short enough to end a session soon after. */
export const HANDOVER_GRACE_MS = 10_000;

interface Handover {
  readonly timer: number;
  readonly api: object;
}

type HostWindow = Window & { [HANDOVER]?: Handover };

/** The window that holds `api` as `name`: this window and its parents, then the opener's chain (as the API search). */
export function ownerOf(win: Window, api: object, name: string): Window | undefined {
  // The API search itself, asked for the window instead of the object (it skips frames that throw).
  return findApi(win, (w) => ((w as unknown as Record<string, unknown>)[name] === api ? w : undefined));
}

export interface LmsSessionOptions {
  readonly graceMs?: number;
}

export class LmsSession {
  private ownerLeaving = false;
  private readonly graceMs: number;

  /**
   * @param api the LMS's API object
   * @param terminate the API's end-of-session method, e.g. `'Terminate'`
   * @param owner the LMS window holding the API (undefined when not reachable)
   * @param self the SCO's own window
   */
  constructor(
    private readonly api: object,
    private readonly terminate: string,
    private readonly owner: Window | undefined,
    private readonly self: Window,
    options: LmsSessionOptions = {},
  ) {
    this.graceMs = options.graceMs ?? HANDOVER_GRACE_MS;
  }

  /**
   * Before Initialize: take over a session an earlier SCO handed over on this same API object.
   * True when there was one (Initialize may then answer 103: the session is already open).
   */
  claim(): boolean {
    const host = this.owner as HostWindow | undefined;
    if (!host) return false;
    try {
      // The LMS page's own pagehide comes before or after ours depending on the browser: watch it.
      host.addEventListener('pagehide', () => {
        this.ownerLeaving = true;
      });
      const pending = host[HANDOVER];
      if (!pending || pending.api !== this.api) return false;
      host.clearTimeout(pending.timer);
      delete host[HANDOVER];
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Whether `end` terminates at once (no LMS page to hand over to, or it is leaving too). The
   * tracker then leaves the last writes to Terminate, which stores the whole data model anyway:
   * Moodle, leaving, sends a Commit and a Terminate each as a beacon of the whole data model, and
   * past 64 KB in flight the browser drops the second, Terminate, and with it the session's
   * total_time (tried in Moodle 4.5.6 with the sample's final test).
   */
  endsNow(): boolean {
    return typeof (this.api as Record<string, unknown>)[this.terminate] === 'function' && this.handoverHost() === undefined;
  }

  /** The LMS page that outlives this frame, to hand the session over to; undefined when there is none. */
  private handoverHost(): HostWindow | undefined {
    const host = this.owner as HostWindow | undefined;
    return host && host !== this.self && !this.ownerLeaving ? host : undefined;
  }

  /** End the session: at once when the LMS page goes too, otherwise hand it over (see above). */
  end(): void {
    const method = (this.api as Record<string, unknown>)[this.terminate];
    if (typeof method !== 'function') return;
    const host = this.handoverHost();
    if (!host) {
      method.call(this.api, '');
      return;
    }
    try {
      // Bound in the LMS's own realm (bind of the LMS's function), so the timer still runs after
      // this frame is gone.
      const bound: () => void = (method as (this: unknown, arg: string) => unknown).bind(this.api, '');
      const timer = host.setTimeout(bound, this.graceMs);
      host[HANDOVER] = { timer, api: this.api };
    } catch {
      method.call(this.api, '');
    }
  }
}

/**
 * SCORM 2004 `cmi.exit` for a session that ends in normal mode: always `suspend`.
 * SCORM 2004 RTE 4.2.8 keeps the attempt's data for the next launch only after `suspend`; after
 * `normal` an LMS starts a new learner attempt with an empty data model (Moodle 4.5 then writes it
 * over the same attempt: completion back to incomplete, no interactions). A finished module is
 * therefore suspended too, so reopening it shows the result and never lowers what the LMS holds.
 * In browse and review mode nothing is recorded, so no exit is written.
 */
export function scorm2004Exit(mode: 'normal' | 'browse' | 'review'): 'suspend' | undefined {
  return mode === 'normal' ? 'suspend' : undefined;
}
