import { describe, expect, it } from 'vitest';
import { Buffer } from 'node:buffer';
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildMultipart, parseMultipart, MultipartError } from '../../src/lrs/http/multipart.js';
import { collectAttachments, sha256Hex, AttachmentError, SIGNATURE_USAGE } from '../../src/lrs/service/attachments.js';
import { verifyJws, verifySignedStatements, SignatureError } from '../../src/lrs/service/signature.js';
import { decodeJson } from '../../src/lrs/http/multipart-statements.js';
import type { HttpError } from '../../src/lrs/http/errors.js';

const statement = {
  id: '6f1f2d2e-8a4c-4d0a-9a58-4a4c1b2d3e4f',
  actor: { objectType: 'Agent', account: { homePage: 'https://boiduong.example', name: 'hv-001' } },
  verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { vi: 'hoàn thành' } },
  object: { id: 'https://boiduong.example/course/m1' },
};

function multipartBody(boundary: string, parts: { headers: string[]; body: Buffer }[]): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n${p.headers.join('\r\n')}\r\n\r\n`), p.body, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

describe('multipart/mixed', () => {
  it('splits the statement part and a binary attachment without altering bytes', () => {
    const binary = Buffer.from([0, 13, 10, 45, 45, 255, 254, 13, 10]);
    const body = multipartBody('xyz', [
      { headers: ['Content-Type: application/json'], body: Buffer.from(JSON.stringify(statement)) },
      { headers: ['Content-Type: image/png', 'Content-Transfer-Encoding: binary', `X-Experience-API-Hash: ${sha256Hex(binary)}`], body: binary },
    ]);
    const parts = parseMultipart(body, 'multipart/mixed; boundary="xyz"');
    expect(parts).toHaveLength(2);
    expect(JSON.parse(parts[0]!.body.toString('utf8'))).toEqual(statement);
    expect(parts[1]!.headers['x-experience-api-hash']).toBe(sha256Hex(binary));
    expect(parts[1]!.body.equals(binary)).toBe(true);
  });

  it('round-trips what buildMultipart writes', () => {
    const content = Buffer.from('tài liệu đính kèm');
    const out = buildMultipart('[1]', [{ contentType: 'text/plain', sha2: sha256Hex(content), content }]);
    const parts = parseMultipart(out.body, out.contentType);
    expect(parts.map((p) => p.body.toString('utf8'))).toEqual(['[1]', 'tài liệu đính kèm']);
  });

  it('rejects a body with no boundary or an unterminated body', () => {
    expect(() => parseMultipart(Buffer.from('x'), 'multipart/mixed')).toThrow(MultipartError);
    expect(() => parseMultipart(Buffer.from('--b\r\nA: 1\r\n\r\nbody'), 'multipart/mixed; boundary=b')).toThrow(MultipartError);
  });
});

describe('attachment matching', () => {
  const content = Buffer.from('hello');
  const sha2 = sha256Hex(content);
  const withAttachment = { ...statement, attachments: [{ usageType: 'http://ex.org/u', display: { vi: 'tệp' }, contentType: 'text/plain', length: 5, sha2 }] };
  const part = (headers: Record<string, string>, body = content) => ({ headers, body });

  it('accepts a part whose hash matches its content', () => {
    const found = collectAttachments([withAttachment], [part({ 'x-experience-api-hash': sha2, 'content-transfer-encoding': 'binary', 'content-type': 'text/plain' })]);
    expect(found.get(sha2)?.content.toString()).toBe('hello');
  });

  it('rejects a wrong hash, a missing part, an undeclared part and a missing transfer encoding', () => {
    expect(() => collectAttachments([withAttachment], [part({ 'x-experience-api-hash': sha2, 'content-transfer-encoding': 'binary' }, Buffer.from('other'))])).toThrow(AttachmentError);
    expect(() => collectAttachments([withAttachment], [])).toThrow(AttachmentError);
    expect(() => collectAttachments([statement], [part({ 'x-experience-api-hash': sha2, 'content-transfer-encoding': 'binary' })])).toThrow(AttachmentError);
    expect(() => collectAttachments([withAttachment], [part({ 'x-experience-api-hash': sha2 })])).toThrow(AttachmentError);
  });

  it('allows a fileUrl attachment without a part', () => {
    const byUrl = { ...statement, attachments: [{ ...withAttachment.attachments[0]!, fileUrl: 'https://boiduong.example/f.txt' }] };
    expect(collectAttachments([byUrl], []).size).toBe(0);
  });
});

describe('signed statements', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jws = (payload: unknown, alg = 'RS256', header: Record<string, unknown> = {}) => {
    const h = Buffer.from(JSON.stringify({ alg, ...header })).toString('base64url');
    const p = Buffer.from(JSON.stringify(payload)).toString('base64url');
    const hash = { RS256: 'sha256', RS384: 'sha384', RS512: 'sha512', HS256: 'sha256' }[alg] ?? 'sha256';
    return `${h}.${p}.${sign(hash, Buffer.from(`${h}.${p}`), privateKey).toString('base64url')}`;
  };

  it('accepts RS256, RS384 and RS512 whose payload is the statement', () => {
    for (const alg of ['RS256', 'RS384', 'RS512']) {
      expect(() => verifyJws(jws(statement, alg), { ...statement, stored: 'x', authority: {} }, publicKey)).not.toThrow();
    }
  });

  it('rejects a payload that differs from the statement, another algorithm, or a forged signature', () => {
    expect(() => verifyJws(jws({ ...statement, verb: { id: 'http://ex.org/other' } }), statement, publicKey)).toThrow(/payload/);
    expect(() => verifyJws(jws(statement, 'HS256'), statement, publicKey)).toThrow(/algorithm/);
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(() => verifyJws(jws(statement), statement, other.publicKey)).toThrow(/verify/);
    expect(() => verifyJws('not-a-jws', statement)).toThrow(SignatureError);
  });

  it('verifies against the certificate in the x5c header', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bd-x5c-'));
    try {
      const keyPem = join(dir, 'key.pem');
      const certPem = join(dir, 'cert.pem');
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPem, '-out', certPem, '-days', '1', '-subj', '/CN=boiduong-test'], { stdio: 'ignore' });
      const der = Buffer.from(readFileSync(certPem, 'utf8').replace(/-----[^-]+-----|\s/g, ''), 'base64').toString('base64');
      const h = Buffer.from(JSON.stringify({ alg: 'RS256', x5c: [der] })).toString('base64url');
      const p = Buffer.from(JSON.stringify(statement)).toString('base64url');
      const good = `${h}.${p}.${sign('sha256', Buffer.from(`${h}.${p}`), readFileSync(keyPem, 'utf8')).toString('base64url')}`;
      expect(() => verifyJws(good, statement)).not.toThrow();
      const forged = `${h}.${p}.${sign('sha256', Buffer.from(`${h}.${p}`), privateKey).toString('base64url')}`;
      expect(() => verifyJws(forged, statement)).toThrow(/verify/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('checks every signature attachment of a batch', () => {
    const token = Buffer.from(jws(statement));
    const sha2 = sha256Hex(token);
    const signed = { ...statement, attachments: [{ usageType: SIGNATURE_USAGE, display: { en: 'sig' }, contentType: 'application/octet-stream', length: token.length, sha2 }] };
    const contents = new Map([[sha2, { sha2, contentType: 'application/octet-stream', content: token }]]);
    expect(() => verifySignedStatements([signed], contents)).not.toThrow();
    const tampered = { ...signed, object: { id: 'https://boiduong.example/course/m2' } };
    expect(() => verifySignedStatements([tampered], contents)).toThrow(SignatureError);
  });
});

describe('statement request bodies', () => {
  const status = (f: () => unknown) => {
    try {
      f();
      return 200;
    } catch (e) {
      return (e as HttpError).status;
    }
  };

  it('refuses invalid UTF-8, malformed JSON and deep nesting with 400', () => {
    expect(status(() => decodeJson(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d])))).toBe(400);
    expect(status(() => decodeJson(Buffer.from('{"a":')))).toBe(400);
    expect(status(() => decodeJson(Buffer.from('['.repeat(10_000) + ']'.repeat(10_000))))).toBe(400);
    expect(decodeJson(Buffer.from('{"s":"[[[[{{{{ \\" ]"}'))).toEqual({ s: '[[[[{{{{ " ]' });
    // A string ending in an escaped backslash ends at its quote: the brackets after it count.
    expect(decodeJson(Buffer.from(`{"s":"a\\\\","t":${'['.repeat(62)}${']'.repeat(62)}}`))).toMatchObject({ s: 'a\\' });
    expect(status(() => decodeJson(Buffer.from(`{"s":"a\\\\","t":${'['.repeat(64)}${']'.repeat(64)}}`)))).toBe(400);
    expect(decodeJson(Buffer.from(`{"s":"\\"${'['.repeat(70)}"}`))).toEqual({ s: `"${'['.repeat(70)}` });
    expect(status(() => decodeJson(Buffer.from('{"s":"never closed')))).toBe(400);
  });
});
