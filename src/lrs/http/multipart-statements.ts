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
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
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
