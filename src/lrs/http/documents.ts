/**
 * HTTP handlers of /activities/state, /activities/profile and /agents/profile. They shape and
 * check the input, call the document service, and describe the answer; the router writes it.
 */
import { Buffer } from 'node:buffer';
import {
  deleteDocument,
  deleteDocuments,
  getDocument,
  listDocumentIds,
  postDocument,
  putDocument,
  type DocumentKey,
  type DocumentKind,
  type DocumentScope,
  type DocumentStore,
  quoteEtag,
} from '../service/index.js';
import {
  activityIdParam,
  agentParam,
  contentTypeProblem,
  documentIdParam,
  registrationParam,
  sinceParam,
  unknownParam,
} from './documents-params.js';
import type { Parsed } from './documents-params.js';

export interface ResourceRequest {
  readonly method: string;
  readonly query: URLSearchParams;
  /** A request header by lower-case name. */
  header(name: string): string | undefined;
  readonly body: Buffer;
  /** xAPI version of the request when the router knows it. */
  readonly version?: string;
}

export interface ResourceResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body?: Buffer | string;
}

export function json(status: number, value: unknown, headers: Record<string, string> = {}): ResourceResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(value) };
}

export function problem(status: number, reason: string): ResourceResponse {
  return json(status, { error: { status, message: reason } });
}

const noContent = (headers: Record<string, string> = {}): ResourceResponse => ({ status: 204, headers });

interface Resource {
  readonly kind: DocumentKind;
  /** Name of the document id parameter. */
  readonly idParam: 'stateId' | 'profileId';
  readonly allowed: readonly string[];
  readonly scope: (q: URLSearchParams) => Parsed<DocumentScope>;
  /** DELETE without an id removes every document of the scope (State only). */
  readonly deleteAll: boolean;
}

function chain<T>(...parts: Parsed<unknown>[]): Parsed<T> | undefined {
  for (const p of parts) if (!p.ok) return p;
  return undefined;
}

const STATE: Resource = {
  kind: 'state',
  idParam: 'stateId',
  allowed: ['activityId', 'agent', 'registration', 'stateId', 'since'],
  deleteAll: true,
  scope(q) {
    const a = activityIdParam(q);
    const g = agentParam(q);
    const r = registrationParam(q);
    const bad = chain<DocumentScope>(a, g, r);
    if (bad || !a.ok || !g.ok || !r.ok) return bad!;
    return { ok: true, value: { kind: 'state', activityId: a.value, agentKey: g.value.key, registration: r.value } };
  },
};

const ACTIVITY_PROFILE: Resource = {
  kind: 'activity-profile',
  idParam: 'profileId',
  allowed: ['activityId', 'profileId', 'since'],
  deleteAll: false,
  scope(q) {
    const a = activityIdParam(q);
    if (!a.ok) return a;
    return { ok: true, value: { kind: 'activity-profile', activityId: a.value, agentKey: '', registration: '' } };
  },
};

const AGENT_PROFILE: Resource = {
  kind: 'agent-profile',
  idParam: 'profileId',
  allowed: ['agent', 'profileId', 'since'],
  deleteAll: false,
  scope(q) {
    const g = agentParam(q);
    if (!g.ok) return g;
    return { ok: true, value: { kind: 'agent-profile', activityId: '', agentKey: g.value.key, registration: '' } };
  },
};

async function handle(resource: Resource, store: DocumentStore, req: ResourceRequest): Promise<ResourceResponse> {
  const unknown = unknownParam(req.query, resource.allowed);
  if (unknown) return problem(400, unknown);
  const scope = resource.scope(req.query);
  if (!scope.ok) return problem(400, scope.reason);
  const idGiven = req.query.has(resource.idParam);
  const method = req.method.toUpperCase();
  const pre = { ifMatch: req.header('if-match'), ifNoneMatch: req.header('if-none-match') };

  if (!idGiven) {
    if (method === 'GET') {
      const since = sinceParam(req.query);
      if (!since.ok) return problem(400, since.reason);
      return json(200, await listDocumentIds(store, scope.value, since.value));
    }
    if (method === 'DELETE' && resource.deleteAll) {
      await deleteDocuments(store, scope.value);
      return noContent();
    }
    return problem(400, `missing required parameter ${resource.idParam}`);
  }
  const id = documentIdParam(req.query, resource.idParam);
  if (!id.ok) return problem(400, id.reason);
  if (req.query.has('since')) return problem(400, `since applies only when ${resource.idParam} is absent`);
  const key: DocumentKey = { ...scope.value, docId: id.value };

  switch (method) {
    case 'GET':
    case 'HEAD': {
      const doc = await getDocument(store, key);
      if (!doc) return problem(404, 'no such document');
      return {
        status: 200,
        headers: { 'content-type': doc.contentType, etag: quoteEtag(doc.etag), 'last-modified': new Date(doc.updated).toUTCString() },
        body: method === 'HEAD' ? Buffer.alloc(0) : doc.content,
      };
    }
    case 'PUT':
    case 'POST': {
      const badType = contentTypeProblem(req.header('content-type'));
      if (badType) return problem(400, badType);
      const write = { key, contentType: req.header('content-type'), content: req.body, preconditions: pre, version: req.version };
      const out = method === 'PUT' ? await putDocument(store, write) : await postDocument(store, write);
      if (!out.ok) return problem(out.status, out.reason);
      return noContent({ etag: quoteEtag(out.etag) });
    }
    case 'DELETE': {
      const out = await deleteDocument(store, key, pre);
      if (!out.ok) return problem(out.status, out.reason);
      return noContent();
    }
    default:
      return problem(405, `method ${method} not allowed here`);
  }
}

export function handleState(store: DocumentStore, req: ResourceRequest): Promise<ResourceResponse> {
  return handle(STATE, store, req);
}
export function handleActivityProfile(store: DocumentStore, req: ResourceRequest): Promise<ResourceResponse> {
  return handle(ACTIVITY_PROFILE, store, req);
}
export function handleAgentProfile(store: DocumentStore, req: ResourceRequest): Promise<ResourceResponse> {
  return handle(AGENT_PROFILE, store, req);
}
