/** The learner is back from a module: moveOn, then the catalogue. */
import { breakOutOfFrame } from '../launch-pages.js';
import { redirect, send } from '../http.js';
import type { Preview } from '../preview.js';
import type { LmsRequest } from '../request.js';

export async function returnFromModule(preview: Preview, r: LmsRequest, courseId: string): Promise<void> {
  const course = preview.content.courses.find((c) => c.id === courseId);
  if (course && r.learner) await preview.moveOn.afterReturn(r.learner, course);
  // The AU's own exit control loads the return URL inside the launch frame: leave the frame.
  if (r.req.headers['sec-fetch-dest'] === 'iframe') return send(r.res, 200, breakOutOfFrame('/'));
  redirect(r.res, '/');
}
