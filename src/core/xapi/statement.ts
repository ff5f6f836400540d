/**
 * xAPI statements as the runtime, the preview LMS and the reports build them. Pure: the caller
 * supplies the clock and the id so the same inputs give the same statement.
 */
import type { LocalText } from '../text.js';
import { EXT, type AssessmentOutcome, type InteractionRecord } from '../tracking.js';
import { isoDuration } from './time.js';
import type { Verb } from './verbs.js';

export interface Account {
  readonly homePage: string;
  readonly name: string;
}

export interface Agent {
  readonly objectType?: 'Agent';
  readonly name?: string;
  readonly account?: Account;
  readonly mbox?: string;
  readonly mbox_sha1sum?: string;
  readonly openid?: string;
}

export interface ActivityDefinition {
  readonly type?: string;
  readonly name?: LocalText;
  readonly description?: LocalText;
  readonly [key: string]: unknown;
}

export interface Activity {
  readonly objectType: 'Activity';
  readonly id: string;
  readonly definition?: ActivityDefinition;
}

export interface Score {
  readonly scaled?: number;
  readonly raw?: number;
  readonly min?: number;
  readonly max?: number;
}

export interface Result {
  readonly score?: Score;
  readonly success?: boolean;
  readonly completion?: boolean;
  readonly response?: string;
  readonly duration?: string;
  readonly extensions?: Readonly<Record<string, unknown>>;
}

export interface ContextActivities {
  readonly parent?: readonly Activity[];
  readonly grouping?: readonly Activity[];
  readonly category?: readonly Activity[];
  readonly other?: readonly Activity[];
}

export interface Context {
  readonly registration?: string;
  readonly contextActivities?: ContextActivities;
  readonly language?: string;
  readonly extensions?: Readonly<Record<string, unknown>>;
}

export interface Statement {
  readonly id: string;
  readonly actor: Agent;
  readonly verb: Verb;
  readonly object: Activity;
  readonly result?: Result;
  readonly context?: Context;
  readonly timestamp: string;
}

export const ACTIVITY_TYPES = {
  course: 'http://adlnet.gov/expapi/activities/course',
  module: 'http://adlnet.gov/expapi/activities/module',
  assessment: 'http://adlnet.gov/expapi/activities/assessment',
  simulation: 'http://adlnet.gov/expapi/activities/simulation',
  interaction: 'http://adlnet.gov/expapi/activities/cmi.interaction',
} as const;

/** Who, in which registration, in which module of which course: what every statement shares. */
export interface StatementScope {
  readonly actor: Agent;
  readonly registration?: string;
  readonly lang: string;
  readonly course: { readonly activityId: string; readonly title: string };
  readonly module: { readonly activityId: string; readonly title: string; readonly version: string };
  /** cmi5 contextTemplate from LMS.LaunchData: merged into every statement's context. */
  readonly contextTemplate?: Readonly<Record<string, unknown>>;
}

export interface Stamp {
  readonly id: string;
  /** Epoch milliseconds. */
  readonly now: number;
}

function activity(id: string, type: string, name?: LocalText): Activity {
  return { objectType: 'Activity', id, definition: name ? { type, name } : { type } };
}

export function moduleActivity(scope: StatementScope): Activity {
  return activity(scope.module.activityId, ACTIVITY_TYPES.module, { [scope.lang]: scope.module.title });
}

function courseActivity(scope: StatementScope): Activity {
  return activity(scope.course.activityId, ACTIVITY_TYPES.course, { [scope.lang]: scope.course.title });
}

function concat(a: unknown, b: readonly Activity[] | undefined): Activity[] | undefined {
  const first = Array.isArray(a) ? (a as Activity[]) : [];
  const all = [...first];
  for (const x of b ?? []) if (!all.some((y) => y.id === x.id)) all.push(x);
  return all.length > 0 ? all : undefined;
}

/**
 * The statement context: the template (cmi5) first, then ours; activity lists are joined without
 * duplicates and extensions merged, so the template's sessionid always survives.
 */
