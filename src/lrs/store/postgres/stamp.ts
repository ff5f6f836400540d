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
