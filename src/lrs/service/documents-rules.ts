/**
 * Pure rules of the xAPI document resources (State, Activity Profile, Agent Profile):
 * ETags, the If-Match / If-None-Match preconditions, and the JSON merge of POST.
 */
import { createHash } from 'node:crypto';
import type { Buffer } from 'node:buffer';

/** SHA-1 of the content, hex, as the xAPI spec's examples use; sent quoted in the ETag header. */
export function etagOf(content: Buffer): string {
  return createHash('sha1').update(content).digest('hex');
}

export function quoteEtag(etag: string): string {
  return `"${etag}"`;
}

/** Parses an If-Match / If-None-Match value into tags without quotes or weak markers; '*' kept. */
export function parseEtagList(header: string | undefined): string[] | undefined {
  if (header === undefined) return undefined;
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1'))
    .filter((t) => t !== '');
}

export interface Preconditions {
  readonly ifMatch?: string | undefined;
  readonly ifNoneMatch?: string | undefined;
}

/**
 * 412 when If-Match names no current version or If-None-Match matches one; 409 when the resource
 * requires concurrency control (profiles on PUT) and a request on an existing document names
 * neither header; undefined when the write may go ahead.
 */
export function preconditionFailure(
  currentEtag: string | undefined,
  pre: Preconditions,
  requireHeaderOnExisting: boolean,
): 409 | 412 | undefined {
  const ifMatch = parseEtagList(pre.ifMatch);
  const ifNoneMatch = parseEtagList(pre.ifNoneMatch);
  if (ifMatch) {
    if (currentEtag === undefined) return 412;
    if (!ifMatch.includes('*') && !ifMatch.includes(currentEtag)) return 412;
  }
  if (ifNoneMatch) {
    if (currentEtag !== undefined && (ifNoneMatch.includes('*') || ifNoneMatch.includes(currentEtag))) return 412;
  }
  if (requireHeaderOnExisting && currentEtag !== undefined && !ifMatch && !ifNoneMatch) return 409;
  return undefined;
}

export function isJsonType(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase() === 'application/json';
}

/** The body as a JSON object, or undefined when it is not one. */
export function parseJsonObject(content: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(content.toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // not JSON
  }
  return undefined;
}

/**
 * POST merge: the top-level properties of the posted object replace those of the stored one
 * (xAPI §JSON Procedure with Requirements). Both must be JSON objects, else the caller answers 400.
 */
export function mergeJsonObjects(stored: Record<string, unknown>, posted: Record<string, unknown>): Record<string, unknown> {
  return { ...stored, ...posted };
}
