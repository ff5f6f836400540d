/** A statement row restamped with the stored time its transaction took from the database clock. */
import type { StatementRow } from '../store.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The body keeps its key order (the statement object, or JSON.parse of a JSON.stringify output,
 * gives the same text but for the changed values); a timestamp the LRS filled in follows
 * `stored`. The statement object, when the row has one, is restamped too: the report fact is
 * taken from it (report-facts.ts).
 */
export function stamped(row: StatementRow, stored: string): StatementRow {
  if (row.stored === stored) return row;
  const statement: Record<string, unknown> = isObject(row.statement) ? { ...row.statement } : (JSON.parse(row.body) as Record<string, unknown>);
  statement['stored'] = stored;
  if (row.timestampFromStored) statement['timestamp'] = stored;
  return { ...row, stored, body: JSON.stringify(statement), statement };
}

/**
 * Where a body holds its stored time until the database stamps it in the insert: JSON.stringify
 * escapes every control character, so this raw one occurs in no body otherwise.
 */
export const STORED_MARK = '\u0001';
const MARKED_STORED = `"stored":"${STORED_MARK}"`;

/**
 * JSON.stringify(statement) with the value of stored written as the raw STORED_MARK (stringify
 * itself would escape it). The top level is written here in stringify's own key order.
 */
function bodyMarked(statement: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(statement)) {
    if (key === 'stored') {
      parts.push(MARKED_STORED);
      continue;
    }
    const json = JSON.stringify(value) as string | undefined;
    if (json !== undefined) parts.push(`${JSON.stringify(key)}:${json}`);
  }
  if (!Object.hasOwn(statement, 'stored')) parts.push(MARKED_STORED);
  return `{${parts.join(',')}}`;
}

/**
 * The body (the statement's JSON) with its stored value as STORED_MARK. The top level of a body
 * holds `"stored":"…"` once; where the body holds that text only once, that is it, and the mark
 * goes in its place, sparing a second serialisation of every statement (about a tenth of the
 * server's CPU per statement in batches). Where the same text also occurs deeper (an extension
 * quoting it), the body is written again.
 */
function markedBody(body: string, statement: Record<string, unknown>): string {
  const stored = statement['stored'];
  if (typeof stored === 'string') {
    const text = `"stored":${JSON.stringify(stored)}`;
    const at = body.indexOf(text);
    if (at >= 0 && body.indexOf(text, at + text.length) < 0) return `${body.slice(0, at)}${MARKED_STORED}${body.slice(at + text.length)}`;
  }
  return bodyMarked(statement);
}

/**
 * The row with its body's stored time left as STORED_MARK, for a transaction that stamps as it
 * inserts. Its timestamp must be its own (not timestampFromStored): the report fact is taken from
 * the statement object before the stamp is known.
 */
export function markedForStamp(row: StatementRow): StatementRow {
  const statement: Record<string, unknown> = isObject(row.statement) ? row.statement : (JSON.parse(row.body) as Record<string, unknown>);
  return { ...row, body: markedBody(row.body, statement), statement };
}
