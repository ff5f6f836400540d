/**
 * What every store can hold, so that SQLite and PostgreSQL answer alike: the longest identifiers
 * the stores index, the characters no store takes, the range of time bounds (docs/lrs.md, Limits).
 * Each check returns the reason a value is refused, or undefined; callers name the property.
 */

/**
 * Longest verb id, activity id and agent identifier (as filed, validate/identity.ts), in UTF-8
 * bytes. The stores index them, and a PostgreSQL index entry holds about 2,700 bytes; the same
 * limit on every store makes them answer alike (docs/lrs.md, Limits).
 */
export const MAX_ID_BYTES = 1000;
/** Longest stateId / profileId: a document's index entry also holds its activity id and agent. */
export const MAX_DOCUMENT_ID_BYTES = 500;

/** UTF-8 length of a string (without Buffer, so validation stays free of Node). */
export function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** The reason a value is refused for its length, or undefined when it fits. */
export function tooLong(s: string, max: number): string | undefined {
  // A UTF-16 unit takes at most 3 bytes: short strings need no count.
  if (s.length * 3 <= max || utf8Bytes(s) <= max) return undefined;
  return `is longer than ${max} bytes (UTF-8), the most this LRS stores for it`;
}

const NUL_REASON = 'must not contain the character U+0000';
const SURROGATE_REASON = 'must be well-formed Unicode: a lone surrogate (\\uD800-\\uDFFF) is not a character';

/**
 * Why a store could not hold this string, or undefined when every store can. PostgreSQL text and
 * jsonb refuse U+0000 and jsonb a lone surrogate, so no store takes either (docs/lrs.md, Limits).
 */
export function textProblem(s: string): string | undefined {
  if (s.includes('\u0000')) return NUL_REASON;
  // Node 20 has String.prototype.isWellFormed; the ES2022 lib does not declare it yet.
  if (!(s as unknown as { isWellFormed(): boolean }).isWellFormed()) return SURROGATE_REASON;
  return undefined;
}

const EARLIEST = Date.parse('0001-01-01T00:00:00.000Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * A since / until bound as the stores compare it: ISO 8601 UTC with milliseconds,
 * held within the years 0001-9999. A bound given with an offset can fall in year 0 or 10000,
 * which PostgreSQL's timestamptz refuses and SQLite compares as text ("+010000-…" sorts before
 * every year); no statement or document is stored outside those years, so no answer changes.
 */
export function timeBound(ms: number): string {
  return new Date(Math.min(Math.max(ms, EARLIEST), LATEST)).toISOString();
}
