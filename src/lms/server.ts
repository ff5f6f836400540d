/**
 * The preview LMS: hosts every package of the courses in a content folder on 127.0.0.1, launches
 * them for real (scorm-again for SCORM, a cmi5 launch, an xAPI launch) against the embedded LRS,
 * and shows the statements and transcripts that come back.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { iri, type Course } from '../core/index.js';
import { loadRuntimeFiles, registeredFormats } from '../compile/index.js';
import { startLrs, type RunningLrs } from '../lrs/index.js';
import { toFact } from '../report/index.js';
import { cmi5Session, courseSatisfiedStatement, prepareCmi5Launch, satisfiedModules, sessionEnded } from './cmi5-launch.js';
import { contentType, cookie, cookies, formBody, jsonBody, redirect, safeBack, send } from './http.js';
import { breakOutOfFrame, framePage, resumeCmi, scormHead } from './launch-pages.js';
import { LrsClient } from './lrs-client.js';
import {
  cataloguePage,
  type ModuleStatus,
  layout,
  statementsPage,
  esc,
  t,
  type UiLang,
  transcriptPage,
} from './pages/index.js';
import { ContentState } from './content-state.js';
import { scormCommitToStatements } from './scorm-xapi.js';
import { moduleStatuses } from './status.js';
import { AttemptStore } from './store/index.js';
import { PackageSites } from './site.js';
import { loadLmsKey } from './lms-key.js';

export interface PreviewOptions {
  readonly contentDir: string;
  readonly dataDir: string;
  readonly port?: number;
  readonly host?: string;
  readonly lang?: UiLang;
  /** Rebuild modules when their files change and reload open pages. */
  readonly watch?: boolean;
  readonly log?: (message: string) => void;
}

export interface RunningPreview {
  readonly url: string;
  readonly lrs: RunningLrs;
  readonly content: ContentState;
  close(): Promise<void>;
}

/** Agents are keyed by account name under one fixed home page, so identities survive restarts. */
export const LMS_HOME_PAGE = 'http://localhost/boiduong';

/** Watch mode: the server sends an event after each rebuild; open pages reload. */
const RELOAD_SCRIPT = `<script>new EventSource('/events').onmessage=function(){location.reload()}</script>`;

const scormAgainDir = fileURLToPath(new URL('../../node_modules/scorm-again/dist/', import.meta.url));

