/** Attachments and signed statements end to end through the HTTP API, on both stores. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Buffer } from 'node:buffer';
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLrs } from '../../src/lrs/index.js';
import type { RunningLrs } from '../../src/lrs/index.js';
import { dropSchema } from '../../src/lrs/store/postgres/index.js';
import { parseMultipart } from '../../src/lrs/http/multipart.js';
import { SIGNATURE_USAGE, sha256Hex } from '../../src/lrs/service/attachments.js';
import { PG_URL, freshSchemaName } from './contract/postgres-fixture.js';

const boundary = 'bd-test-boundary';

function multipart(statement: unknown, parts: { type: string; body: Buffer; hash?: string }[]): Buffer {
  const chunks: Buffer[] = [Buffer.from(`--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(statement)}\r\n`)];
  for (const p of parts) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Type: ${p.type}\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${p.hash ?? sha256Hex(p.body)}\r\n\r\n`),
      p.body,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

function baseStatement(): { id: string; [k: string]: unknown } {
  return {
    id: randomUUID(),
    actor: { objectType: 'Agent', account: { homePage: 'https://boiduong.example', name: 'hv-007' } },
    verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { vi: 'hoàn thành' } },
    object: { objectType: 'Activity', id: 'https://boiduong.example/course/boi-duong-bi-thu-dang-uy-xa/tieu-luan' },
  };
}

function suite(name: string, options: () => Promise<{ start: Parameters<typeof startLrs>[0]; cleanup: () => Promise<void> }>): void {
  describe(`${name}: attachments over HTTP`, () => {
    let lrs: RunningLrs;
    let auth: string;
    let cleanup: () => Promise<void>;

    beforeAll(async () => {
      const o = await options();
      cleanup = o.cleanup;
      lrs = await startLrs(o.start);
      const key = await lrs.createKey(['all'], 'attachments test');
      auth = `Basic ${Buffer.from(`${key.key}:${key.secret}`).toString('base64')}`;
    });
    afterAll(async () => {
      await lrs?.close();
      await cleanup?.();
    });

    const call = (method: string, path: string, body?: Buffer, type = 'application/json') =>
      fetch(`${lrs.url}${path}`, {
        method,
        headers: { authorization: auth, 'x-experience-api-version': '1.0.3', ...(body ? { 'content-type': type } : {}) },
        ...(body ? { body: new Uint8Array(body) } : {}),
      });

    it('stores a binary attachment and returns it byte for byte with attachments=true', async () => {
      const pdf = Buffer.concat([Buffer.from('%PDF-1.4\r\n'), Buffer.from([0, 255, 13, 10, 45, 45]), Buffer.from('bài thu hoạch')]);
      const s = { ...baseStatement(), attachments: [{ usageType: 'https://boiduong.example/attachments/essay', display: { vi: 'Bài thu hoạch' }, contentType: 'application/pdf', length: pdf.length, sha2: sha256Hex(pdf) }] };
      const posted = await call('POST', '/statements', multipart(s, [{ type: 'application/pdf', body: pdf }]), `multipart/mixed; boundary=${boundary}`);
      expect(posted.status).toBe(200);
      const got = await call('GET', `/statements?statementId=${String(s.id)}&attachments=true`);
      expect(got.status).toBe(200);
      const type = got.headers.get('content-type') ?? '';
      expect(type).toMatch(/^multipart\/mixed/);
      const parts = parseMultipart(Buffer.from(await got.arrayBuffer()), type);
      expect((JSON.parse(parts[0]!.body.toString()) as { id: string }).id).toBe(s.id);
      expect(parts[1]!.headers['x-experience-api-hash']).toBe(sha256Hex(pdf));
      expect(parts[1]!.body.equals(pdf)).toBe(true);
    });

    it('refuses a part whose content does not match its hash, and stores nothing', async () => {
      const content = Buffer.from('nội dung');
      const s = { ...baseStatement(), attachments: [{ usageType: 'https://boiduong.example/u', display: { vi: 'tệp' }, contentType: 'text/plain', length: content.length, sha2: sha256Hex(content) }] };
      const r = await call('POST', '/statements', multipart(s, [{ type: 'text/plain', body: Buffer.from('khác'), hash: sha256Hex(content) }]), `multipart/mixed; boundary=${boundary}`);
      expect(r.status).toBe(400);
      expect((await call('GET', `/statements?statementId=${String(s.id)}`)).status).toBe(404);
    });

    it('accepts a fileUrl-only attachment as plain JSON', async () => {
      const s = { ...baseStatement(), attachments: [{ usageType: 'https://boiduong.example/u', display: { vi: 'tệp' }, contentType: 'text/plain', length: 3, sha2: sha256Hex(Buffer.from('abc')), fileUrl: 'https://boiduong.example/f.txt' }] };
      expect((await call('POST', '/statements', Buffer.from(JSON.stringify(s)))).status).toBe(200);
    });

    it('accepts a signed statement and refuses one whose JWS payload differs', async () => {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const signedPost = (payload: unknown, statement: { id: string; [k: string]: unknown }) => {
        const h = Buffer.from(JSON.stringify({ alg: 'RS256' })).toString('base64url');
        const p = Buffer.from(JSON.stringify(payload)).toString('base64url');
        const jws = Buffer.from(`${h}.${p}.${sign('sha256', Buffer.from(`${h}.${p}`), privateKey).toString('base64url')}`);
        const s = { ...statement, attachments: [{ usageType: SIGNATURE_USAGE, display: { en: 'signature' }, contentType: 'application/octet-stream', length: jws.length, sha2: sha256Hex(jws) }] };
        return call('POST', '/statements', multipart(s, [{ type: 'application/octet-stream', body: jws }]), `multipart/mixed; boundary=${boundary}`);
      };
      const good = baseStatement();
      expect((await signedPost(good, good)).status).toBe(200);
      const bad = baseStatement();
      expect((await signedPost({ ...bad, verb: { id: 'http://adlnet.gov/expapi/verbs/failed' } }, bad)).status).toBe(400);
      expect((await call('GET', `/statements?statementId=${String(bad.id)}`)).status).toBe(404);
    });
  });
}

suite('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bd-lrs-att-'));
  return { start: { port: 0, dataDir: dir, log: () => undefined }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
});

suite('postgres', async () => {
  const schema = freshSchemaName();
  const dir = mkdtempSync(join(tmpdir(), 'bd-lrs-att-'));
  return {
    start: { port: 0, dataDir: dir, store: 'postgres', pg: PG_URL, pgSchema: schema, log: () => undefined },
    cleanup: async () => {
      await dropSchema(PG_URL, schema);
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
