/** The erasure log's row as both SQL stores read it, and its mapping to the service's type. */
import type { ErasureLogEntry } from './store.js';

export interface ErasureRow {
  /** A Date from PostgreSQL, ISO text from SQLite. */
  at: Date | string;
  operator: string;
  reference: string;
  mode: 'delete' | 'anonymise';
  statements_deleted: number;
  statements_rewritten: number;
  documents_deleted: number;
  attachments_deleted: number;
}

export function erasureEntry(r: ErasureRow): ErasureLogEntry {
  return {
    at: typeof r.at === 'string' ? r.at : r.at.toISOString(),
    operator: r.operator,
    reference: r.reference,
    mode: r.mode,
    statementsDeleted: r.statements_deleted,
    statementsRewritten: r.statements_rewritten,
    documentsDeleted: r.documents_deleted,
    attachmentsDeleted: r.attachments_deleted,
  };
}
