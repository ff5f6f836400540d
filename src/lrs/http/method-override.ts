/**
 * xAPI 1.0.3 alternate request syntax (§7.8 / Communication 1.3): a POST with `?method=PUT` (or
 * GET, DELETE) whose form-encoded body carries the headers, the query parameters and `content`.
 * Used by clients that cannot send arbitrary methods or headers cross-origin.
 */
import { Buffer } from 'node:buffer';
import { HttpError } from './errors.js';

const HEADER_FIELDS = ['authorization', 'x-experience-api-version', 'content-type', 'content-length', 'if-match', 'if-none-match'];

export interface Overridden {
  readonly method: string;
  readonly query: URLSearchParams;
  readonly body: Buffer;
  readonly header: (name: string) => string | undefined;
}

export function overriddenRequest(query: URLSearchParams, header: (name: string) => string | undefined, body: Buffer): Overridden {
  const method = (query.get('method') ?? '').toUpperCase();
  if (!['GET', 'PUT', 'POST', 'DELETE'].includes(method)) throw new HttpError(400, `method=${method} is not an xAPI method`);
  if ([...query.keys()].some((k) => k !== 'method')) {
    throw new HttpError(400, 'with alternate request syntax, only the method parameter may be in the query string');
  }
  const type = (header('content-type') ?? '').toLowerCase();
  if (!type.startsWith('application/x-www-form-urlencoded')) {
    throw new HttpError(400, 'alternate request syntax needs an application/x-www-form-urlencoded body');
  }
  const form = new URLSearchParams(body.toString('utf8'));
  const headers = new Map<string, string>();
  const params = new URLSearchParams();
  let content = '';
  for (const [k, v] of form) {
    const lower = k.toLowerCase();
    if (lower === 'content') content = v;
    else if (HEADER_FIELDS.includes(lower)) headers.set(lower, v);
    else params.append(k, v);
  }
  return {
    method,
    query: params,
    body: Buffer.from(content, 'utf8'),
    header: (name) => headers.get(name) ?? (name === 'content-type' ? undefined : name === 'authorization' || name === 'x-experience-api-version' ? header(name) : undefined),
  };
}