export async function startPreview(options: PreviewOptions): Promise<RunningPreview> {
  const log = options.log ?? (() => undefined);
  const formats = registeredFormats();
  const sites = new PackageSites(loadRuntimeFiles(), formats);
  const content = new ContentState(options.contentDir, sites, log);
  await content.load();
  const attempts = new AttemptStore(join(options.dataDir, 'lms.sqlite'));
  const host = options.host ?? '127.0.0.1';
  const defaultLang = options.lang ?? 'vi';
  let origin = '';
  let lrs: RunningLrs | undefined;
  let client: LrsClient | undefined;

  const learnerOf = (req: IncomingMessage) => {
    const id = cookies(req)['bd_learner'];
    return content.learners.find((l) => l.id === id) ?? content.learners[0];
  };
  const langOf = (req: IncomingMessage): UiLang => {
    const v = cookies(req)['bd_lang'];
    return v === 'en' || v === 'vi' ? v : defaultLang;
  };
  const actorOf = (l: { id: string; name: string }) => ({ objectType: 'Agent', name: l.name, account: { homePage: LMS_HOME_PAGE, name: l.id } });

  const statusesFor = async (learner: { id: string; name: string } | undefined): Promise<(c: Course, m: string) => ModuleStatus> => {
    if (!learner || !client) return () => ({ state: 'not-attempted' });
    const statements = await client.statements({ agent: JSON.stringify(actorOf(learner)), ascending: 'true' }, 10_000);
    const facts = statements.map((s) => toFact(s)).filter((f) => f !== undefined);
    const byActivity = moduleStatuses(facts);
    return (c, m) => byActivity.get(iri.module(c, m)) ?? { state: 'not-attempted' };
  };

  /** cmi5 moveOn: when every AU of a course is satisfied, the LMS says so once. */
  const moveOnRuns = new Map<string, Promise<void>>();
  const evaluateMoveOn = (learner: { id: string; name: string }, course: Course): Promise<void> => {
    // One evaluation at a time per learner and course, so `satisfied` is sent once.
    const key = `${learner.id}\u0000${course.id}`;
    const running = moveOnRuns.get(key);
    if (running) return running;
    const run = evaluateMoveOnNow(learner, course).finally(() => moveOnRuns.delete(key));
    moveOnRuns.set(key, run);
    return run;
  };
  const evaluateMoveOnNow = async (learner: { id: string; name: string }, course: Course): Promise<void> => {
    if (!client) return;
    const reg = attempts.registration(learner.id, course.id);
    if (reg.satisfied) return;
    const satisfied = await satisfiedModules(course, actorOf(learner), reg.registration, client);
    if (satisfied.size === course.modules.length) {
      await client.postStatements([courseSatisfiedStatement(course, actorOf(learner), reg.registration)]);
      attempts.markSatisfied(learner.id, course.id, new Date().toISOString());
    }
  };

  /**
   * The learner is back from an AU: its `terminated` usually arrives a moment later (sent as the
   * frame unloads), so wait briefly for it before evaluating moveOn, and keep watching in the
   * background when it is slower, so the course is still marked satisfied.
   */
  let closing = false;
  const background = new Set<Promise<unknown>>();
  const afterReturn = async (learner: { id: string; name: string }, course: Course): Promise<void> => {
    if (!client) return;
    const c = client;
    const { registration } = attempts.registration(learner.id, course.id);
    const ended = sessionEnded(actorOf(learner), registration, c, 60_000, () => closing);
    const quick = await Promise.race([ended, new Promise<'later'>((r) => setTimeout(() => r('later'), 3000))]);
    if (quick !== 'later') return evaluateMoveOn(learner, course);
    const later = ended
      .then((done) => (done && !closing ? evaluateMoveOn(learner, course) : undefined))
      .catch((e: unknown) => log(`preview LMS: moveOn ${String(e)}`))
      .finally(() => background.delete(later));
    background.add(later);
  };

  const page = (req: IncomingMessage, res: ServerResponse, title: string, body: string, path: string): void => {
    const lang = langOf(req);
    const banner = content.errors ? `<div class="errors" role="alert"><strong>${t('lintErrors', lang)}</strong>\n${esc(content.errors)}</div>` : '';
    const reload = options.watch ? RELOAD_SCRIPT : '';
    send(res, 200, layout({ title, lang, learners: content.learners, current: learnerOf(req), body: banner + body + reload, path }));
  };

  const watching = () => (options.watch ? { watch: { errors: content.errors, script: RELOAD_SCRIPT } } : {});
  const events = new Set<ServerResponse>();
  content.onChange(() => {
    for (const r of events) r.write('data: reload\n\n');
  });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', origin);
    const path = url.pathname;
    const lang = langOf(req);
    const learner = learnerOf(req);
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);

    if (req.method === 'GET' && path === '/') {
      const statusOf = await statusesFor(learner);
      if (learner) for (const c of content.courses) await evaluateMoveOn(learner, c);
      return page(req, res, t('catalogue', lang), cataloguePage(content.courses, content.taxonomy!, formats, statusOf, lang), path);
    }
    if (req.method === 'GET' && path === '/transcript') {
      const statusOf = await statusesFor(learner);
      const who = learner ? `<p class="meta">${esc(learner.name)} — ${esc(learner.unit)}</p>` : '';
      return page(req, res, t('transcript', lang), who + transcriptPage(content.courses, content.taxonomy!, statusOf, lang), path);
    }
    if (req.method === 'GET' && path === '/statements') {
      const query: Record<string, string> = {};
      const filter = { learner: url.searchParams.get('learner') ?? '', course: url.searchParams.get('course') ?? '', verb: url.searchParams.get('verb') ?? '' };
      const who = content.learners.find((l) => l.id === filter.learner);
      if (who) query['agent'] = JSON.stringify(actorOf(who));
      const course = content.courses.find((c) => c.id === filter.course);
      if (course) Object.assign(query, { activity: iri.course(course), related_activities: 'true' });
      if (filter.verb) query['verb'] = filter.verb;
      const list = client ? await client.statements(query, 200) : [];
      const verbs = [
        'http://adlnet.gov/expapi/verbs/answered',
        'http://adlnet.gov/expapi/verbs/completed',
        'http://adlnet.gov/expapi/verbs/passed',
        'http://adlnet.gov/expapi/verbs/failed',
        'http://adlnet.gov/expapi/verbs/initialized',
        'http://adlnet.gov/expapi/verbs/terminated',
        'http://adlnet.gov/expapi/verbs/launched',
        'https://w3id.org/xapi/adl/verbs/satisfied',
      ];
      const body = statementsPage(
        list,
        { ...(filter.learner ? { learner: filter.learner } : {}), ...(filter.course ? { course: filter.course } : {}), ...(filter.verb ? { verb: filter.verb } : {}) },
        { learners: content.learners, courses: content.courses, verbs },
        lang,
      );
      return page(req, res, t('statements', lang), body, `${path}${url.search}`);
    }
    if (req.method === 'POST' && path === '/learner') {
      const form = await formBody(req);
      return redirect(res, safeBack(form.get('back')), [cookie('bd_learner', form.get('learner') ?? '')]);
    }
    if (req.method === 'GET' && path === '/lang') {
      const to = url.searchParams.get('to') === 'en' ? 'en' : 'vi';
      return redirect(res, safeBack(url.searchParams.get('back')), [cookie('bd_lang', to)]);
    }
    if (req.method === 'GET' && path === '/events' && options.watch) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      res.write(': connected\n\n');
      events.add(res);
      req.on('close', () => events.delete(res));
      return;
    }
    if (req.method === 'GET' && parts[0] === 'vendor' && parts[1] === 'scorm-again' && parts.length === 3) {
      const name = parts[2]!;
      if (!/^[a-z0-9.-]+\.js$/.test(name)) return send(res, 404, 'Not found', 'text/plain');
      return send(res, 200, await readFile(join(scormAgainDir, name)), contentType(name));
    }
    if (req.method === 'GET' && parts[0] === 'pkg' && parts.length >= 4) {
      const rel = normalize(parts.slice(3).join('/'));
      const file = sites.file(parts[1]!, parts[2]!, rel);
      return file === undefined ? send(res, 404, 'Not found', 'text/plain') : send(res, 200, file, contentType(rel));
    }
    if (req.method === 'GET' && parts[0] === 'launch' && parts.length === 4) {
      const [, courseId, moduleId, format] = parts as [string, string, string, string];
      const course = content.courses.find((c) => c.id === courseId);
      const module = course?.modules.find((m) => m.meta.id === moduleId);
      if (!course || !module || !(formats as string[]).includes(format) || !learner) return send(res, 404, 'Not found', 'text/plain');
      const auPath = `/pkg/${encodeURIComponent(course.id)}/${format}/modules/${encodeURIComponent(module.meta.id)}/index.html`;
      const title = `${module.meta.title}`;
      const back = `/return/${encodeURIComponent(course.id)}`;
      if (format === 'scorm12' || format === 'scorm2004') {
        const attempt = attempts.latest(learner.id, course.id, module.meta.id, format) ?? attempts.create(learner.id, course.id, module.meta.id, format);
        const head = scormHead({ version: format, commitUrl: `/api/scorm/${attempt.id}`, initial: resumeCmi(format, attempt.cmi, learner) });
        return send(res, 200, framePage({ title, lang, src: auPath, head, back, ...watching() }));
      }
      if (!lrs || !client) return send(res, 503, 'LRS not ready', 'text/plain');
      const actor = actorOf(learner);
      const activityId = iri.module(course, module.meta.id);
      if (format === 'cmi5') {
        const { registration } = attempts.registration(learner.id, course.id);
        const { contextTemplate } = cmi5Session(course, module);
        const { fetchUrl } = await lrs.createLaunch({ actor, registration, activityId, contextTemplate });
        const src = await prepareCmi5Launch({
          course,
          module,
          contextTemplate,
          actor,
          registration,
          auUrl: auPath,
          returnUrl: `${origin}${back}`,
          endpoint: `${lrs.url}/`,
          fetchUrl,
          lrs: client,
        });
        return send(res, 200, framePage({ title, lang, src, back, ...watching() }));
      }
      const attempt = attempts.latest(learner.id, course.id, module.meta.id, format) ?? attempts.create(learner.id, course.id, module.meta.id, format);
      const { fetchUrl } = await lrs.createLaunch({ actor, registration: attempt.registration, activityId }, 4 * 3600);
      const token = fetchUrl.slice(fetchUrl.lastIndexOf('/') + 1);
      const claimed = await fetch(fetchUrl, { method: 'POST' }).then((r) => r.json() as Promise<{ 'auth-token'?: string }>);
      if (!claimed['auth-token']) throw new Error(`launch token ${token} could not be claimed`);
      const q = new URLSearchParams({
        endpoint: `${lrs.url}/`,
        auth: `Basic ${claimed['auth-token']}`,
        actor: JSON.stringify(actor),
        registration: attempt.registration,
        activity_id: activityId,
      });
      return send(res, 200, framePage({ title, lang, src: `${auPath}?${q}`, back, ...watching() }));
    }
    if (req.method === 'GET' && parts[0] === 'return' && parts.length === 2) {
      const course = content.courses.find((c) => c.id === parts[1]);
      if (course && learner) await afterReturn(learner, course);
      // The AU's own exit control loads the return URL inside the launch frame: leave the frame.
      if (req.headers['sec-fetch-dest'] === 'iframe') return send(res, 200, breakOutOfFrame('/'));
      return redirect(res, '/');
    }
    if (req.method === 'POST' && parts[0] === 'api' && parts[1] === 'scorm' && parts.length === 3) {
      const attempt = attempts.get(parts[2]!);
      if (!attempt) return send(res, 404, JSON.stringify({ result: false, errorCode: 101 }), 'application/json');
      const body = (await jsonBody(req)) as Record<string, unknown>;
      const flat: Record<string, string> = {};
      for (const [k, v] of Object.entries(body)) if (k.startsWith('cmi.') && (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) flat[k] = String(v);
      const previous = attempts.saveCmi(attempt.id, flat);
      const course = content.courses.find((c) => c.id === attempt.course);
      const module = course?.modules.find((m) => m.meta.id === attempt.module);
      const who = content.learners.find((l) => l.id === attempt.learner);
      if (course && module && who && client) {
        const statements = scormCommitToStatements(previous, flat, {
          version: attempt.format === 'scorm12' ? '1.2' : '2004',
          attemptId: attempt.id,
          registration: attempt.registration,
          actor: actorOf(who),
          moduleActivityId: iri.module(course, module.meta.id),
          moduleTitle: module.meta.title,
          courseActivityId: iri.course(course),
          moduleVersion: module.meta.version,
          lang: module.meta.language,
          timestamp: new Date().toISOString(),
        });
        await client.postStatements(statements);
      }
      return send(res, 200, JSON.stringify({ result: true, errorCode: 0 }), 'application/json');
    }
    send(res, 404, layout({ title: '404', lang, learners: content.learners, current: learner, body: '', path }), 'text/html; charset=utf-8');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      log(`preview LMS: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      if (!res.headersSent) send(res, 500, 'Lỗi máy chủ / server error', 'text/plain; charset=utf-8');
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  lrs = await startLrs({ dataDir: options.dataDir, host, port: 0, origins: [origin], log });
  client = new LrsClient(lrs.url, await loadLmsKey(lrs, options.dataDir));
  if (options.watch) content.watch();

  return {
    url: origin,
    lrs,
    content,
    async close() {
      closing = true;
      content.unwatch();
      await Promise.allSettled([...background]);
      for (const r of events) r.end();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await lrs?.close();
      attempts.close();
    },
  };
}
