/** Attachments as the xAPI rules see them: declared by a statement, received as raw parts, stored by sha2. */
import type { Buffer } from 'node:buffer';

export const SIGNATURE_USAGE = 'http://adlnet.gov/expapi/attachments/signature';

/** An attachment's content, as stored and as answered. */
export interface AttachmentContent {
  readonly sha2: string;
  readonly contentType: string;
  readonly content: Buffer;
}

/**
 * One raw part of a statement request after the statements: its headers (names lower-cased:
 * x-experience-api-hash, content-transfer-encoding, content-type) and its octets.
 */
export interface AttachmentPart {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}
