/** One request to the preview LMS as its handlers see it: the URL, the UI language and the learner. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Learner } from '../core/index.js';
import { cookies } from './http.js';
import type { UiLang } from './pages/index.js';
import type { Preview } from './preview.js';

export interface LmsRequest {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  readonly path: string;
  readonly lang: UiLang;
  /** The learner chosen in the header (cookie), else the roster's first. */
  readonly learner: Learner | undefined;
}

export function lmsRequest(preview: Preview, req: IncomingMessage, res: ServerResponse): LmsRequest {
  const url = new URL(req.url ?? '/', preview.origin);
  const jar = cookies(req);
  const chosen = jar['bd_lang'];
  const lang = chosen === 'en' || chosen === 'vi' ? chosen : preview.defaultLang;
  const learner = preview.content.learners.find((l) => l.id === jar['bd_learner']) ?? preview.content.learners[0];
  return { req, res, url, path: url.pathname, lang, learner };
}

/** Agents are keyed by account name under one fixed home page, so identities survive restarts. */
// The actor lives apart so that move-on.ts (which preview.ts types) need not import this file.
export { LMS_HOME_PAGE, actorOf } from './actor.js';
