/**
 * Hostile input: each request below must be refused cleanly (or, for SQL-looking strings, stored
 * as plain data), nothing refused may be stored, and the server must keep serving afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Buffer } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeStatement, send } from '../bench/lrs-load.js';
import type { Endpoint } from '../bench/lrs-load.js';
import { startServerProcess } from '../bench/lrs-process.js';
import type { ServerProcess } from '../bench/lrs-process.js';

const CAP = 1024 * 1024;
const SQL = `'); DROP TABLE statements; -- " OR 1=1; DELETE FROM documents WHERE ''='`;
let server: ServerProcess;
let ep: Endpoint;
let dataDir: string;
const since = new Date(Date.now() - 1000).toISOString();

/** Sends raw bytes (possibly invalid UTF-8, possibly chunked without a length). */
function sendRaw(body: Buffer, headers: Record<string, string> = {}, chunked = false): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${ep.base}/statements`,
      {
        method: 'POST',
        headers: {
          authorization: ep.authorization,
          'x-experience-api-version': '1.0.3',
          'content-type': 'application/json',
          ...(chunked ? {} : { 'content-length': String(body.length) }),
          ...headers,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    // The server may answer 413 and close before the whole body is sent.
    req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' || e.code === 'ECONNRESET' ? resolve(413) : reject(e)));
    if (chunked) {
      for (let i = 0; i < body.length; i += 65536) req.write(body.subarray(i, i + 65536));
      req.end();
    } else req.end(body);
  });
}

async function storedSince(): Promise<number> {
  let count = 0;
  let path: string | undefined = `/statements?since=${encodeURIComponent(since)}&limit=500`;
  while (path) {
    const r = await send(ep, 'GET', path);
    expect(r.status).toBe(200);
    const page = JSON.parse(r.body) as { statements: unknown[]; more?: string };
    count += page.statements.length;
    path = page.more ? page.more.replace(/^.*?\/statements/, '/statements') : undefined;
  }
  return count;
}

let accepted = 0;

async function expectRefused(status: number | number[], sent: Promise<number>): Promise<void> {
  const got = await sent;
  expect(Array.isArray(status) ? status : [status]).toContain(got);
  // Nothing of the refused request was stored, and the server still answers.
  expect(await storedSince()).toBe(accepted);
  expect((await send(ep, 'GET', '/about')).status).toBe(200);
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'bd-lrs-hostile-'));
  server = await startServerProcess({ store: 'sqlite', dataDir, maxBody: CAP });
  ep = server.endpoint;
  const ok = await send(ep, 'POST', '/statements', JSON.stringify(makeStatement(1)));
  expect(ok.status).toBe(200);
  accepted = 1;
}, 30_000);

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('hostile input', () => {
  it('refuses a body over the cap with 413, with or without a Content-Length', async () => {
    const big = Buffer.from(JSON.stringify(Array.from({ length: 3000 }, (_, i) => makeStatement(i))));
    expect(big.length).toBeGreaterThan(CAP);
    await expectRefused(413, sendRaw(big));
    await expectRefused(413, sendRaw(big, {}, true));
  });

  it('refuses malformed JSON', async () => {
    await expectRefused(400, sendRaw(Buffer.from('{"actor": {"mbox": "mailto:a@b.c"}, "verb": ')));
    await expectRefused(400, sendRaw(Buffer.from('[{"id": 1,}]')));
  });

  it('refuses a statement nested 10,000 levels deep', async () => {
    const s = makeStatement(2);
    const deep = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    const text = JSON.stringify({ ...s, result: { extensions: { 'https://boiduong.example/x': '__DEEP__' } } }).replace('"__DEEP__"', deep);
    await expectRefused(400, sendRaw(Buffer.from(text)));
  });

  it('refuses a huge array of non-statements and a batch with one bad statement in it', async () => {
    await expectRefused(400, sendRaw(Buffer.from('[' + Array(200_000).fill('{}').join(',') + ']')));
    const batch = Array.from({ length: 50 }, (_, i) => makeStatement(100 + i));
    delete (batch[49] as Record<string, unknown>)['verb'];
    await expectRefused(400, sendRaw(Buffer.from(JSON.stringify(batch))));
  });

  it('refuses invalid UTF-8', async () => {
    const text = Buffer.from(JSON.stringify({ ...makeStatement(3), result: { response: '__X__' } }));
    const at = text.indexOf('__X__');
    const bad = Buffer.concat([text.subarray(0, at), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), text.subarray(at + 5)]);
    await expectRefused(400, sendRaw(bad));
  });

  it('refuses a statement carrying 1 MB of extensions', async () => {
    const s = { ...makeStatement(4), result: { extensions: { 'https://boiduong.example/blob': 'x'.repeat(1024 * 1024) } } };
    await expectRefused([400, 413], sendRaw(Buffer.from(JSON.stringify(s))));
  });

  it('stores SQL-looking strings in every field as plain data and finds them again', async () => {
    const id = randomUUID();
    const agent = { objectType: 'Agent', name: SQL, account: { homePage: 'https://boiduong.example', name: SQL } };
    const statement = {
      id,
      actor: agent,
      verb: { id: `https://boiduong.example/verbs/x?q=${encodeURIComponent(SQL)}`, display: { vi: SQL } },
      object: {
        id: `https://boiduong.example/a?q=${encodeURIComponent(SQL)}`,
        definition: { name: { vi: SQL }, description: { 'en-US': SQL }, type: 'https://boiduong.example/t' },
      },
      result: { response: SQL, extensions: { 'https://boiduong.example/e': { [SQL]: SQL } } },
      context: { registration: randomUUID(), platform: SQL, language: 'vi-VN', extensions: { 'https://boiduong.example/c': SQL } },
    };
    const r = await send(ep, 'POST', '/statements', JSON.stringify(statement));
    expect(r.status).toBe(200);
    accepted++;
    const back = JSON.parse((await send(ep, 'GET', `/statements?statementId=${id}`)).body) as typeof statement;
    expect(back.result).toEqual(statement.result);
    expect(back.actor.account.name).toBe(SQL);
    const byAgent = JSON.parse((await send(ep, 'GET', `/statements?agent=${encodeURIComponent(JSON.stringify(agent))}`)).body) as { statements: { id: string }[] };
    expect(byAgent.statements.map((s) => s.id)).toEqual([id]);
    const state = `/activities/state?activityId=${encodeURIComponent(statement.object.id)}&agent=${encodeURIComponent(JSON.stringify(agent))}&stateId=${encodeURIComponent(SQL)}`;
    expect((await send(ep, 'PUT', state, JSON.stringify({ v: SQL }))).status).toBe(204);
    expect(JSON.parse((await send(ep, 'GET', state)).body)).toEqual({ v: SQL });
    expect(await storedSince()).toBe(accepted);
  });
});
