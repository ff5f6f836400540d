/** /statements: PUT, POST (single, batch, multipart with attachments), GET and HEAD. */
import type { Buffer } from 'node:buffer';
import type { AttachmentContent, RecordedStatement } from '../protocol/index.js';
import {
  collectAttachments,
  needsParts,
  verifySignedStatements,
  formatStatement,
  type StatementFormat,
  validateAll,
  type StatementReader,
  type StatementService,
} from '../service/index.js';
import { isUuid } from '../validate/index.js';
import { json } from './documents.js';
import type { ResourceResponse } from './documents.js';
import { HttpError, badRequest } from './errors.js';
import { buildMultipart, mediaType, parseMultipart } from './multipart.js';
import { decodeJson } from './multipart-statements.js';
import type { LrsRequest } from './router.js';
import { attachmentsParam, formatParam, fromMoreToken, listRequest, moreToken } from './statements-params.js';
import type { ListRequest } from './statements-params.js';

/** Strict UTF-8, JSON, and a nesting limit checked before parsing (deep documents → 400, not a stack overflow). */
function parseJson(body: Buffer): unknown {
  return decodeJson(body, 'the body');
}

interface Received {
  readonly statements: unknown[];
  readonly single: boolean;
  readonly attachments: AttachmentContent[];
}

function received(req: LrsRequest): Received {
  const type = mediaType(req.header('content-type'));
  if (type === 'multipart/mixed') {
    const parts = parseMultipart(req.body, req.header('content-type')!);
    const first = parts[0];
    if (!first || mediaType(first.headers['content-type']) !== 'application/json') throw badRequest('the first part of multipart/mixed must be the statements as application/json');
    const parsed = parseJson(first.body);
    const statements = Array.isArray(parsed) ? parsed : [parsed];
    const found = collectAttachments(statements, parts.slice(1));
    verifySignedStatements(statements, found);
    return { statements, single: !Array.isArray(parsed), attachments: [...found.values()] };
  }
  if (type !== '' && type !== 'application/json') throw badRequest('statements are sent as application/json or multipart/mixed');
  const parsed = parseJson(req.body);
  const statements = Array.isArray(parsed) ? parsed : [parsed];
  if (needsParts(statements)) throw badRequest('a statement declares an attachment without fileUrl: send it as multipart/mixed with the attachment part');
  return { statements, single: !Array.isArray(parsed), attachments: [] };
}

async function put(service: StatementService, req: LrsRequest): Promise<ResourceResponse> {
  for (const name of req.query.keys()) if (name !== 'statementId') throw badRequest(`unknown parameter ${name} on PUT`);
  const id = req.query.get('statementId');
  if (id === null) throw badRequest('PUT needs the statementId parameter');
  if (!isUuid(id)) throw badRequest('statementId must be a UUID');
  const r = received(req);
  if (!r.single) throw badRequest('PUT takes one statement, not an array');
  const [s] = validateAll(r.statements, req.version);
  if (s === undefined) throw badRequest('PUT takes one statement');
  if (s.id !== undefined && s.id.toLowerCase() !== id.toLowerCase()) throw badRequest('the statement id differs from statementId');
  await service.storeStatements([{ ...s, id: id.toLowerCase() }], req.principal!, req.version, r.attachments);
  return { status: 204, headers: {} };
}

async function post(service: StatementService, req: LrsRequest): Promise<ResourceResponse> {
  if ([...req.query.keys()].length) throw badRequest('POST /statements takes no parameters');
  const r = received(req);
  if (r.statements.length === 0) throw badRequest('the batch is empty');
  const statements = validateAll(r.statements, req.version);
  const out = await service.storeStatements(statements, req.principal!, req.version, r.attachments);
  return json(200, out.ids);
}

/** `more` undefined → a single statement is answered (no StatementResult wrapper). */
async function answer(service: StatementReader, statements: readonly RecordedStatement[], format: StatementFormat, withAttachments: boolean, req: LrsRequest, more?: string): Promise<ResourceResponse> {
  const shaped = statements.map((s) => formatStatement(s, format, req.header('accept-language')));
  const doc = more === undefined ? shaped[0] : { statements: shaped, more };
  const headers: Record<string, string> = { 'x-experience-api-consistent-through': service.consistentThrough() };
  if (!withAttachments) return json(200, doc, headers);
  const shas = [...new Set(statements.flatMap((s) => (s.attachments ?? []).map((a) => a.sha2)))];
  const contents = await service.attachments(shas);
  const mp = buildMultipart(JSON.stringify(doc), contents);
  return { status: 200, headers: { ...headers, 'content-type': mp.contentType }, body: mp.body };
}

async function list(service: StatementReader, req: LrsRequest, l: ListRequest, base: string): Promise<ResourceResponse> {
  const result = await service.queryStatements(l.query);
  const more = result.next ? `${base}/statements?more=${moreToken({ ...l, query: result.next }, req.principal!)}` : '';
  return answer(service, result.statements, l.format, l.attachments, req, more);
}

async function get(service: StatementReader, req: LrsRequest, base: string): Promise<ResourceResponse> {
  const q = req.query;
  const more = q.get('more');
  if (more !== null) return list(service, req, fromMoreToken(more, req.principal!), base);
  const id = q.get('statementId');
  const voidedId = q.get('voidedStatementId');
  if (id === null && voidedId === null) return list(service, req, listRequest(q, req.principal!), base);
  if (id !== null && voidedId !== null) throw badRequest('give statementId or voidedStatementId, not both');
  for (const name of q.keys()) {
    if (!['statementId', 'voidedStatementId', 'format', 'attachments'].includes(name)) throw badRequest(`parameter ${name} cannot be combined with statementId or voidedStatementId`);
  }
  const wanted = (id ?? voidedId)!;
  if (!isUuid(wanted)) throw badRequest(`${id !== null ? 'statementId' : 'voidedStatementId'} must be a UUID`);
  const found = await service.statementById(wanted, voidedId !== null, req.principal!);
  if (!found) throw new HttpError(404, `no ${voidedId !== null ? 'voided ' : ''}statement with id ${wanted}`);
  const r = await answer(service, [found.statement], formatParam(q), attachmentsParam(q), req);
  return { ...r, headers: { ...r.headers, 'last-modified': new Date(found.stored).toUTCString() } };
}

/**
 * `base` is the xAPI path prefix, used to build `more` links; `reads` is where this request's GET
 * reads (the primary, or a replica that has caught up), asked only for a GET.
 */
export async function handleStatements(service: StatementService, req: LrsRequest, base: string, reads: () => Promise<StatementReader>): Promise<ResourceResponse> {
  switch (req.method) {
    case 'PUT':
      return put(service, req);
    case 'POST':
      return post(service, req);
    case 'GET':
    case 'HEAD':
      return get(await reads(), req, base);
    default:
      throw new HttpError(405, `method ${req.method} is not allowed on /statements`);
  }
}
