/**
 * Matches the raw parts of a multipart/mixed statement request with the attachments the
 * statements declare, checking each part's SHA-256 (xAPI §Attachments). An attachment with a
 * fileUrl may come without a part; every other attachment needs one, and every part must be
 * declared by some statement.
 */
import { createHash } from 'node:crypto';
import type { Buffer } from 'node:buffer';
import { InvalidRequest } from '../protocol/index.js';
import type { AttachmentContent, AttachmentPart } from '../protocol/index.js';
import { textProblem } from '../validate/index.js';

export { SIGNATURE_USAGE } from '../protocol/index.js';
export type { AttachmentContent } from '../protocol/index.js';

export interface DeclaredAttachment {
  readonly usageType: string;
  readonly contentType: string;
  readonly length: number;
  readonly sha2: string;
  readonly fileUrl?: string;
}

/** A problem the client must fix: 400 with this message. */
export class AttachmentError extends InvalidRequest {
  constructor(message: string) {
    super(message);
    this.name = 'AttachmentError';
  }
}

export function sha256Hex(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/** The attachments a statement (object) declares, tolerant of anything not an array. */
export function declaredAttachments(statement: unknown): DeclaredAttachment[] {
  if (typeof statement !== 'object' || statement === null) return [];
  const list = (statement as { attachments?: unknown }).attachments;
  if (!Array.isArray(list)) return [];
  return list.filter((a): a is DeclaredAttachment => typeof a === 'object' && a !== null);
}

/**
 * Checks the attachment parts (all parts after the statement part) against the statements.
 * Returns the contents keyed by sha2, ready to store.
 */
export function collectAttachments(statements: readonly unknown[], parts: readonly AttachmentPart[]): Map<string, AttachmentContent> {
  const declared = new Map<string, DeclaredAttachment>();
  const needed = new Set<string>();
  for (const s of statements) {
    for (const a of declaredAttachments(s)) {
      if (typeof a.sha2 !== 'string') continue;
      declared.set(a.sha2, a);
      if (typeof a.fileUrl !== 'string') needed.add(a.sha2);
    }
  }
  const found = new Map<string, AttachmentContent>();
  for (const part of parts) {
    const hash = part.headers['x-experience-api-hash'];
    if (!hash) throw new AttachmentError('attachment part without an X-Experience-API-Hash header');
    const encoding = part.headers['content-transfer-encoding'];
    if (!encoding || encoding.toLowerCase() !== 'binary') {
      throw new AttachmentError('attachment part must carry Content-Transfer-Encoding: binary');
    }
    const actual = sha256Hex(part.body);
    if (actual !== hash.toLowerCase()) {
      throw new AttachmentError(`attachment part hash ${hash} does not match its content (sha2 ${actual})`);
    }
    const declaration = declared.get(hash) ?? declared.get(actual);
    if (!declaration) throw new AttachmentError(`attachment part ${hash} is not declared by any statement`);
    const type = part.headers['content-type'];
    // Stored as text, which PostgreSQL refuses with U+0000 in it; refused on every store alike.
    const problem = type === undefined ? undefined : textProblem(type);
    if (problem) throw new AttachmentError(`the Content-Type of attachment part ${hash} ${problem}`);
    found.set(actual, {
      sha2: actual,
      contentType: type ?? declaration.contentType,
      content: part.body,
    });
  }
  for (const sha2 of needed) {
    if (!found.has(sha2) && !found.has(sha2.toLowerCase())) {
      throw new AttachmentError(`attachment ${sha2} has no fileUrl and no part carrying its content`);
    }
  }
  return found;
}

/** True when some statement has an attachment that needs raw content (no fileUrl). */
export function needsParts(statements: readonly unknown[]): boolean {
  return statements.some((s) => declaredAttachments(s).some((a) => typeof a.fileUrl !== 'string'));
}
