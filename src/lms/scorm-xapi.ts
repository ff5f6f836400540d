/**
 * SCORM → xAPI: what a SCORM package records (status, score, interactions, time) is also
 * written to the LRS, so compliance reports cover SCORM launches too. Works on the flattened
 * CMI that scorm-again commits; compares the previous commit with the new one and emits only
 * what changed. Statement ids are derived from the attempt and the event, so a repeated
 * commit yields the same ids and the LRS keeps one copy.
 */
import { createHash } from 'node:crypto';
import { EXT } from '../core/index.js';

export type FlatCmi = Readonly<Record<string, string | number | boolean | null | undefined>>;

export interface ScormAttemptContext {
  readonly version: '1.2' | '2004';
  readonly attemptId: string;
  /** UUID shared by the statements of one attempt (xAPI context.registration). */
  readonly registration: string;
  readonly actor: Readonly<Record<string, unknown>>;
  readonly moduleActivityId: string;
  readonly moduleTitle: string;
  readonly courseActivityId: string;
  readonly moduleVersion: string;
  readonly lang: string;
  readonly timestamp: string;
}

const VERB = (id: string, vi: string, en: string): { id: string; display: Record<string, string> } => ({
  id: `http://adlnet.gov/expapi/verbs/${id}`,
  display: { vi, 'en-US': en },
});

const VERBS = {
  answered: VERB('answered', 'đã trả lời', 'answered'),
  completed: VERB('completed', 'đã hoàn thành', 'completed'),
  passed: VERB('passed', 'đã đạt', 'passed'),
  failed: VERB('failed', 'chưa đạt', 'failed'),
};

