/**
 * An xAPI interaction's result.response read back against its activity definition, so a record
 * shows the answer as the trainee saw it: "b[,]d" becomes the two choices' texts, "1[.]b[,]2[.]a"
 * the matched pairs, "c[,]a[,]b" the steps in the order given. This is the one reader of the
 * SCORM 2004 / xAPI response syntax; `core/quiz/interaction.ts` writes it.
 *
 * A response that does not fit its definition (an id the definition does not list, a missing
 * list, an interaction type we do not know) comes back as `raw`, never dropped: the reader must
 * still see what was recorded.
 */
import { pickText, type LocalText } from '../text.js';

export type ReadResponse =
  /** choice (single or multiple; a case decision): the chosen components' texts. */
  | { readonly kind: 'choices'; readonly items: readonly string[] }
  /** sequencing: the items' texts in the trainee's order. */
  | { readonly kind: 'sequence'; readonly items: readonly string[] }
  /** matching (source → target) and performance (step → what was done). */
  | { readonly kind: 'pairs'; readonly pairs: readonly (readonly [string, string])[] }
  | { readonly kind: 'truth'; readonly value: boolean }
  | { readonly kind: 'number'; readonly value: number }
  /** fill-in, long-fill-in, other: the text as typed. */
  | { readonly kind: 'text'; readonly text: string }
  /** The response as recorded, because it does not fit the definition. */
  | { readonly kind: 'raw'; readonly text: string };

type Json = Readonly<Record<string, unknown>>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** SCORM 2004 delimiters; a learner's own text never contains them (the writer guards it). */
const ITEM = '[,]';
const PAIR = '[.]';

/** The component list `key` of a definition as id → text, undefined when it is not a list of components. */
function components(def: Json, key: string, lang: string): Map<string, string> | undefined {
  const list = def[key];
  if (!Array.isArray(list)) return undefined;
  const out = new Map<string, string>();
  for (const c of list) {
    if (!isObject(c) || typeof c['id'] !== 'string') return undefined;
    const description = isObject(c['description']) ? (c['description'] as LocalText) : undefined;
    out.set(c['id'], pickText(description, lang) || c['id']);
  }
  return out;
}

function textsOf(ids: readonly string[], names: Map<string, string> | undefined): string[] | undefined {
  if (!names) return undefined;
  const out: string[] = [];
  for (const id of ids) {
    const text = names.get(id);
    if (text === undefined) return undefined;
    out.push(text);
  }
  return out;
}

function pairsOf(
  response: string,
  left: Map<string, string> | undefined,
  right: Map<string, string> | undefined,
): [string, string][] | undefined {
  const out: [string, string][] = [];
  for (const entry of response.split(ITEM)) {
    const parts = entry.split(PAIR);
    if (parts.length !== 2) return undefined;
    const [l, r] = parts as [string, string];
    const leftText = left ? left.get(l) : l;
    // A performance step's answer is free (a number, a word); a matching target must be listed.
    const rightText = right ? right.get(r) : r;
    if (leftText === undefined || rightText === undefined) return undefined;
    out.push([leftText, rightText]);
  }
  return out;
}

/** What the response means under `definition`, with component texts in `lang` (falling back as pickText does). */
export function readInteractionResponse(definition: unknown, response: string, lang: string): ReadResponse {
  const raw = { kind: 'raw', text: response } as const;
  const def = isObject(definition) ? definition : {};
  const type = def['interactionType'];
  if (response === '' && type !== 'fill-in' && type !== 'long-fill-in' && type !== 'other') return raw;
  switch (type) {
    case 'true-false':
      return response === 'true' || response === 'false' ? { kind: 'truth', value: response === 'true' } : raw;
    case 'choice': {
      const items = textsOf(response.split(ITEM), components(def, 'choices', lang));
      return items ? { kind: 'choices', items } : raw;
    }
    case 'sequencing': {
      const items = textsOf(response.split(ITEM), components(def, 'choices', lang));
      return items ? { kind: 'sequence', items } : raw;
    }
    case 'likert': {
      const items = textsOf([response], components(def, 'scale', lang));
      return items ? { kind: 'choices', items } : raw;
    }
    case 'matching': {
      const source = components(def, 'source', lang);
      const target = components(def, 'target', lang);
      const pairs = source && target ? pairsOf(response, source, target) : undefined;
      return pairs ? { kind: 'pairs', pairs } : raw;
    }
    case 'performance': {
      const steps = components(def, 'steps', lang);
      const pairs = steps ? pairsOf(response, steps, undefined) : undefined;
      return pairs ? { kind: 'pairs', pairs } : raw;
    }
    case 'numeric': {
      // A plain decimal (CMIDecimal); a range "1[:]2" is a pattern, never a response.
      const value = /^-?\d+(\.\d+)?$/.test(response.trim()) ? Number(response) : NaN;
      return Number.isFinite(value) ? { kind: 'number', value } : raw;
    }
    case 'fill-in':
    case 'long-fill-in':
    case 'other':
      return { kind: 'text', text: response };
    default:
      return raw;
  }
}
