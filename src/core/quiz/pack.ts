/**
 * Answer keys in a package: questions travel with their keys (and the feedback that would give
 * them away) obfuscated, so that viewing the page source does not show the answers.
 * This is obfuscation, not security: the player must unpack keys to score in the browser,
 * and a determined learner can do the same. High-stakes exams need server-side scoring.
 */
import type { Choice, Question } from './model.js';
import { hashString, rng } from './random.js';

/** A question as embedded in a package: public fields plus `k`, the obfuscated key. */
export type PackedQuestion = Readonly<Record<string, unknown>> & { readonly id: string; readonly kind: string; readonly k: string };

interface Secret {
  /** Correct choice ids. */
  c?: string[];
  /** Feedback per choice id. */
  cf?: Record<string, string>;
  fb?: { correct?: string; incorrect?: string };
  ex?: string;
  /** fill answers. */
  a?: string[];
  /** numeric bounds. */
  n?: [number, number];
  /** matching pairs. */
  p?: [string, string][];
  /** ordering: step ids in the correct order. */
  o?: string[];
}

const SALT = 'boiduong-key-v1:';

function keystream(id: string, bytes: Uint8Array): Uint8Array {
  const next = rng(hashString(SALT + id));
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes[i]! ^ Math.floor(next() * 256);
  return out;
}

function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]!);
  return btoa(bin);
}

function fromBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function seal(id: string, secret: Secret): string {
  return toBase64(keystream(id, new TextEncoder().encode(JSON.stringify(secret))));
}

function open(id: string, k: string): Secret {
  return JSON.parse(new TextDecoder().decode(keystream(id, fromBase64(k)))) as Secret;
}

export function packQuestion(q: Question): PackedQuestion {
  // file and line stay behind: they describe the author's machine, not the learner's page.
  const { file: _file, line: _line, feedback, explanationHtml, ...rest } = q;
  const secret: Secret = {};
  if (feedback !== undefined) secret.fb = { ...feedback };
  if (explanationHtml !== undefined) secret.ex = explanationHtml;
  const pub: Record<string, unknown> = { ...rest };
  switch (q.kind) {
    case 'single':
    case 'multiple':
    case 'truefalse': {
      secret.c = q.choices.filter((c) => c.correct).map((c) => c.id);
      const cf: Record<string, string> = {};
      for (const c of q.choices) if (c.feedbackHtml !== undefined) cf[c.id] = c.feedbackHtml;
      if (Object.keys(cf).length > 0) secret.cf = cf;
      pub['choices'] = q.choices.map((c) => ({ id: c.id, html: c.html, text: c.text }));
      break;
    }
    case 'fill':
      secret.a = [...q.answers];
      delete pub['answers'];
      break;
    case 'numeric':
      secret.n = [q.min, q.max];
      delete pub['min'];
      delete pub['max'];
      break;
    case 'matching':
      secret.p = q.pairs.map(([s, t]) => [s, t]);
      delete pub['pairs'];
      pub['targets'] = [...q.targets].sort((a, b) => a.id.localeCompare(b.id));
      break;
    case 'ordering':
      secret.o = q.steps.map((s) => s.id);
      pub['steps'] = [...q.steps].sort((a, b) => a.id.localeCompare(b.id));
      break;
    case 'essay':
      break;
  }
  return { ...pub, id: q.id, kind: q.kind, k: seal(q.id, secret) };
}

export function packQuestions(questions: readonly Question[]): PackedQuestion[] {
  return questions.map(packQuestion);
}

/** The full question back from its packed form (in the browser, just before scoring). */
export function unpackQuestion(packed: unknown): Question {
  if (typeof packed !== 'object' || packed === null) throw new TypeError('not a packed question');
  const { k, ...pub } = packed as PackedQuestion;
  const secret = open(pub.id, k);
  const base: Record<string, unknown> = { ...pub, file: '', line: 0 };
  if (secret.fb !== undefined) base['feedback'] = secret.fb;
  if (secret.ex !== undefined) base['explanationHtml'] = secret.ex;
  switch (pub.kind) {
    case 'single':
    case 'multiple':
    case 'truefalse': {
      const correct = new Set(secret.c ?? []);
      base['choices'] = (pub['choices'] as Choice[]).map((c) => {
        const fb = secret.cf?.[c.id];
        return { ...c, correct: correct.has(c.id), ...(fb !== undefined ? { feedbackHtml: fb } : {}) };
      });
      break;
    }
    case 'fill':
      base['answers'] = secret.a ?? [];
      break;
    case 'numeric':
      base['min'] = secret.n?.[0] ?? NaN;
      base['max'] = secret.n?.[1] ?? NaN;
      break;
    case 'matching':
      base['pairs'] = secret.p ?? [];
      break;
    case 'ordering': {
      const byId = new Map((pub['steps'] as { id: string }[]).map((s) => [s.id, s]));
      base['steps'] = (secret.o ?? []).map((id) => byId.get(id)).filter((s) => s !== undefined);
      break;
    }
    default:
      break;
  }
  return base as unknown as Question;
}
