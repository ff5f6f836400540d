/**
 * A SCORM commit from scorm-again: the flattened CMI is stored on the attempt, and what changed
 * since the previous commit is posted to the LRS as xAPI statements.
 */
import { iri, scormCommitToStatements } from '../../core/index.js';
import { jsonBody, send } from '../http.js';
import type { Preview } from '../preview.js';
import { actorOf, type LmsRequest } from '../request.js';

export async function commitScorm(preview: Preview, r: LmsRequest, attemptId: string): Promise<void> {
  const { attempts, content } = preview;
  const attempt = attempts.get(attemptId);
  if (!attempt) return send(r.res, 404, JSON.stringify({ result: false, errorCode: 101 }), 'application/json');
  const body = (await jsonBody(r.req)) as Record<string, unknown>;
  const flat: Record<string, string> = {};
  // scorm-again sends the CMI flattened: a string, number or boolean per key.
  for (const [k, v] of Object.entries(body)) {
    if (k.startsWith('cmi.') && (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) flat[k] = String(v);
  }
  const previous = attempts.saveCmi(attempt.id, flat);
  const course = content.courses.find((c) => c.id === attempt.course);
  const module = course?.modules.find((m) => m.meta.id === attempt.module);
  const who = content.learners.find((l) => l.id === attempt.learner);
  const client = preview.connection?.client;
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
  send(r.res, 200, JSON.stringify({ result: true, errorCode: 0 }), 'application/json');
}