/** A UUID (version 8 layout: name-based, custom hash) from stable parts. */
export function stableUuid(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const str = (v: FlatCmi[string]): string => (v === undefined || v === null ? '' : String(v));
const num = (v: FlatCmi[string]): number | undefined => {
  const n = typeof v === 'number' ? v : Number.parseFloat(str(v));
  return Number.isFinite(n) ? n : undefined;
};

interface Outcome {
  readonly completed: boolean;
  readonly success?: boolean;
  readonly scaled?: number;
  readonly raw?: number;
  readonly min?: number;
  readonly max?: number;
}

function outcomeOf(cmi: FlatCmi, version: '1.2' | '2004'): Outcome {
  if (version === '1.2') {
    const status = str(cmi['cmi.core.lesson_status']);
    const raw = num(cmi['cmi.core.score.raw']);
    const min = num(cmi['cmi.core.score.min']) ?? 0;
    const max = num(cmi['cmi.core.score.max']) ?? 100;
    const scaled = raw !== undefined && max > min ? (raw - min) / (max - min) : undefined;
    return {
      completed: status === 'completed' || status === 'passed' || status === 'failed',
      ...(status === 'passed' ? { success: true } : status === 'failed' ? { success: false } : {}),
      ...(raw !== undefined ? { raw, min, max } : {}),
      ...(scaled !== undefined ? { scaled } : {}),
    };
  }
  const completion = str(cmi['cmi.completion_status']);
  const success = str(cmi['cmi.success_status']);
  const scaled = num(cmi['cmi.score.scaled']);
  const raw = num(cmi['cmi.score.raw']);
  const min = num(cmi['cmi.score.min']);
  const max = num(cmi['cmi.score.max']);
  return {
    completed: completion === 'completed',
    ...(success === 'passed' ? { success: true } : success === 'failed' ? { success: false } : {}),
    ...(scaled !== undefined ? { scaled } : {}),
    ...(raw !== undefined ? { raw } : {}),
    ...(min !== undefined ? { min } : {}),
    ...(max !== undefined ? { max } : {}),
  };
}

/** SCORM 1.2 session time HHHH:MM:SS.SS or 2004's ISO duration, as an ISO duration. */
function durationOf(cmi: FlatCmi, version: '1.2' | '2004'): string | undefined {
  const v = str(version === '1.2' ? cmi['cmi.core.session_time'] : cmi['cmi.session_time']);
  if (!v) return undefined;
  if (version === '2004') return v;
  const m = /^(\d{2,4}):(\d{2}):(\d{2})(\.\d{1,2})?$/.exec(v);
  if (!m) return undefined;
  return `PT${Number(m[1])}H${Number(m[2])}M${Number(m[3])}${m[4] ?? ''}S`;
}

const RESULT_12_TO_XAPI: Record<string, boolean | undefined> = { correct: true, wrong: false, incorrect: false };

function interactions(cmi: FlatCmi): { index: number; fields: Record<string, string> }[] {
  const out = new Map<number, Record<string, string>>();
  for (const [key, value] of Object.entries(cmi)) {
    const m = /^cmi\.interactions\.(\d+)\.(.+)$/.exec(key);
    if (!m) continue;
    const i = Number(m[1]);
    const fields = out.get(i) ?? {};
    fields[m[2]!] = str(value);
    out.set(i, fields);
  }
  return [...out].sort((a, b) => a[0] - b[0]).map(([index, fields]) => ({ index, fields }));
}

function scormTypeToXapi(type: string): string {
  return type === 'performance' || type === 'true-false' || type === 'choice' || type === 'fill-in' || type === 'long-fill-in' ||
    type === 'matching' || type === 'sequencing' || type === 'likert' || type === 'numeric' || type === 'other'
    ? type
    : 'other';
}

/** 1.2 patterns use ',' and '.'; 2004's use '[,]' and '[.]'. xAPI wants 2004's syntax. */
function to2004Pattern(type: string, value: string): string {
  if (type === 'true-false') return value === 't' ? 'true' : value === 'f' ? 'false' : value;
  if (type === 'choice' || type === 'sequencing') return value.split(',').join('[,]');
  if (type === 'matching') return value.split(',').map((p) => p.split('.').join('[.]')).join('[,]');
  return value;
}

/** Statements for what changed between two commits of one SCORM attempt. */
export function scormCommitToStatements(previous: FlatCmi, next: FlatCmi, ctx: ScormAttemptContext): Record<string, unknown>[] {
  const statements: Record<string, unknown>[] = [];
  const context = {
    registration: ctx.registration,
    contextActivities: { parent: [{ id: ctx.courseActivityId, objectType: 'Activity' }] },
    extensions: { [EXT.moduleVersion]: ctx.moduleVersion },
    language: ctx.lang,
  };
  const moduleObject = {
    objectType: 'Activity',
    id: ctx.moduleActivityId,
    definition: { type: 'http://adlnet.gov/expapi/activities/module', name: { [ctx.lang]: ctx.moduleTitle } },
  };
  const before = interactions(previous);
  for (const { index, fields } of interactions(next)) {
    const id = fields['id'];
    if (!id || before.some((b) => b.index === index && b.fields['id'] === id && b.fields['result'] === fields['result'])) continue;
    const type = scormTypeToXapi(fields['type'] ?? 'other');
    const response = ctx.version === '1.2' ? to2004Pattern(type, fields['student_response'] ?? '') : (fields['learner_response'] ?? '');
    const patterns = Object.entries(fields)
      .filter(([k]) => /^correct_responses\.\d+\.pattern$/.test(k))
      .map(([, v]) => (ctx.version === '1.2' ? to2004Pattern(type, v) : v));
    const resultWord = fields['result'] ?? '';
    const success = RESULT_12_TO_XAPI[resultWord];
    statements.push({
      id: stableUuid(ctx.attemptId, 'interaction', String(index), id, resultWord),
      actor: ctx.actor,
      verb: VERBS.answered,
      object: {
        objectType: 'Activity',
        id: `${ctx.moduleActivityId}/interactions/${encodeURIComponent(id)}`,
        definition: {
          type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
          interactionType: type,
          ...(patterns.length ? { correctResponsesPattern: patterns } : {}),
          ...(fields['description'] ? { description: { [ctx.lang]: fields['description'] } } : {}),
        },
      },
      result: { response, ...(success !== undefined ? { success } : {}) },
      context: { ...context, contextActivities: { ...context.contextActivities, grouping: [{ id: ctx.moduleActivityId, objectType: 'Activity' }] } },
      timestamp: ctx.timestamp,
    });
  }
  const was = outcomeOf(previous, ctx.version);
  const now = outcomeOf(next, ctx.version);
  const duration = durationOf(next, ctx.version);
  const score =
    now.scaled !== undefined
      ? {
          score: {
            scaled: Math.max(-1, Math.min(1, now.scaled)),
            ...(now.raw !== undefined && now.min !== undefined && now.max !== undefined && now.raw >= now.min && now.raw <= now.max
              ? { raw: now.raw, min: now.min, max: now.max }
              : {}),
          },
          extensions: { [EXT.mark10]: Math.round(now.scaled * 1000) / 100 },
        }
      : {};
  if (now.completed && !was.completed) {
    statements.push({
      id: stableUuid(ctx.attemptId, 'completed'),
      actor: ctx.actor,
      verb: VERBS.completed,
      object: moduleObject,
      result: { completion: true, ...(duration ? { duration } : {}) },
      context,
      timestamp: ctx.timestamp,
    });
  }
  if (now.success !== undefined && now.success !== was.success) {
    const verb = now.success ? VERBS.passed : VERBS.failed;
    statements.push({
      id: stableUuid(ctx.attemptId, now.success ? 'passed' : 'failed', String(now.scaled ?? '')),
      actor: ctx.actor,
      verb,
      object: moduleObject,
      result: { success: now.success, completion: now.completed, ...score, ...(duration ? { duration } : {}) },
      context,
      timestamp: ctx.timestamp,
    });
  }
  return statements;
}
