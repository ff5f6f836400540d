/**
 * Answer keys in a package: questions travel with their keys (and the feedback that would give
 * them away) obfuscated, so that viewing the page source does not show the answers.
 * This is obfuscation, not security: the player must unpack keys to score in the browser,
 * and a determined learner can do the same. High-stakes exams need server-side scoring.
 *
 * The public part of a question is built field by field from a per-kind table, never by copying
 * the question: a kind's new field reaches the page only when its entry names it public.
 */
import { assertNever } from '../never.js';
import type { Choice, MatchItem, Question, QuestionBase, QuestionKind, QuestionOf } from './model.js';
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

/** What a kind adds to the public part, and the kind's fields rebuilt from public part and key. */
interface KindPacking<K extends QuestionKind> {
  /** Fills `secret` with the kind's key and returns the kind's public fields. */
  pack(q: QuestionOf<K>, secret: Secret): Record<string, unknown>;
  unpack(pub: Readonly<Record<string, unknown>>, secret: Secret): Omit<QuestionOf<K>, keyof QuestionBase | 'kind'>;
}

type PublicChoice = Omit<Choice, 'correct' | 'feedbackHtml'>;

const choicePacking: KindPacking<'single' | 'multiple' | 'truefalse'> = {
  pack(q, secret) {
    secret.c = q.choices.filter((c) => c.correct).map((c) => c.id);
    const cf: Record<string, string> = {};
    for (const c of q.choices) if (c.feedbackHtml !== undefined) cf[c.id] = c.feedbackHtml;
    if (Object.keys(cf).length > 0) secret.cf = cf;
    return { choices: q.choices.map((c): PublicChoice => ({ id: c.id, html: c.html, text: c.text })) };
  },
  unpack(pub, secret) {
    const correct = new Set(secret.c ?? []);
    return {
      choices: (pub['choices'] as PublicChoice[]).map((c) => {
        const fb = secret.cf?.[c.id];
        return { ...c, correct: correct.has(c.id), ...(fb !== undefined ? { feedbackHtml: fb } : {}) };
      }),
    };
  },
};

/** `maxLength` is public: the page needs it to limit the field. */
function maxLengthOf(source: { readonly maxLength?: unknown }): { maxLength?: number } {
  return source.maxLength !== undefined ? { maxLength: source.maxLength as number } : {};
}

const byId = (a: MatchItem, b: MatchItem): number => a.id.localeCompare(b.id);

const PACKING: { readonly [K in QuestionKind]: KindPacking<K> } = {
  single: choicePacking,
  multiple: choicePacking,
  truefalse: choicePacking,
  fill: {
    pack(q, secret) {
      secret.a = [...q.answers];
      return { caseSensitive: q.caseSensitive, diacriticSensitive: q.diacriticSensitive, ...maxLengthOf(q) };
    },
    unpack: (pub, secret) => ({
      answers: secret.a ?? [],
      caseSensitive: pub['caseSensitive'] as boolean,
      diacriticSensitive: pub['diacriticSensitive'] as boolean,
      ...maxLengthOf(pub),
    }),
  },
  numeric: {
    pack(q, secret) {
      secret.n = [q.min, q.max];
      return {};
    },
    unpack: (_pub, secret) => ({ min: secret.n?.[0] ?? NaN, max: secret.n?.[1] ?? NaN }),
  },
  matching: {
    pack(q, secret) {
      secret.p = q.pairs.map(([s, t]) => [s, t]);
      // Targets by scrambled id, so their order says nothing of the pairs.
      return { sources: q.sources, targets: [...q.targets].sort(byId) };
    },
    unpack: (pub, secret) => ({
      sources: pub['sources'] as MatchItem[],
      targets: pub['targets'] as MatchItem[],
      pairs: secret.p ?? [],
    }),
  },
  ordering: {
    pack(q, secret) {
      secret.o = q.steps.map((s) => s.id);
      return { steps: [...q.steps].sort(byId) };
    },
    unpack(pub, secret) {
      const steps = new Map((pub['steps'] as MatchItem[]).map((s) => [s.id, s]));
      return { steps: (secret.o ?? []).map((id) => steps.get(id)).filter((s) => s !== undefined) };
    },
  },
  essay: {
    pack: (q) => maxLengthOf(q),
    unpack: (pub) => maxLengthOf(pub),
  },
};

/**
 * The table entry of a kind. TypeScript cannot tie `q.kind` to its entry's parameter type (the
 * mapped type above checks each entry instead), hence the one cast; a kind unknown at run time
 * (a hand-edited package) stops here.
 */
function packingOf(kind: QuestionKind): KindPacking<QuestionKind> {
  const packing = PACKING[kind] as KindPacking<QuestionKind> | undefined;
  return packing ?? assertNever(kind as never, 'question kind');
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

/**
 * The fields every kind shows the learner. file, line and the practice flag stay behind (they
 * speak to the author, not the learner's page); feedback and explanation go into the key.
 */
function publicBase(q: QuestionBase & { readonly kind: QuestionKind }): Record<string, unknown> {
  return {
    id: q.id,
    module: q.module,
    points: q.points,
    topic: q.topic,
    promptHtml: q.promptHtml,
    promptText: q.promptText,
    lang: q.lang,
    kind: q.kind,
    // How a knowledge check behaves is not secret: the page needs it before any answer.
    ...(q.attempts !== undefined ? { attempts: q.attempts } : {}),
    ...(q.review !== undefined ? { review: q.review } : {}),
  };
}

export function packQuestion(q: Question): PackedQuestion {
  const secret: Secret = {};
  if (q.feedback !== undefined) secret.fb = { ...q.feedback };
  if (q.explanationHtml !== undefined) secret.ex = q.explanationHtml;
  const own = packingOf(q.kind).pack(q, secret);
  return { ...publicBase(q), ...own, id: q.id, kind: q.kind, k: seal(q.id, secret) };
}

export function packQuestions(questions: readonly Question[]): PackedQuestion[] {
  return questions.map(packQuestion);
}

/** The full question back from its packed form (in the browser, just before scoring). */
export function unpackQuestion(packed: unknown): Question {
  if (typeof packed !== 'object' || packed === null) throw new TypeError('not a packed question');
  const { k, ...pub } = packed as PackedQuestion;
  const secret = open(pub.id, k);
  const kind = pub.kind as QuestionKind;
  const base = {
    id: pub.id,
    kind,
    module: pub['module'],
    file: '',
    line: 0,
    points: pub['points'],
    topic: pub['topic'],
    promptHtml: pub['promptHtml'],
    promptText: pub['promptText'],
    ...(secret.fb !== undefined ? { feedback: secret.fb } : {}),
    ...(secret.ex !== undefined ? { explanationHtml: secret.ex } : {}),
    lang: pub['lang'],
    ...(pub['attempts'] !== undefined ? { attempts: pub['attempts'] } : {}),
    ...(pub['review'] !== undefined ? { review: pub['review'] } : {}),
  };
  return { ...base, ...packingOf(kind).unpack(pub, secret) } as unknown as Question;
}
