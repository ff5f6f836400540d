/** The preview LMS's pages in their layout: header, learner selector, lint errors in watch mode. */
import { send } from '../http.js';
import { RELOAD_SCRIPT } from '../live-reload.js';
import { layout, esc, t } from '../pages/index.js';
import type { Preview } from '../preview.js';
import type { LmsRequest } from '../request.js';

/** `path` is where the language link and the learner selector come back to. */
export function sendPage(preview: Preview, r: LmsRequest, title: string, body: string, path: string): void {
  const { content } = preview;
  const banner = content.errors ? `<div class="errors" role="alert"><strong>${t('lintErrors', r.lang)}</strong>\n${esc(content.errors)}</div>` : '';
  const reload = preview.reload ? RELOAD_SCRIPT : '';
  send(r.res, 200, layout({ title, lang: r.lang, learners: content.learners, current: r.learner, body: banner + body + reload, path }));
}

export function sendNotFoundPage(preview: Preview, r: LmsRequest): void {
  const page = layout({ title: '404', lang: r.lang, learners: preview.content.learners, current: r.learner, body: '', path: r.path });
  send(r.res, 404, page, 'text/html; charset=utf-8');
}

/** What a launch page needs in watch mode: the lint errors to show and the reload script. */
export function watching(preview: Preview): { watch?: { errors: string; script: string } } {
  return preview.reload ? { watch: { errors: preview.content.errors, script: RELOAD_SCRIPT } } : {};
}
