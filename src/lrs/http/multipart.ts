/**
 * multipart/mixed for xAPI attachments (xAPI 1.0.3 / 2.0 §Attachments): the first part is the
 * statement(s) as JSON, each further part carries one attachment's raw octets with an
 * X-Experience-API-Hash header. Parsing works on bytes, never on decoded text, so binary
 * attachments survive untouched.
 */
import { Buffer } from 'node:buffer';
import { HttpError } from './errors.js';

export interface MimePart {
  /** Header names lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** A body that is not well-formed multipart: 400 with this message. */
export class MultipartError extends HttpError {
  constructor(message: string) {
    super(400, message);
    this.name = 'MultipartError';
  }
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** The media type without parameters, lower-cased: `multipart/mixed; boundary=x` → `multipart/mixed`. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** A named parameter of a Content-Type header, unquoted; undefined when absent. */
export function contentTypeParam(contentType: string, name: string): string | undefined {
  for (const piece of contentType.split(';').slice(1)) {
    const eq = piece.indexOf('=');
    if (eq < 0) continue;
    if (piece.slice(0, eq).trim().toLowerCase() !== name) continue;
    let value = piece.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    return value;
  }
  return undefined;
}

/**
 * Splits a multipart body into parts. Accepts CRLF line ends as RFC 2046 requires and, because
 * some clients send them, bare LF after the boundary lines.
 */
export function parseMultipart(body: Buffer, contentType: string): MimePart[] {
  const boundary = contentTypeParam(contentType, 'boundary');
  if (!boundary) throw new MultipartError('multipart body without a boundary parameter');
  if (boundary.length > 200) throw new MultipartError('multipart boundary longer than 200 characters');
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MimePart[] = [];
  let at = body.indexOf(delimiter);
  if (at < 0) throw new MultipartError('multipart body does not contain its boundary');
  for (;;) {
    let cursor = at + delimiter.length;
    // "--" right after a delimiter closes the body.
    if (body[cursor] === 0x2d && body[cursor + 1] === 0x2d) break;
    cursor = skipLineEnd(body, cursor);
    const next = body.indexOf(delimiter, cursor);
    if (next < 0) throw new MultipartError('multipart body is not closed by its final boundary');
    // The CRLF before a delimiter belongs to the delimiter, not to the part.
    let end = next;
    if (body[end - 1] === 0x0a) end -= body[end - 2] === 0x0d ? 2 : 1;
    parts.push(parsePart(body.subarray(cursor, Math.max(cursor, end))));
    at = next;
  }
  return parts;
}

function skipLineEnd(body: Buffer, at: number): number {
  // Transport padding (spaces, tabs) may follow a boundary.
  while (body[at] === 0x20 || body[at] === 0x09) at++;
  if (body[at] === 0x0d && body[at + 1] === 0x0a) return at + 2;
  if (body[at] === 0x0a) return at + 1;
  throw new MultipartError('multipart boundary not followed by a line end');
}

function parsePart(raw: Buffer): MimePart {
  // A part may have no headers at all: it then starts with the blank line.
  if (raw.subarray(0, CRLF.length).equals(CRLF)) return { headers: {}, body: raw.subarray(2) };
  let split = raw.indexOf(HEADER_END);
  let sepLength = HEADER_END.length;
  if (split < 0) {
    split = raw.indexOf('\n\n');
    sepLength = 2;
  }
  if (split < 0) throw new MultipartError('multipart part without a blank line after its headers');
  const headers: Record<string, string> = {};
  for (const line of raw.subarray(0, split).toString('latin1').split(/\r?\n/)) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new MultipartError(`malformed part header line: ${line.slice(0, 80)}`);
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body: raw.subarray(split + sepLength) };
}

export interface OutgoingAttachment {
  readonly contentType: string;
  readonly sha2: string;
  readonly content: Buffer;
}

/** Builds the multipart/mixed answer for GET …/statements?attachments=true. */
export function buildMultipart(json: string, attachments: readonly OutgoingAttachment[]): { contentType: string; body: Buffer } {
  const boundary = `bd-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  const chunks: Buffer[] = [
    Buffer.from(`--${boundary}\r\nContent-Type: application/json\r\n\r\n`),
    Buffer.from(json, 'utf8'),
  ];
  for (const a of attachments) {
    chunks.push(
      Buffer.from(
        `\r\n--${boundary}\r\nContent-Type: ${a.contentType}\r\nContent-Transfer-Encoding: binary\r\n` +
          `X-Experience-API-Hash: ${a.sha2}\r\n\r\n`,
      ),
      a.content,
    );
  }
  chunks.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return { contentType: `multipart/mixed; boundary=${boundary}`, body: Buffer.concat(chunks) };
}
