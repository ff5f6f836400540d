/** The catalogue, the transcript and the statement viewer. */
import { iri, VERBS, type Course, type Verb } from '../../core/index.js';
import { LMS_VERBS } from '../cmi5-launch.js';
import { toFact } from '../../report/index.js';
import { activityLookup, cataloguePage, type ModuleStatus, statementsPage, esc, t, transcriptPage } from '../pages/index.js';
import type { Preview } from '../preview.js';
import { actorOf, type LmsRequest } from '../request.js';
import { moduleStatuses } from '../status.js';
import { sendPage } from './page.js';

/** The verbs the viewer's filter offers. */
const VIEWER_VERBS: readonly Verb[] = [
  VERBS.answered,
  VERBS.completed,
  VERBS.passed,
  VERBS.failed,
  VERBS.initialized,
  VERBS.terminated,
  LMS_VERBS.launched,
  LMS_VERBS.satisfied,
];

/** A learner's module statuses, folded from their statements in the LRS. */
async function statusesFor(preview: Preview, learner: { id: string; name: string } | undefined): Promise<(c: Course, m: string) => ModuleStatus> {
  const client = preview.connection?.client;
  if (!learner || !client) return () => ({ state: 'not-attempted' });
  const statements = await client.statements({ agent: JSON.stringify(actorOf(learner)), ascending: 'true' }, 10_000);
  const facts = statements.map((s) => toFact(s)).filter((f) => f !== undefined);
  const byActivity = moduleStatuses(facts);
  return (c, m) => byActivity.get(iri.module(c, m)) ?? { state: 'not-attempted' };
}

export async function showCatalogue(preview: Preview, r: LmsRequest): Promise<void> {
  const { content } = preview;
  const statusOf = await statusesFor(preview, r.learner);
  // A learner who comes back another way than the return URL still gets the course's `satisfied`.
  if (r.learner) for (const c of content.courses) await preview.moveOn.evaluate(r.learner, c);
  sendPage(preview, r, t('catalogue', r.lang), cataloguePage(content.courses, content.taxonomy!, preview.formats, statusOf, r.lang), r.path);
}

export async function showTranscript(preview: Preview, r: LmsRequest): Promise<void> {
  const statusOf = await statusesFor(preview, r.learner);
  const who = r.learner ? `<p class="meta">${esc(r.learner.name)} — ${esc(r.learner.unit)}</p>` : '';
  sendPage(preview, r, t('transcript', r.lang), who + transcriptPage(preview.content.courses, preview.content.taxonomy!, statusOf, r.lang), r.path);
}

export async function showStatements(preview: Preview, r: LmsRequest): Promise<void> {
  const { content } = preview;
  const params = r.url.searchParams;
  const filter = { learner: params.get('learner') ?? '', course: params.get('course') ?? '', verb: params.get('verb') ?? '' };
  const query: Record<string, string> = {};
  const who = content.learners.find((l) => l.id === filter.learner);
  if (who) query['agent'] = JSON.stringify(actorOf(who));
  const course = content.courses.find((c) => c.id === filter.course);
  if (course) Object.assign(query, { activity: iri.course(course), related_activities: 'true' });
  if (filter.verb) query['verb'] = filter.verb;
  const client = preview.connection?.client;
  const list = client ? await client.statements(query, 200) : [];
  const body = statementsPage(
    list,
    { ...(filter.learner ? { learner: filter.learner } : {}), ...(filter.course ? { course: filter.course } : {}), ...(filter.verb ? { verb: filter.verb } : {}) },
    { learners: content.learners, courses: content.courses, verbs: VIEWER_VERBS },
    activityLookup(content.courses),
    r.lang,
  );
  sendPage(preview, r, t('statements', r.lang), body, `${r.path}${r.url.search}`);
}
