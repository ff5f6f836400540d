/**
 * Response formats per question kind for SCORM 1.2, SCORM 2004 and xAPI, packed into the
 * InteractionRecord the trackers write field by field.
 */
import type { InteractionRecord, InteractionType, Scorm12InteractionType } from '../tracking.js';
import type { Question } from './model.js';
import type { Response } from './response.js';
import { assertNever } from '../never.js';
import { learnerNumber } from './number.js';
import { scoreQuestion } from './scoring.js';

export const CMI_INTERACTION = 'http://adlnet.gov/expapi/activities/cmi.interaction';
export const VERB_ANSWERED = 'http://adlnet.gov/expapi/verbs/answered';

/** What each standard keeps of a typed response: 1.2's CMIString255, 2004's fill-in and long-fill-in. */
export const RESPONSE_LIMITS = { scorm12: 255, scorm2004Fill: 250, scorm2004Long: 4000 } as const;
const SCORM12_TEXT_MAX = RESPONSE_LIMITS.scorm12;
const SCORM2004_FILL_MAX = RESPONSE_LIMITS.scorm2004Fill;
const SCORM2004_LONG_MAX = RESPONSE_LIMITS.scorm2004Long;
const DESCRIPTION_MAX = 250;

/**
 * A typed answer as SCORM receives it, before any cut: one line, because LMSs that check the
 * format (scorm-again among them) refuse a line break in 1.2's student_response and 2004's
 * learner_response and then keep nothing. A fill-in answer's spaces collapse; an essay's
 * paragraphs are joined with " / " so the breaks stay readable.
 */
export function responseLine(kind: 'fill' | 'essay', text: string): string {
  const typed = text.trim();
  return kind === 'fill' ? typed.replace(/\s+/g, ' ') : typed.replace(/\s*\r?\n\s*/g, ' / ');
}

export function interactionType(q: Question): InteractionType {
  switch (q.kind) {
    case 'truefalse':
      return 'true-false';
    case 'single':
    case 'multiple':
      return 'choice';
    case 'fill':
      return 'fill-in';
    case 'numeric':
      return 'numeric';
    case 'matching':
      return 'matching';
    case 'ordering':
      return 'sequencing';
    case 'essay':
      return 'long-fill-in';
  }
}

function scorm12Type(t: InteractionType): Scorm12InteractionType {
  // SCORM 1.2 has neither long-fill-in nor other: essays travel as performance.
  return t === 'long-fill-in' || t === 'other' ? 'performance' : t;
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max);
}

/** A number in CMIDecimal form (no exponent). */
function decimal(n: number): string {
  if (!Number.isFinite(n)) return '';
  const s = String(n);
  return /e/i.test(s) ? n.toFixed(10).replace(/\.?0+$/, '') : s;
}

/**
 * 2004 reserves "[,]", "[.]" and "[:]" as delimiters and reads a leading "{" as a "{lang=…}"
 * prefix; a learner's text must forge neither.
 */
