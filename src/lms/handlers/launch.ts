/**
 * Launching a module: the launch page puts the module in a frame under a bar with "back". SCORM
 * runs under scorm-again against the LMS's attempt; cmi5 and xAPI get their launch parameters
 * from the embedded LRS.
 */
import { iri, type Course, type Module, type Learner } from '../../core/index.js';
import { cmi5Session, prepareCmi5Launch } from '../cmi5-launch.js';
import { send } from '../http.js';
import { framePage, resumeCmi, scormHead } from '../launch-pages.js';
import type { LrsConnection, Preview } from '../preview.js';
import { actorOf, type LmsRequest } from '../request.js';
import { watching } from './page.js';

/** One launch: who, what, and the URLs around the module's frame. */
interface Launch {
  readonly learner: Learner;
  readonly course: Course;
  readonly module: Module;
  /** The module's index.html in the hosted package. */
  readonly auPath: string;
  /** The return URL: evaluates moveOn, then the catalogue. */
  readonly back: string;
}

export async function launchModule(preview: Preview, r: LmsRequest, courseId: string, moduleId: string, format: string): Promise<void> {
  const course = preview.content.courses.find((c) => c.id === courseId);
  const module = course?.modules.find((m) => m.meta.id === moduleId);
  if (!course || !module || !(preview.formats as readonly string[]).includes(format) || !r.learner) return send(r.res, 404, 'Not found', 'text/plain');
  const launch: Launch = {
    learner: r.learner,
    course,
    module,
    auPath: `/pkg/${encodeURIComponent(course.id)}/${format}/modules/${encodeURIComponent(module.meta.id)}/index.html`,
    back: `/return/${encodeURIComponent(course.id)}`,
  };
  if (format === 'scorm12' || format === 'scorm2004') return sendFrame(preview, r, launch, scormLaunch(preview, launch, format));
  const connection = preview.connection;
  if (!connection) return send(r.res, 503, 'LRS not ready', 'text/plain');
  const frame = format === 'cmi5' ? await cmi5Launch(preview, connection, launch) : await xapiLaunch(preview, connection, launch, format);
  sendFrame(preview, r, launch, frame);
}

function sendFrame(preview: Preview, r: LmsRequest, launch: Launch, frame: { src: string; head?: string }): void {
  send(r.res, 200, framePage({ title: `${launch.module.meta.title}`, lang: r.lang, ...frame, back: launch.back, ...watching(preview) }));
}

/** scorm-again as the API, starting from the learner's latest attempt (resume) or a new one. */
function scormLaunch(preview: Preview, launch: Launch, format: 'scorm12' | 'scorm2004'): { src: string; head: string } {
  const { attempts } = preview;
  const { learner, course, module } = launch;
  const attempt = attempts.latest(learner.id, course.id, module.meta.id, format) ?? attempts.create(learner.id, course.id, module.meta.id, format);
  const head = scormHead({ version: format, commitUrl: `/api/scorm/${attempt.id}`, initial: resumeCmi(format, attempt.cmi, learner) });
  return { src: launch.auPath, head };
}

/** cmi5: the course registration, LMS.LaunchData and `launched`, and a fetch URL bound to the session. */
async function cmi5Launch(preview: Preview, { lrs, client }: LrsConnection, launch: Launch): Promise<{ src: string }> {
  const { learner, course, module } = launch;
  const actor = actorOf(learner);
  const activityId = iri.module(course, module.meta.id);
  const { registration } = preview.attempts.registration(learner.id, course.id);
  const { contextTemplate } = cmi5Session(course, module);
  const { fetchUrl } = await lrs.createLaunch({ actor, registration, activityId, contextTemplate });
  const src = await prepareCmi5Launch({
    course,
    module,
    contextTemplate,
    actor,
    registration,
    auUrl: launch.auPath,
    returnUrl: `${preview.origin}${launch.back}`,
    endpoint: `${lrs.url}/`,
    fetchUrl,
    lrs: client,
  });
  return { src };
}

/** xAPI: a short-lived token bound to the attempt's registration, claimed here and passed in the URL. */
async function xapiLaunch(preview: Preview, { lrs }: LrsConnection, launch: Launch, format: string): Promise<{ src: string }> {
  const { attempts } = preview;
  const { learner, course, module } = launch;
  const actor = actorOf(learner);
  const activityId = iri.module(course, module.meta.id);
  const attempt = attempts.latest(learner.id, course.id, module.meta.id, format) ?? attempts.create(learner.id, course.id, module.meta.id, format);
  const { fetchUrl } = await lrs.createLaunch({ actor, registration: attempt.registration, activityId }, 4 * 3600);
  const token = fetchUrl.slice(fetchUrl.lastIndexOf('/') + 1);
  const claimed = await fetch(fetchUrl, { method: 'POST' }).then((res) => res.json() as Promise<{ 'auth-token'?: string }>);
  if (!claimed['auth-token']) throw new Error(`launch token ${token} could not be claimed`);
  const q = new URLSearchParams({
    endpoint: `${lrs.url}/`,
    auth: `Basic ${claimed['auth-token']}`,
    actor: JSON.stringify(actor),
    registration: attempt.registration,
    activity_id: activityId,
  });
  return { src: `${launch.auPath}?${q}` };
}
