/**
 * What a case hands to the trackers: one choice interaction per decision, one long-fill-in
 * (SCORM 1.2: performance) per reflection, and the outcome with path and outcome label.
 * Every standard's format is produced here, so trackers need no knowledge of cases.
 */
import { EPSILON } from '../epsilon.js';
import type { LocalText } from '../text.js';
import { EXT, type AssessmentOutcome, type InteractionRecord } from '../tracking.js';
import type { CaseChoice, CaseStudy, Reflection, Scene } from './model.js';
import type { CaseStep } from './walk.js';

const INTERACTION_TYPE = 'http://adlnet.gov/expapi/activities/cmi.interaction';
const VERB_ANSWERED = 'http://adlnet.gov/expapi/verbs/answered';

/** Extension IRIs only cases write, next to core EXT.casePath / EXT.caseOutcome. */
export const CASE_EXT = {
  /** Points so far, after a decision; on the outcome, the points of the whole walk (may be negative). */
  score: 'https://boiduong.github.io/xapi/extensions/case-score',
  /** How many times the learner went back to choose again. */
  backs: 'https://boiduong.github.io/xapi/extensions/case-backs',
} as const;

/** Activity IRIs of a case, from the course activity id (the same as core `iri.case/scene`). */
export function caseActivityId(courseActivityId: string, caseId: string): string {
  return `${courseActivityId}/cases/${caseId}`;
}

export function sceneActivityId(courseActivityId: string, caseId: string, sceneId: string): string {
  return `${caseActivityId(courseActivityId, caseId)}/scenes/${sceneId}`;
}

