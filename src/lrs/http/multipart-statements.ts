/**
 * Decoding of statement JSON, whether the whole body or the first part of a multipart/mixed
 * request: strict UTF-8, a nesting limit, JSON. Anything malformed is an HttpError 400 before
 * validation sees it (a 10,000-level document would otherwise overflow the validator's stack).
 */
import type { Buffer } from 'node:buffer';
import { HttpError } from './errors.js';

/** Deeper than any real statement (a SubStatement's context extensions stay well under 40). */
export const MAX_JSON_DEPTH = 64;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Where the string opening at `open` ends: its closing quote, the first one not escaped (after an
 * even run of backslashes), or the text's end. Most of a statement's text is in strings: a
 * native search for the quote passes over them several times faster than a look at each character.
 */
function stringEnd(text: string, open: number): number {
  for (let at = text.indexOf('"', open + 1); at >= 0; at = text.indexOf('"', at + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
  return text.length;
}

/** Strict UTF-8 decode, JSON parse and a nesting check, without recursion. */
export function decodeJson(body: Buffer, what = 'request body'): unknown {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw new HttpError(400, `${what} is not valid UTF-8`);
  }
  // Count bracket depth on the text before parsing, so a 10,000-level document costs one pass.
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) i = stringEnd(text, i);
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_JSON_DEPTH) throw new HttpError(400, `${what} nests deeper than ${MAX_JSON_DEPTH} levels`);
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new HttpError(400, `${what} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}