function guard2004(s: string): string {
  return s
    .replace(/\[([,.:])\]/g, '($1)')
    .replace(/^\{/, '(');
}

/** The learner's answer in SCORM 1.2 and SCORM 2004 syntax (xAPI result.response uses 2004's). */
export function formatResponse(q: Question, r: Response | undefined): { scorm12: string; scorm2004: string } {
  if (r === undefined) return { scorm12: '', scorm2004: '' };
  switch (q.kind) {
    case 'truefalse': {
      const c = r.kind === 'choice' ? r.choices[0] : undefined;
      if (c === undefined) return { scorm12: '', scorm2004: '' };
      return { scorm12: c === 't' ? 't' : 'f', scorm2004: c === 't' ? 'true' : 'false' };
    }
    case 'single':
    case 'multiple': {
      const ids = r.kind === 'choice' ? [...r.choices].sort() : [];
      return { scorm12: ids.join(','), scorm2004: ids.join('[,]') };
    }
    case 'fill':
    case 'essay': {
      const text = responseLine(q.kind, r.kind === 'text' ? r.text : '');
      const max = q.kind === 'fill' ? SCORM2004_FILL_MAX : SCORM2004_LONG_MAX;
      return { scorm12: clip(text, SCORM12_TEXT_MAX), scorm2004: clip(guard2004(text), max) };
    }
    case 'numeric': {
      const n = r.kind === 'number' ? learnerNumber(r.text) : NaN;
      const s = decimal(n);
      return { scorm12: s, scorm2004: s };
    }
    case 'matching': {
      const entries = r.kind === 'pairs' ? Object.entries(r.pairs).sort(([a], [b]) => a.localeCompare(b)) : [];
      return {
        scorm12: entries.map(([s, t]) => `${s}.${t}`).join(','),
        scorm2004: entries.map(([s, t]) => `${s}[.]${t}`).join('[,]'),
      };
    }
    case 'ordering': {
      const steps = r.kind === 'order' ? r.steps : [];
      return { scorm12: steps.join(','), scorm2004: steps.join('[,]') };
    }
  }
}

/** Correct response patterns: several for fill-in (one per accepted answer), none for essays. */
export function correctPatterns(q: Question): { scorm12: string[]; scorm2004: string[] } {
  switch (q.kind) {
    case 'truefalse': {
      const t = q.choices.find((c) => c.correct)?.id === 't';
      return { scorm12: [t ? 't' : 'f'], scorm2004: [t ? 'true' : 'false'] };
    }
    case 'single':
    case 'multiple': {
      const ids = q.choices.filter((c) => c.correct).map((c) => c.id);
      return { scorm12: [ids.join(',')], scorm2004: [ids.join('[,]')] };
    }
    case 'fill': {
      const prefix = q.caseSensitive ? '' : '{case_matters=false}';
      return {
        scorm12: q.answers.map((a) => clip(a, SCORM12_TEXT_MAX)),
        scorm2004: q.answers.map((a) => `${prefix}{lang=${q.lang}}${clip(guard2004(a), SCORM2004_FILL_MAX)}`),
      };
    }
    case 'numeric':
      // SCORM 1.2 takes a single number: a range has no 1.2 pattern, only its 2004 min[:]max.
      return {
        scorm12: q.min === q.max ? [decimal(q.min)] : [],
        scorm2004: [q.min === q.max ? decimal(q.min) : `${decimal(q.min)}[:]${decimal(q.max)}`],
      };
    case 'matching':
      return {
        scorm12: [q.pairs.map(([s, t]) => `${s}.${t}`).join(',')],
        scorm2004: [q.pairs.map(([s, t]) => `${s}[.]${t}`).join('[,]')],
      };
    case 'ordering':
      return { scorm12: [q.steps.map((s) => s.id).join(',')], scorm2004: [q.steps.map((s) => s.id).join('[,]')] };
    case 'essay':
      return { scorm12: [], scorm2004: [] };
  }
}

function items(list: readonly { id: string; text: string }[], lang: string): { id: string; description: Record<string, string> }[] {
  return list.map((x) => ({ id: x.id, description: { [lang]: x.text } }));
}

/** The xAPI cmi.interaction activity definition of a question. */
export function xapiDefinition(q: Question): Record<string, unknown> {
  const type = interactionType(q);
  const name = q.promptText.length > 120 ? `${q.promptText.slice(0, 117)}...` : q.promptText;
  const def: Record<string, unknown> = {
    type: CMI_INTERACTION,
    name: { [q.lang]: name || q.id },
    description: { [q.lang]: q.promptText || q.id },
    interactionType: type,
  };
  const patterns = correctPatterns(q).scorm2004;
  if (patterns.length > 0) def['correctResponsesPattern'] = patterns;
  switch (q.kind) {
    case 'single':
    case 'multiple':
      def['choices'] = items(q.choices, q.lang);
      break;
    case 'matching':
      def['source'] = items(q.sources, q.lang);
      def['target'] = items(q.targets, q.lang);
      break;
    case 'ordering':
      def['choices'] = items([...q.steps].sort((a, b) => a.id.localeCompare(b.id)), q.lang);
      break;
    case 'truefalse':
    case 'fill':
    case 'numeric':
    case 'essay':
      // xAPI defines no component list for these interaction types.
      break;
    default:
      assertNever(q, 'question kind');
  }
  return def;
}

export interface InteractionContext {
  /** Interaction id: "test-id.question-id" inside a test, the question id for a knowledge check. */
  readonly id: string;
  readonly activityId: string;
  readonly parentActivityId?: string;
  readonly latencyMs: number;
  readonly timestamp: string;
  readonly extensions?: Readonly<Record<string, unknown>>;
}

/** Everything every tracker needs to record one answered question. */
export function interactionRecord(q: Question, r: Response | undefined, at: InteractionContext): InteractionRecord {
  const score = scoreQuestion(q, r);
  const response = formatResponse(q, r);
  const patterns = correctPatterns(q);
  const type = interactionType(q);
  const result = score.correct === null ? 'neutral' : score.correct ? 'correct' : 'incorrect';
  return {
    id: at.id,
    activityId: at.activityId,
    type,
    description: { [q.lang]: clip(q.promptText || q.id, DESCRIPTION_MAX) },
    result,
    weighting: q.points,
    latencyMs: Math.max(0, Math.round(at.latencyMs)),
    timestamp: at.timestamp,
    scorm2004: { learnerResponse: response.scorm2004, correctPatterns: patterns.scorm2004 },
    scorm12: { type: scorm12Type(type), studentResponse: response.scorm12, correctPatterns: patterns.scorm12 },
    xapiDefinition: xapiDefinition(q),
    xapiResult: {
      // xAPI keeps an essay's paragraphs; every other kind answers in 2004 syntax.
      response: q.kind === 'essay' && r?.kind === 'text' ? r.text.trim() : response.scorm2004,
      ...(score.correct === null
        ? {}
        : {
            success: score.correct,
            score: { raw: score.earned, min: 0, max: score.max, ...(score.max > 0 ? { scaled: score.earned / score.max } : {}) },
          }),
    },
    verb: VERB_ANSWERED,
    ...(at.parentActivityId !== undefined ? { parentActivityId: at.parentActivityId } : {}),
    ...(at.extensions !== undefined ? { extensions: at.extensions } : {}),
  };
}
