/** The xAPI document resources (State, Activity Profile, Agent Profile): which document, and what is kept of it. */
import type { Buffer } from 'node:buffer';

export type DocumentKind = 'state' | 'activity-profile' | 'agent-profile';

/** Which document: parts a resource does not use are '' (activity profiles have no agent…). */
export interface DocumentKey {
  readonly kind: DocumentKind;
  readonly activityId: string;
  readonly agentKey: string;
  readonly registration: string;
  readonly docId: string;
}

export type DocumentScope = Omit<DocumentKey, 'docId'>;

export interface StoredDocument extends DocumentKey {
  readonly contentType: string;
  readonly content: Buffer;
  readonly etag: string;
  /** ISO 8601 UTC with milliseconds. */
  readonly updated: string;
}
