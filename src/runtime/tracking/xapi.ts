/**
 * Plain xAPI (Tin Can launch) tracker: endpoint, auth, actor and registration come from the
 * launch URL, never from the package. A first visit starts with initialized, a return with
 * resumed; leaving unfinished ends with suspended, finishing with terminated.
 */
import { type ModulePackage, VERBS, type Verb } from '../../core/index.js';
import {
  xapiLaunch,
  type XapiLaunch,
  LrsClient,
  type FetchLike,
  LrsTracker,
  type Connection,
  type LrsTrackerOptions,
} from './xapi/index.js';

export interface XapiOptions extends LrsTrackerOptions {
  readonly fetch?: FetchLike;
}

export class XapiTracker extends LrsTracker {
  readonly format = 'xapi' as const;

  constructor(
    private readonly data: ModulePackage,
    private readonly launch: XapiLaunch,
    private readonly xapiOptions: XapiOptions = {},
  ) {
    super(xapiOptions);
  }

  protected connect(): Promise<Connection> {
    const fetchFn = this.xapiOptions.fetch ?? ((i: string, init?: RequestInit) => globalThis.fetch(i, init));
    const d = this.data;
    const conn: { -readonly [K in keyof Connection]: Connection[K] } = {
      client: new LrsClient(this.launch.endpoint, this.launch.auth, fetchFn),
      mode: 'normal',
      scope: {
        actor: this.launch.actor,
        ...(this.launch.registration ? { registration: this.launch.registration } : {}),
        lang: d.lang,
        course: { activityId: d.course.activityId, title: d.course.title },
        module: { activityId: d.module.activityId, title: d.module.title, version: d.module.version },
      },
    };
    if (this.launch.actor.name) conn.learnerName = this.launch.actor.name;
    return Promise.resolve(conn);
  }

  protected startVerb(resuming: boolean): Verb {
    return resuming ? VERBS.resumed : VERBS.initialized;
  }

  protected endVerb(suspended: boolean): Verb {
    return suspended ? VERBS.suspended : VERBS.terminated;
  }

  protected categories(): string[] {
    return [];
  }
}

/** An xAPI tracker when the launch URL names an LRS, undefined otherwise (standalone preview). */
export function xapiTrackerFor(data: ModulePackage, win: Window, options: XapiOptions = {}): XapiTracker | undefined {
  const launch = xapiLaunch(win.location.search);
  return launch ? new XapiTracker(data, launch, options) : undefined;
}