function text(cs: CaseStudy, s: string): LocalText {
  return { [cs.lang]: s };
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

export interface DecisionContext {
  readonly courseActivityId: string;
  /** Choices the learner was offered at that moment. */
  readonly offered: readonly CaseChoice[];
  readonly latencyMs: number;
  readonly timestamp: string;
  /** Scene ids seen up to and including the decision's target. */
  readonly path: readonly string[];
  /** Score after the decision. */
  readonly score: number;
}

/**
 * A decision. There is no single right answer in a case, so the result says how the choice
 * compares with the best one offered: correct (as good as the best), incorrect (loses points),
 * neutral (in between); the correct pattern lists the best choices offered.
 */
export function decisionRecord(cs: CaseStudy, scene: Scene, step: CaseStep, ctx: DecisionContext): InteractionRecord {
  const offered = ctx.offered.length > 0 ? ctx.offered : scene.choices;
  const top = Math.max(...offered.map((c) => c.points));
  const low = Math.min(...offered.map((c) => c.points));
  const bestIds = offered.filter((c) => c.points === top).map((c) => c.id);
  const result = step.points >= top ? 'correct' : step.points < 0 ? 'incorrect' : 'neutral';
  const activityId = sceneActivityId(ctx.courseActivityId, cs.id, scene.id);
  return {
    id: `${cs.id}.${scene.id}`,
    activityId,
    type: 'choice',
    description: text(cs, clip(scene.title, 250)),
    result,
    weighting: Math.max(0, top),
    latencyMs: Math.max(0, Math.round(ctx.latencyMs)),
    timestamp: ctx.timestamp,
    // One pattern per equally good choice: any one of them alone is a best answer.
    scorm2004: { learnerResponse: step.choice, correctPatterns: bestIds },
    scorm12: { type: 'choice', studentResponse: step.choice, correctPatterns: bestIds },
    xapiDefinition: {
      type: INTERACTION_TYPE,
      name: text(cs, scene.title),
      description: text(cs, `${cs.title}: ${scene.title}`),
      interactionType: 'choice',
      correctResponsesPattern: bestIds,
      choices: scene.choices.map((c) => ({ id: c.id, description: text(cs, c.labelText) })),
    },
    xapiResult: {
      response: step.choice,
      score: { raw: step.points, min: Math.min(low, step.points), max: Math.max(top, step.points) },
    },
    verb: VERB_ANSWERED,
    parentActivityId: caseActivityId(ctx.courseActivityId, cs.id),
    extensions: { [EXT.casePath]: [...ctx.path], [CASE_EXT.score]: ctx.score },
  };
}

export interface ReflectionContext {
  readonly courseActivityId: string;
  readonly latencyMs: number;
  readonly timestamp: string;
  readonly path: readonly string[];
}

/** SCORM 2004 long-fill-in holds 4,000 characters; SCORM 1.2 performance 255. */
export const REFLECTION_LIMIT_2004 = 4000;
export const REFLECTION_LIMIT_12 = 255;

export function reflectionRecord(
  cs: CaseStudy,
  scene: Scene,
  reflection: Reflection,
  answer: string,
  ctx: ReflectionContext,
): InteractionRecord {
  const normalized = answer.normalize('NFC').trim();
  // SCORM strings are one line (LMS validators reject line breaks), and a leading '{' reads as
  // a delimiter such as {lang=vi}, which validators reject before text: a space keeps it text.
  const oneLine = normalized.replace(/\s+/g, ' ');
  const scormText = oneLine.startsWith('{') ? ` ${oneLine}` : oneLine;
  const for2004 = clip(scormText, REFLECTION_LIMIT_2004);
  return {
    id: `${cs.id}.${reflection.id}`,
    activityId: `${sceneActivityId(ctx.courseActivityId, cs.id, scene.id)}/reflections/${reflection.id}`,
    type: 'long-fill-in',
    description: text(cs, clip(reflection.promptText, 250)),
    result: 'neutral',
    weighting: 0,
    latencyMs: Math.max(0, Math.round(ctx.latencyMs)),
    timestamp: ctx.timestamp,
    scorm2004: { learnerResponse: for2004, correctPatterns: [] },
    scorm12: { type: 'performance', studentResponse: clip(scormText, REFLECTION_LIMIT_12), correctPatterns: [] },
    xapiDefinition: {
      type: INTERACTION_TYPE,
      name: text(cs, clip(reflection.promptText, 250)),
      description: text(cs, reflection.promptText),
      interactionType: 'long-fill-in',
    },
    xapiResult: { response: normalized },
    verb: VERB_ANSWERED,
    parentActivityId: caseActivityId(ctx.courseActivityId, cs.id),
    extensions: { [EXT.casePath]: [...ctx.path] },
  };
}

export interface OutcomeContext {
  readonly courseActivityId: string;
  readonly mark: number;
  readonly score: number;
  readonly best: number;
  readonly passMark: number;
  readonly gradeBand?: string;
  readonly durationMs: number;
  readonly path: readonly string[];
  readonly outcome: string | undefined;
  readonly backs: number;
}

export function caseOutcome(cs: CaseStudy, ctx: OutcomeContext): AssessmentOutcome {
  const extensions: Record<string, unknown> = {
    [EXT.casePath]: [...ctx.path],
    [EXT.caseOutcome]: ctx.outcome ?? ctx.path[ctx.path.length - 1] ?? '',
    [EXT.mark10]: ctx.mark,
    [CASE_EXT.score]: ctx.score,
  };
  if (ctx.backs > 0) extensions[CASE_EXT.backs] = ctx.backs;
  return {
    kind: 'case',
    id: cs.id,
    activityId: caseActivityId(ctx.courseActivityId, cs.id),
    title: text(cs, cs.title),
    mark: ctx.mark,
    // raw stays within 0..max for LMS and LRS score rules; the signed total is in CASE_EXT.score.
    raw: Math.max(0, Math.min(ctx.best, ctx.score)),
    max: ctx.best,
    passed: ctx.mark >= ctx.passMark - EPSILON,
    weight: cs.weight,
    ...(ctx.gradeBand !== undefined ? { gradeBand: ctx.gradeBand } : {}),
    durationMs: Math.max(0, Math.round(ctx.durationMs)),
    extensions,
  };
}
