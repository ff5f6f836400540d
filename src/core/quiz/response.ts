/**
 * A learner's answer to one question, per kind, and its compact string form for suspend_data.
 */
import type { EssayQuestion, FillQuestion, Question } from './model.js';

export type Response =
  /** single, multiple, truefalse: chosen choice ids. */
  | { readonly kind: 'choice'; readonly choices: readonly string[] }
  /** fill and essay: the text typed. */
  | { readonly kind: 'text'; readonly text: string }
  /** numeric: the text typed (kept as typed, parsed when scored; "2,5" is 2.5). */
  | { readonly kind: 'number'; readonly text: string }
  /** matching: target id per source id, `undefined` when not yet paired. */
  | { readonly kind: 'pairs'; readonly pairs: Readonly<Record<string, string>> }
  /** ordering: step ids in the learner's order. */
  | { readonly kind: 'order'; readonly steps: readonly string[] };

/**
 * Typed-answer maximum when the author sets none: what SCORM 2004 keeps whole (fill-in 250,
 * long-fill-in 4,000 characters), so an answer is never cut there; cmi5 and xAPI keep all of it.
 */
export const DEFAULT_MAX_LENGTH = { fill: 250, essay: 4000 } as const;

/** Most characters the learner may type for a fill-in or essay question. */
export function maxTextLength(q: FillQuestion | EssayQuestion): number {
  return q.maxLength ?? DEFAULT_MAX_LENGTH[q.kind];
}

export function responseKindFor(q: Question): Response['kind'] {
  switch (q.kind) {
    case 'single':
    case 'multiple':
    case 'truefalse':
      return 'choice';
    case 'fill':
    case 'essay':
      return 'text';
    case 'numeric':
      return 'number';
    case 'matching':
      return 'pairs';
    case 'ordering':
      return 'order';
  }
}

/** Whether the learner has given an answer at all. */
export function isAnswered(r: Response | undefined): boolean {
  if (r === undefined) return false;
  switch (r.kind) {
    case 'choice':
      return r.choices.length > 0;
    case 'text':
    case 'number':
      return r.text.trim() !== '';
    case 'pairs':
      return Object.keys(r.pairs).length > 0;
    case 'order':
      return r.steps.length > 0;
  }
}

// Compact form: every id is one character, so choices "ac", orders "cab", pairs "1b2a" (source,
// target). Free text is escaped so it cannot contain the separators the attempt state uses.
const ESCAPES: Readonly<Record<string, string>> = { '%': '%25', '~': '%7E', '|': '%7C', '\n': '%0A' };

export function escapeText(s: string): string {
  return s.replace(/[%~|\n]/g, (c) => ESCAPES[c] ?? c);
}

export function unescapeText(s: string): string {
  return s.replace(/%(25|7E|7C|0A)/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

export function encodeResponse(r: Response): string {
  switch (r.kind) {
    case 'choice':
      return r.choices.join('');
    case 'text':
    case 'number':
      return escapeText(r.text);
    case 'pairs':
      return Object.entries(r.pairs)
        .map(([s, t]) => s + t)
        .join('');
    case 'order':
      return r.steps.join('');
  }
}

export function decodeResponse(q: Question, s: string): Response {
  switch (responseKindFor(q)) {
    case 'choice':
      return { kind: 'choice', choices: [...s] };
    case 'text':
      return { kind: 'text', text: unescapeText(s) };
    case 'number':
      return { kind: 'number', text: unescapeText(s) };
    case 'pairs': {
      const pairs: Record<string, string> = {};
      for (let i = 0; i + 1 < s.length; i += 2) pairs[s[i]!] = s[i + 1]!;
      return { kind: 'pairs', pairs };
    }
    case 'order':
      return { kind: 'order', steps: [...s] };
  }
}