export function buildContext(scope: StatementScope, extra: { parent?: Activity[]; category?: Activity[]; extensions?: Record<string, unknown> }): Context {
  const tpl = (scope.contextTemplate ?? {}) as Record<string, unknown>;
  const tplActs = (tpl['contextActivities'] ?? {}) as Record<string, unknown>;
  const acts: Record<string, Activity[]> = {};
  const parent = concat(tplActs['parent'], extra.parent);
  const grouping = concat(tplActs['grouping'], [courseActivity(scope)]);
  const category = concat(tplActs['category'], extra.category);
  const other = concat(tplActs['other'], undefined);
  if (parent) acts['parent'] = parent;
  if (grouping) acts['grouping'] = grouping;
  if (category) acts['category'] = category;
  if (other) acts['other'] = other;
  const extensions = {
    ...((tpl['extensions'] ?? {}) as Record<string, unknown>),
    [EXT.moduleVersion]: scope.module.version,
    ...(extra.extensions ?? {}),
  };
  const ctx: Record<string, unknown> = { ...tpl, contextActivities: acts, language: scope.lang, extensions };
  if (scope.registration) ctx['registration'] = scope.registration;
  return ctx;
}

export interface ModuleStatementOptions {
  readonly result?: Result;
  /** Extra category activity ids (cmi5 category, moveon). */
  readonly categories?: readonly string[];
  readonly extensions?: Record<string, unknown>;
}

/** A statement about the module itself: initialized, completed, passed, terminated… */
export function moduleStatement(scope: StatementScope, verb: Verb, stamp: Stamp, opts: ModuleStatementOptions = {}): Statement {
  const category = (opts.categories ?? []).map((id): Activity => ({ objectType: 'Activity', id }));
  const context = buildContext(scope, { category, ...(opts.extensions ? { extensions: opts.extensions } : {}) });
  return {
    id: stamp.id,
    actor: scope.actor,
    verb,
    object: moduleActivity(scope),
    ...(opts.result ? { result: opts.result } : {}),
    context,
    timestamp: new Date(stamp.now).toISOString(),
  };
}

/** One answered question, case decision or reflection. */
export function interactionStatement(scope: StatementScope, verb: Verb, rec: InteractionRecord, stamp: Stamp): Statement {
  const parents: Activity[] = [];
  if (rec.parentActivityId) parents.push({ objectType: 'Activity', id: rec.parentActivityId });
  parents.push(moduleActivity(scope));
  const r = rec.xapiResult;
  const result: Record<string, unknown> = { response: r.response, duration: isoDuration(rec.latencyMs) };
  if (r.success !== undefined) result['success'] = r.success;
  if (r.score) result['score'] = r.score;
  const context = buildContext(scope, { parent: parents, ...(rec.extensions ? { extensions: { ...rec.extensions } } : {}) });
  return {
    id: stamp.id,
    actor: scope.actor,
    verb,
    object: { objectType: 'Activity', id: rec.activityId, definition: rec.xapiDefinition },
    result,
    context,
    timestamp: rec.timestamp || new Date(stamp.now).toISOString(),
  };
}

/** A finished test attempt or case walk-through: passed or failed on the test/case activity. */
export function outcomeStatement(scope: StatementScope, verb: Verb, o: AssessmentOutcome, stamp: Stamp): Statement {
  const type = o.kind === 'test' ? ACTIVITY_TYPES.assessment : ACTIVITY_TYPES.simulation;
  const extensions: Record<string, unknown> = { [EXT.mark10]: o.mark, ...(o.extensions ?? {}) };
  if (o.gradeBand) extensions[EXT.gradeBand] = o.gradeBand;
  const max = Math.max(o.max, 0);
  const raw = Math.min(Math.max(o.raw, 0), max);
  const result: Result = {
    score: { scaled: clampScaled(o.mark / 10), raw, min: 0, max },
    success: o.passed,
    completion: true,
    duration: isoDuration(o.durationMs),
    extensions,
  };
  return {
    id: stamp.id,
    actor: scope.actor,
    verb,
    object: activity(o.activityId, type, o.title),
    result,
    context: buildContext(scope, { parent: [moduleActivity(scope)] }),
    timestamp: new Date(stamp.now).toISOString(),
  };
}

export function clampScaled(x: number): number {
  if (!Number.isFinite(x)) return 0;
  return Math.round(Math.min(1, Math.max(-1, x)) * 10000) / 10000;
}
