/**
 * The body of a statements PUT/POST: plain JSON, or multipart/mixed with attachment parts.
 * Returns the parsed statement(s) and the verified attachment contents; anything malformed is
 * an HttpError 400 before the service sees it (invalid UTF-8, bad JSON, nesting beyond the limit,
 * missing or mismatched parts, bad signatures).
 */
import type { Buffer } from 'node:buffer';
import { HttpError } from './errors.js';
import { MultipartError, mediaType, parseMultipart } from './multipart.js';
import { AttachmentError, collectAttachments, needsParts } from '../service/attachments.js';
import type { AttachmentContent } from '../service/attachments.js';
import { SignatureError, verifySignedStatements } from '../service/signature.js';

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

export interface StatementBody {
  /** A statement object or an array of them, as sent. */
  readonly value: unknown;
  readonly attachments: AttachmentContent[];
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

export function readStatementBody(contentType: string | undefined, body: Buffer): StatementBody {
  const type = mediaType(contentType);
  try {
    if (type === 'multipart/mixed') {
      const parts = parseMultipart(body, contentType ?? '');
      const first = parts[0];
      if (!first) throw new HttpError(400, 'multipart/mixed body without a statement part');
      if (mediaType(first.headers['content-type']) !== 'application/json') {
        throw new HttpError(400, 'the first part of a multipart statement request must be application/json');
      }
      const value = decodeJson(first.body, 'statement part');
      const contents = collectAttachments(asList(value), parts.slice(1));
      verifySignedStatements(asList(value), contents);
      return { value, attachments: [...contents.values()] };
    }
    const value = decodeJson(body);
    if (needsParts(asList(value))) {
      throw new HttpError(400, 'a statement with attachments that have no fileUrl must be sent as multipart/mixed with their contents');
    }
    return { value, attachments: [] };
  } catch (e) {
    if (e instanceof MultipartError || e instanceof AttachmentError || e instanceof SignatureError) throw new HttpError(400, e.message);
    throw e;
  }
}
