/**
 * The LMS side of cmi5: a registration per learner and course, LMS.LaunchData in the State API,
 * a `launched` statement, a one-time fetch URL, and moveOn evaluation that marks the course
 * satisfied with the LMS's own `satisfied` statement.
 */
import { randomUUID } from 'node:crypto';
import { iri, type Course, type Module } from '../core/index.js';
import { moveOn } from '../compile/index.js';
import type { LrsClient } from './lrs-client.js';

const CMI5 = {
  sessionId: 'https://w3id.org/xapi/cmi5/context/extensions/sessionid',
  masteryScore: 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore',
  launchMode: 'https://w3id.org/xapi/cmi5/context/extensions/launchmode',
  launchUrl: 'https://w3id.org/xapi/cmi5/context/extensions/launchurl',
  launchParameters: 'https://w3id.org/xapi/cmi5/context/extensions/launchparameters',
  moveOn: 'https://w3id.org/xapi/cmi5/context/extensions/moveon',
  category: 'https://w3id.org/xapi/cmi5/context/categories/cmi5',
  moveOnCategory: 'https://w3id.org/xapi/cmi5/context/categories/moveon',
} as const;

const VERB = {
  launched: { id: 'http://adlnet.gov/expapi/verbs/launched', display: { 'en-US': 'launched', vi: 'đã mở' } },
  satisfied: { id: 'https://w3id.org/xapi/adl/verbs/satisfied', display: { 'en-US': 'satisfied', vi: 'đã đáp ứng' } },
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  passed: 'http://adlnet.gov/expapi/verbs/passed',
} as const;

/** The verbs only the LMS sends, with their display names, for the statement viewer's filter. */
export const LMS_VERBS = { launched: VERB.launched, satisfied: VERB.satisfied } as const;

const masteryOf = (m: Module): number | undefined => (m.tests.length + m.cases.length > 0 ? m.meta.pass / 10 : undefined);

/**
 * A new AU session: its id and the contextTemplate every statement of the session carries. The
 * grouping holds the AU's publisher id (its id in cmi5.xml, cmi5 §9.6.2.3) and the course. The
 * launch token is minted with this template, so the LRS holds the AU to this session's rules.
 */
export function cmi5Session(course: Course, module: Module): { sessionId: string; contextTemplate: Record<string, unknown> } {
  const sessionId = randomUUID();
  const contextTemplate = {
    contextActivities: {
      grouping: [
        { objectType: 'Activity', id: iri.module(course, module.meta.id) },
        { objectType: 'Activity', id: iri.course(course) },
      ],
    },
    extensions: { [CMI5.sessionId]: sessionId },
  };
  return { sessionId, contextTemplate };
}

export interface Cmi5LaunchInput {
  readonly course: Course;
  readonly module: Module;
  /** From cmi5Session, the same the launch token was minted with. */
  readonly contextTemplate: Record<string, unknown>;
  readonly actor: Record<string, unknown>;
  readonly registration: string;
  readonly auUrl: string;
  readonly returnUrl: string;
  readonly endpoint: string;
  readonly fetchUrl: string;
  readonly lrs: LrsClient;
}

/** Writes LaunchData, sends `launched`, and returns the AU URL with the cmi5 launch parameters. */
export async function prepareCmi5Launch(input: Cmi5LaunchInput): Promise<string> {
  const { course, module, actor, registration, lrs, contextTemplate } = input;
  const activityId = iri.module(course, module.meta.id);
  const mastery = masteryOf(module);
  await lrs.putState(
    { activityId, agent: JSON.stringify(actor), registration, stateId: 'LMS.LaunchData' },
    {
      contextTemplate,
      launchMode: 'Normal',
      launchMethod: 'AnyWindow',
      moveOn: moveOn(module),
      returnURL: input.returnUrl,
      ...(mastery !== undefined ? { masteryScore: mastery } : {}),
    },
  );
  await lrs.postStatements([
    {
      id: randomUUID(),
      actor,
      verb: VERB.launched,
      object: { objectType: 'Activity', id: activityId },
      context: {
        registration,
        contextActivities: { ...(contextTemplate['contextActivities'] as object), category: [{ id: CMI5.category }] },
        extensions: {
          ...(contextTemplate['extensions'] as object),
          [CMI5.launchMode]: 'Normal',
          [CMI5.launchUrl]: input.auUrl,
          [CMI5.moveOn]: moveOn(module),
          ...(mastery !== undefined ? { [CMI5.masteryScore]: mastery } : {}),
        },
      },
      timestamp: new Date().toISOString(),
    },
  ]);
  const q = new URLSearchParams({
    endpoint: input.endpoint,
    fetch: input.fetchUrl,
    actor: JSON.stringify(actor),
    registration,
    activityId,
  });
  return `${input.auUrl}?${q}`;
}

/** Which AUs of the course have met their moveOn in this registration. */
export async function satisfiedModules(course: Course, actor: Record<string, unknown>, registration: string, lrs: LrsClient): Promise<Set<string>> {
  const statements = await lrs.statements({ agent: JSON.stringify(actor), registration }, 5000);
  const done = new Map<string, { completed: boolean; passed: boolean }>();
  for (const s of statements) {
    const verb = (s['verb'] as { id?: string } | undefined)?.id;
    const object = (s['object'] as { id?: string } | undefined)?.id;
    if (!object) continue;
    const d = done.get(object) ?? { completed: false, passed: false };
    if (verb === VERB.completed) d.completed = true;
    if (verb === VERB.passed) d.passed = true;
    done.set(object, d);
  }
  const out = new Set<string>();
  for (const m of course.modules) {
    const d = done.get(iri.module(course, m.meta.id));
    const rule = moveOn(m);
    if (d && (rule === 'Completed' ? d.completed || d.passed : d.completed && d.passed)) out.add(m.meta.id);
  }
  return out;
}

/** The LMS's `satisfied` statement for a course whose every AU met its moveOn. */
export function courseSatisfiedStatement(course: Course, actor: Record<string, unknown>, registration: string): Record<string, unknown> {
  return {
    id: randomUUID(),
    actor,
    verb: VERB.satisfied,
    object: { objectType: 'Activity', id: iri.course(course), definition: { type: 'https://w3id.org/xapi/cmi5/activitytype/course' } },
    context: {
      registration,
      contextActivities: { category: [{ id: CMI5.category }] },
      extensions: { [CMI5.sessionId]: randomUUID() },
    },
    timestamp: new Date().toISOString(),
  };
}

const SESSION_OF = (s: Record<string, unknown>): unknown =>
  ((s['context'] as { extensions?: Record<string, unknown> } | undefined)?.extensions ?? {})[CMI5.sessionId];

/**
 * Resolves true once the latest launched session of the registration has its `terminated`
 * statement (the AU sends it as it unloads, often after the learner is back on the catalogue),
 * false after `ms` or when `stopped()` says the LMS is closing.
 */
export async function sessionEnded(
  actor: Record<string, unknown>,
  registration: string,
  lrs: LrsClient,
  ms: number,
  stopped: () => boolean = () => false,
): Promise<boolean> {
  const end = Date.now() + ms;
  while (!stopped()) {
    const recent = await lrs.statements({ agent: JSON.stringify(actor), registration }, 200);
    const launched = recent.find((s) => (s['verb'] as { id?: string } | undefined)?.id === VERB.launched.id);
    if (!launched) return true;
    const session = SESSION_OF(launched);
    if (recent.some((s) => (s['verb'] as { id?: string } | undefined)?.id === TERMINATED && SESSION_OF(s) === session)) return true;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

const TERMINATED = 'http://adlnet.gov/expapi/verbs/terminated';
