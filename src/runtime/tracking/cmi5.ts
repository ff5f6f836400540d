/**
 * cmi5 AU tracker. Reads the launch parameters, gets the session's auth token from the fetch
 * URL once, reads LMS.LaunchData (context template, launch mode, moveOn, mastery score), the
 * learner's preferences and the resume state (cmi5-launch.ts: asked by the page's head when it
 * could), then sends initialized → answered… → completed → passed/failed →
 * terminated through the offline queue. Browse and Review launches send only initialized and
 * terminated (no completed, passed, failed, nor answered). Statement ids are fixed at creation,
 * so a resend never duplicates.
 */
import { type ModulePackage, CMI5, VERBS, type Verb } from '../../core/index.js';
import type { LaunchMode } from '../context.js';
import { askLaunch, earlyLaunchOf, launchDocumentKey, sessionStore } from './cmi5-launch.js';
import {
  cmi5Launch,
  type Cmi5Launch,
  type FetchLike,
  LrsClient,
  LrsTracker,
  ResumeStore,
  type Connection,
  type LrsTrackerOptions,
  type StatementKind,
} from './xapi/index.js';

function modeOf(m: unknown): LaunchMode {
  return m === 'Browse' ? 'browse' : m === 'Review' ? 'review' : 'normal';
}

/** LaunchData.returnURL when it is an absolute http(s) URL; anything else (javascript:…) is ignored. */
function returnUrlOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function langOf(pref: string | undefined): 'vi' | 'en' | undefined {
  for (const tag of (pref ?? '').split(',')) {
    const t = tag.trim().toLowerCase();
    if (t.startsWith('vi')) return 'vi';
    if (t.startsWith('en')) return 'en';
  }
  return undefined;
}

export interface Cmi5Options extends LrsTrackerOptions {
  readonly fetch?: FetchLike;
  /** The page's window, where the head's script may have asked for the launch already. */
  readonly window?: unknown;
  readonly session?: Pick<Storage, 'getItem' | 'setItem'>;
}

export class Cmi5Tracker extends LrsTracker {
  readonly format = 'cmi5' as const;
  private masteryScore: number | undefined;

  constructor(
    private readonly data: ModulePackage,
    private readonly launch: Cmi5Launch,
    private readonly cmi5Options: Cmi5Options = {},
  ) {
    super(cmi5Options);
  }

  protected async connect(): Promise<Connection> {
    const fetchFn = this.cmi5Options.fetch ?? ((i: string, init?: RequestInit) => globalThis.fetch(i, init));
    const session = this.cmi5Options.session ?? sessionStore();
    const answers = await (earlyLaunchOf(this.cmi5Options.window, this.launch) ?? askLaunch(this.launch, fetchFn, session));
    const { token, launchData, prefs } = answers;
    if (!token) this.options.onError?.('cmi5: no auth token from the fetch URL; statements wait in the queue');
    const client = new LrsClient(this.launch.endpoint, token ? `Basic ${token}` : undefined, fetchFn);
    const resume = new ResumeStore(client, launchDocumentKey(this.launch)).prefetch(answers.resume);
    if (!launchData) this.options.onError?.('cmi5: LMS.LaunchData unavailable; running in Normal mode');
    const mastery = launchData?.masteryScore;
    if (typeof mastery === 'number' && mastery >= 0 && mastery <= 1) this.masteryScore = mastery;
    const d = this.data;
    const conn: { -readonly [K in keyof Connection]: Connection[K] } = {
      client,
      resume,
      mode: modeOf(launchData?.launchMode),
      scope: {
        actor: this.launch.actor,
        registration: this.launch.registration,
        lang: d.lang,
        course: { activityId: d.course.activityId, title: d.course.title },
        // The AU's id is what the LMS launched, even if it differs from the one we built.
        module: { activityId: this.launch.activityId, title: d.module.title, version: d.module.version },
        contextTemplate: launchData?.contextTemplate ?? {},
      },
    };
    if (this.masteryScore !== undefined) conn.masteryScore = this.masteryScore;
    const lang = langOf(prefs?.languagePreference);
    if (lang) conn.lang = lang;
    if (this.launch.actor.name) conn.learnerName = this.launch.actor.name;
    const returnUrl = returnUrlOf(launchData?.returnURL);
    if (returnUrl) conn.returnUrl = returnUrl;
    return conn;
  }

  protected startVerb(): Verb {
    return VERBS.initialized;
  }

  protected endVerb(): Verb {
    return VERBS.terminated;
  }

  protected categories(kind: StatementKind): string[] {
    if (kind === 'allowed') return [];
    return kind === 'moveon' ? [CMI5.categoryCmi5, CMI5.categoryMoveOn] : [CMI5.categoryCmi5];
  }

  protected override resultExtensions(): Record<string, unknown> {
    return this.masteryScore !== undefined ? { [CMI5.masteryScore]: this.masteryScore } : {};
  }
}

/** A cmi5 tracker when the page was launched as an AU, undefined otherwise. */
export function cmi5TrackerFor(data: ModulePackage, win: Window, options: Cmi5Options = {}): Cmi5Tracker | undefined {
  const launch = cmi5Launch(win.location.search);
  return launch ? new Cmi5Tracker(data, launch, { window: win, ...options }) : undefined;
}
