/** The document table's row as both SQL stores read it, and its mapping to the service's type. */
import type { DocumentKind, DocumentScope, StoredDocument } from '../protocol/index.js';

export interface DocumentRow {
  kind: string;
  activity_id: string;
  agent_key: string;
  registration: string;
  doc_id: string;
  content_type: string;
  content: Buffer;
  etag: string;
  /** ISO text in SQLite, a Date from PostgreSQL. */
  updated: string | Date;
}

/** The scope columns in key order: kind, activity_id, agent_key, registration. */
export function scopeParams(s: DocumentScope): string[] {
  return [s.kind, s.activityId, s.agentKey, s.registration];
}

export function fromRow(r: DocumentRow): StoredDocument {
  return {
    kind: r.kind as DocumentKind,
    activityId: r.activity_id,
    agentKey: r.agent_key,
    registration: r.registration,
    docId: r.doc_id,
    contentType: r.content_type,
    content: r.content,
    etag: r.etag,
    updated: typeof r.updated === 'string' ? r.updated : r.updated.toISOString(),
  };
}
