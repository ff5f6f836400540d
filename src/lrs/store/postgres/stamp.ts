/** A statement row restamped with the stored time its transaction took from the database clock. */
import type { StatementRow } from '../store.js';

/**
 * The body keeps its key order (JSON.parse and JSON.stringify of a JSON.stringify output give
 * the same text but for the changed values); a timestamp the LRS filled in follows `stored`.
 */
export function stamped(row: StatementRow, stored: string): StatementRow {
  if (row.stored === stored) return row;
  const body = JSON.parse(row.body) as Record<string, unknown>;
  body['stored'] = stored;
  if (row.timestampFromStored) body['timestamp'] = stored;
  return { ...row, stored, body: JSON.stringify(body) };
}
