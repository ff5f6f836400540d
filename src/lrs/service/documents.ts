/**
 * Commands and queries of the xAPI document resources: State, Activity Profile, Agent Profile.
 * The store behind them implements DocumentStore; this module holds the rules (preconditions,
 * JSON merge, what a list or a delete-all covers) so every store behaves the same.
 */
import { Buffer } from 'node:buffer';
import {
  etagOf,
  isJsonType,
  mergeJsonObjects,
  parseJsonObject,
  preconditionFailure,
} from './documents-rules.js';
import type { Preconditions } from './documents-rules.js';
import type { DocumentKey, DocumentKind, DocumentScope, StoredDocument } from '../protocol/index.js';
import type { DocumentStore } from '../store/index.js';

export type { DocumentKey, DocumentKind, DocumentScope, StoredDocument } from '../protocol/index.js';
export type { DocumentStore } from '../store/index.js';

/** The outcome of a write: done with the new ETag, or refused with its xAPI status and a reason for the client. */
export type WriteOutcome =
  | { readonly ok: true; readonly etag: string }
  | { readonly ok: false; readonly status: 400 | 409 | 412; readonly reason: string };

export interface WriteRequest {
  readonly key: DocumentKey;
  readonly contentType: string | undefined;
  readonly content: Buffer;
  readonly preconditions: Preconditions;
  /** xAPI version of the request (1.0.3 / 2.0.0); the concurrency rules differ. */
  readonly version?: string | undefined;
}

/**
 * Profiles demand If-Match or If-None-Match to overwrite (xAPI §Concurrency); State does too
 * from xAPI 2.0 on.
 */
function requiresConcurrencyHeader(kind: DocumentKind, version: string | undefined): boolean {
  return kind !== 'state' || (version ?? '').startsWith('2.');
}

function checkPreconditions(current: StoredDocument | undefined, pre: Preconditions, onPut: boolean, kind: DocumentKind, version?: string) {
  const failure = preconditionFailure(current?.etag, pre, onPut && requiresConcurrencyHeader(kind, version));
  if (failure === 409) {
    return { ok: false as const, status: 409 as const, reason: 'the document exists: send If-Match with its ETag (or If-None-Match: *) to overwrite it' };
  }
  if (failure === 412) return { ok: false as const, status: 412 as const, reason: 'precondition failed: the document changed (ETag does not match)' };
  return undefined;
}

function nowIso(): string {
  return new Date().toISOString();
}

export async function putDocument(store: DocumentStore, req: WriteRequest): Promise<WriteOutcome> {
  const current = await store.getDocument(req.key);
  // xAPI 1.0.3 conformance: a profile PUT without a concurrency header is 409 over an existing
  // document (below) and 400 for a new one.
  if (!current && req.key.kind !== 'state' && (req.version ?? '').startsWith('1.') && req.preconditions.ifMatch === undefined && req.preconditions.ifNoneMatch === undefined) {
    return { ok: false, status: 400, reason: 'PUT of a profile needs If-Match (with the ETag) or If-None-Match: *' };
  }
  const refused = checkPreconditions(current, req.preconditions, true, req.key.kind, req.version);
  if (refused) return refused;
  const etag = etagOf(req.content);
  await store.putDocument({
    ...req.key,
    contentType: req.contentType ?? 'application/octet-stream',
    content: req.content,
    etag,
    updated: nowIso(),
  });
  return { ok: true, etag };
}

/** POST: merges the posted JSON object into the stored one (or stores it when there is none). */
export async function postDocument(store: DocumentStore, req: WriteRequest): Promise<WriteOutcome> {
  const current = await store.getDocument(req.key);
  const refused = checkPreconditions(current, req.preconditions, false, req.key.kind);
  if (refused) return refused;
  const posted = isJsonType(req.contentType) ? parseJsonObject(req.content) : undefined;
  if (!posted) return { ok: false, status: 400, reason: 'POST merges JSON: send a JSON object with Content-Type application/json' };
  let merged = posted;
  if (current) {
    const stored = isJsonType(current.contentType) ? parseJsonObject(current.content) : undefined;
    if (!stored) return { ok: false, status: 400, reason: 'the stored document is not a JSON object, so it cannot be merged; use PUT' };
    merged = mergeJsonObjects(stored, posted);
  }
  const content = Buffer.from(JSON.stringify(merged), 'utf8');
  const etag = etagOf(content);
  await store.putDocument({ ...req.key, contentType: 'application/json', content, etag, updated: nowIso() });
  return { ok: true, etag };
}

export async function deleteDocument(store: DocumentStore, key: DocumentKey, pre: Preconditions): Promise<WriteOutcome> {
  const current = await store.getDocument(key);
  const refused = checkPreconditions(current, pre, false, key.kind);
  if (refused) return refused;
  if (current) await store.deleteDocument(key);
  return { ok: true, etag: current?.etag ?? '' };
}

export async function deleteDocuments(store: DocumentStore, scope: DocumentScope): Promise<void> {
  await store.deleteDocuments(scope);
}

export function getDocument(store: DocumentStore, key: DocumentKey): Promise<StoredDocument | undefined> {
  return store.getDocument(key);
}

export function listDocumentIds(store: DocumentStore, scope: DocumentScope, since?: string): Promise<string[]> {
  return store.listDocumentIds(scope, since);
}
