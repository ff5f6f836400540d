/**
 * Signed statements (xAPI §Signed Statements): a statement may carry an attachment with usageType
 * …/attachments/signature whose content is a JWS in compact serialization. The LRS rejects the
 * statement (400) when the JWS is malformed, uses an algorithm other than RS256/384/512, does not
 * verify against the certificate in its x5c header, or its payload is not the statement itself.
 */
import { Buffer } from 'node:buffer';
import { X509Certificate, createPublicKey, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { InvalidRequest, SIGNATURE_USAGE } from '../protocol/index.js';
import type { AttachmentContent } from '../protocol/index.js';
import { declaredAttachments } from './attachments.js';
import { comparableDuration } from '../validate/index.js';

const HASH_FOR_ALG: Readonly<Record<string, string>> = { RS256: 'sha256', RS384: 'sha384', RS512: 'sha512' };

/** A signature the LRS refuses: 400 with this message. */
export class SignatureError extends InvalidRequest {
  constructor(message: string) {
    super(message);
    this.name = 'SignatureError';
  }
}

export interface JwsParts {
  readonly header: Record<string, unknown>;
  readonly payload: unknown;
  readonly signingInput: string;
  readonly signature: Buffer;
}

function fromBase64Url(text: string, what: string): Buffer {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new SignatureError(`JWS ${what} is not base64url`);
  return Buffer.from(text, 'base64url');
}

export function parseJws(compact: string): JwsParts {
  const pieces = compact.trim().split('.');
  if (pieces.length !== 3) throw new SignatureError('signature is not a JWS in compact serialization (three dot-separated parts)');
  const [h, p, s] = pieces as [string, string, string];
  let header: unknown;
  let payload: unknown;
  try {
    header = JSON.parse(fromBase64Url(h, 'header').toString('utf8'));
    payload = JSON.parse(fromBase64Url(p, 'payload').toString('utf8'));
  } catch (e) {
    if (e instanceof SignatureError) throw e;
    throw new SignatureError('JWS header or payload is not JSON');
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) throw new SignatureError('JWS header is not a JSON object');
  return { header: header as Record<string, unknown>, payload, signingInput: `${h}.${p}`, signature: fromBase64Url(s, 'signature') };
}

/** The key from the x5c header (first certificate, base64 DER), when the signer included one. */
function keyFromHeader(header: Record<string, unknown>): KeyObject | undefined {
  const chain = header['x5c'];
  if (chain === undefined) return undefined;
  if (!Array.isArray(chain) || typeof chain[0] !== 'string') throw new SignatureError('JWS x5c header is not an array of certificates');
  try {
    return new X509Certificate(Buffer.from(chain[0], 'base64')).publicKey;
  } catch {
    throw new SignatureError('JWS x5c certificate cannot be read');
  }
}

/** Properties the LRS sets or that are added after signing; they never take part in the match. */
const IGNORED = new Set(['authority', 'stored', 'version', 'attachments']);

/** Canonical form for comparison: keys sorted, LRS-set properties dropped at the top level. */
function canonical(value: unknown, top: boolean, skipId: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => canonical(v, false, false));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    if (top && (IGNORED.has(key) || (skipId && key === 'id'))) continue;
    const v = (value as Record<string, unknown>)[key];
    out[key] = key === 'duration' && typeof v === 'string' ? comparableDuration(v) : canonical(v, false, false);
  }
  return out;
}

export function payloadMatches(payload: unknown, statement: Record<string, unknown>): boolean {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return false;
  // A payload without an id was signed before the id was assigned.
  const skipId = !('id' in payload);
  return JSON.stringify(canonical(payload, true, skipId)) === JSON.stringify(canonical(statement, true, skipId));
}

/** Verifies one JWS against a statement; throws SignatureError on any mismatch. */
export function verifyJws(compact: string, statement: Record<string, unknown>, trustedKey?: KeyObject): void {
  const jws = parseJws(compact);
  const alg = jws.header['alg'];
  const hash = typeof alg === 'string' ? HASH_FOR_ALG[alg] : undefined;
  if (!hash) throw new SignatureError(`JWS algorithm ${String(alg)} is not allowed; use RS256, RS384 or RS512`);
  const key = keyFromHeader(jws.header) ?? trustedKey;
  if (key) {
    let ok: boolean;
    try {
      ok = verify(hash, Buffer.from(jws.signingInput), key, jws.signature);
    } catch {
      ok = false;
    }
    if (!ok) throw new SignatureError('JWS signature does not verify against its key');
  }
  if (!payloadMatches(jws.payload, statement)) throw new SignatureError('JWS payload does not match the signed statement');
}

/** Checks every signature attachment of every statement against the received parts. */
export function verifySignedStatements(statements: readonly unknown[], contents: ReadonlyMap<string, AttachmentContent>): void {
  for (const s of statements) {
    for (const a of declaredAttachments(s)) {
      if (a.usageType !== SIGNATURE_USAGE) continue;
      if (a.contentType !== 'application/octet-stream') {
        throw new SignatureError('a signature attachment must have contentType application/octet-stream');
      }
      const part = contents.get(String(a.sha2).toLowerCase());
      if (!part) throw new SignatureError('a signature attachment must be sent as a part, not as a fileUrl');
      verifyJws(part.content.toString('utf8'), s as Record<string, unknown>);
    }
  }
}

/** For tests and tools: a PEM public key as a KeyObject. */
export function publicKeyFromPem(pem: string): KeyObject {
  return createPublicKey(pem);
}
