/**
 * What the preview LMS's handlers share for the life of the server: the content being served, its
 * packages, the LMS's own records, the connection to the embedded LRS, moveOn and live reload.
 */
import type { PackageFormat } from '../core/index.js';
import type { RunningLrs } from '../lrs/index.js';
import type { ContentState } from './content-state.js';
import type { LiveReload } from './live-reload.js';
import type { LrsClient } from './lrs-client.js';
import type { CourseMoveOn } from './move-on.js';
import type { UiLang } from './pages/index.js';
import type { PackageSites } from './site.js';
import type { AttemptStore } from './store/index.js';

/** The embedded LRS and the LMS's client of it (with the LMS's own key). */
export interface LrsConnection {
  readonly lrs: RunningLrs;
  readonly client: LrsClient;
}

export interface Preview {
  readonly formats: readonly PackageFormat[];
  readonly sites: PackageSites;
  readonly content: ContentState;
  readonly attempts: AttemptStore;
  readonly moveOn: CourseMoveOn;
  /** Only in watch mode. */
  readonly reload: LiveReload | undefined;
  /** UI language when the learner has not chosen one. */
  readonly defaultLang: UiLang;
  /** The LMS's own origin, known once the server listens (the LRS allows it by CORS). */
  origin: string;
  /** Set once the LRS has started, which is after the LMS listens: until then launches answer 503. */
  connection: LrsConnection | undefined;
}
