/**
 * The HTTP edge of the LRS: credentials checked before the body is read, failed authentications
 * limited, the announced version, and client aborts logged as what they are.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { basic, statement, testLrs } from './http-fixture.js';
import type { TestLrs } from './http-fixture.js';
import type { PostgresStore } from '../../src/lrs/store/postgres/index.js';
import { CHANGE_CHANNEL } from '../../src/lrs/store/postgres/change-feed.js';

let open: TestLrs[] = [];
async function lrs(options: Parameters<typeof testLrs>[0] = {}): Promise<TestLrs> {
  const t = await testLrs(options);
  open.push(t);
  return t;
}
afterEach(async () => {
  await Promise.all(open.map((t) => t.close()));
  open = [];
});

/** Sends raw bytes and resolves with what the server answered within `ms` (the connection stays as it is). */
function raw(url: string, head: string, opts: { body?: string; ms?: number; then?: (text: string, send: (s: string) => void) => void } = {}): Promise<string> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const sock = connect(Number(u.port), u.hostname);
    let text = '';
    const timer = setTimeout(() => {
      sock.destroy();
      resolve(text);
    }, opts.ms ?? 2_000);
    sock.on('data', (d) => {
      text += d.toString('latin1');
      opts.then?.(text, (s) => sock.write(s));
    });
    sock.on('close', () => {
      clearTimeout(timer);
      resolve(text);
    });
    sock.on('error', (e) => {
      clearTimeout(timer);
      if (text) resolve(text);
      else reject(e);
    });
    sock.write(head + (opts.body ?? ''));
  });
}

const SIXTY_MB = 60 * 1024 * 1024;

describe('authentication before the body', () => {
  it('answers 401 from the headers of a 60 MB upload without waiting for its body, and closes', async () => {
    const t = await lrs();
    const path = new URL(`${t.lrs.url}/statements`).pathname;
    const answer = await raw(t.lrs.url, `POST ${path} HTTP/1.1\r\nHost: lrs\r\nX-Experience-API-Version: 1.0.3\r\nContent-Type: multipart/mixed; boundary=b\r\nContent-Length: ${SIXTY_MB}\r\n\r\n`, { body: '--b\r\n' });
    expect(answer).toMatch(/^HTTP\/1\.1 401 /);
    expect(answer.toLowerCase()).toContain('connection: close');
    expect(answer.toLowerCase()).toContain('www-authenticate: basic');
  });

  it('a client that really sends 60 MB gets the 401, and the server goes on serving', async () => {
    const t = await lrs();
    const body = Buffer.alloc(SIXTY_MB, 0x61);
    const r = await fetch(`${t.lrs.url}/statements`, { method: 'POST', body, headers: { 'x-experience-api-version': '1.0.3', 'content-type': 'multipart/mixed; boundary=b' } });
    expect(r.status).toBe(401);
    expect((await t.call('POST', '/statements', { body: statement() })).status).toBe(200);
  });

  it('Expect: 100-continue gets 401 without a 100 Continue; with good credentials the body is asked for', async () => {
    const t = await lrs();
    const path = new URL(`${t.lrs.url}/statements`).pathname;
    const head = (auth: string): string =>
      `POST ${path} HTTP/1.1\r\nHost: lrs\r\nX-Experience-API-Version: 1.0.3\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n${auth}Content-Length: ${SIXTY_MB}\r\n\r\n`;
    const refused = await raw(t.lrs.url, head(''));
    expect(refused).toMatch(/^HTTP\/1\.1 401 /);
    const key = await t.lrs.createKey(['all'], 'uploader');
    const body = JSON.stringify(statement());
    const accepted = await raw(t.lrs.url, head(`Authorization: ${basic(key.key, key.secret)}\r\n`).replace(String(SIXTY_MB), String(Buffer.byteLength(body))), {
      then: (text, send) => {
        if (text === 'HTTP/1.1 100 Continue\r\n\r\n') send(body);
      },
    });
    expect(accepted).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 /);
  });
});

describe('failed authentications are limited', () => {
  it('per key: 429 with Retry-After after ten wrong secrets, while the right secret still passes at once', async () => {
    const t = await lrs();
    const k = await t.lrs.createKey(['all'], 'guessed');
    const good = basic(k.key, k.secret);
    expect((await t.call('GET', '/statements?limit=1', { auth: good })).status).toBe(200);
    for (let i = 0; i < 10; i++) expect((await t.call('GET', '/statements?limit=1', { auth: basic(k.key, `guess-${i}`) })).status).toBe(401);
    const limited = await t.call('GET', '/statements?limit=1', { auth: basic(k.key, 'guess-10') });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const started = Date.now();
    expect((await t.call('GET', '/statements?limit=1', { auth: good })).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1_000);
    // Another key from the same address is not limited by this key's failures.
    const other = await t.lrs.createKey(['all'], 'other');
    expect((await t.call('GET', '/statements?limit=1', { auth: basic(other.key, other.secret) })).status).toBe(200);
  });

  it.runIf(process.env['BOIDUONG_LRS_TEST_STORE'] === 'postgres')('per key: a change notification that arrives after the key was verified does not make its right secret wait with the guessers', async () => {
    const t = await lrs();
    const k = await t.lrs.createKey(['all'], 'notified late');
    const good = basic(k.key, k.secret);
    expect((await t.call('GET', '/statements?limit=1', { auth: good })).status).toBe(200);
    // As the notification of the key's creation does when it is delivered late.
    const store = t.lrs.store as PostgresStore;
    await store.pool.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, JSON.stringify({ s: store.schema, k: k.key })]);
    await new Promise((r) => setTimeout(r, 300));
    for (let i = 0; i < 10; i++) expect((await t.call('GET', '/statements?limit=1', { auth: basic(k.key, `guess-${i}`) })).status).toBe(401);
    expect((await t.call('GET', '/statements?limit=1', { auth: basic(k.key, 'guess-10') })).status).toBe(429);
    expect((await t.call('GET', '/statements?limit=1', { auth: good })).status).toBe(200);
  });

  it('per client address: 429 after thirty failures on any keys; a key already in use still passes', async () => {
    const t = await lrs();
    const k = await t.lrs.createKey(['all'], 'in use');
    const good = basic(k.key, k.secret);
    expect((await t.call('GET', '/statements?limit=1', { auth: good })).status).toBe(200);
    for (let i = 0; i < 30; i++) expect((await t.call('GET', '/statements?limit=1', { auth: basic(`bd-unknown-${i}`, 'x') })).status).toBe(401);
    const limited = await t.call('GET', '/statements?limit=1', { auth: basic('bd-unknown-30', 'x') });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await t.call('GET', '/statements?limit=1', { auth: good })).status).toBe(200);
  });
});

describe('the announced version', () => {
  it('a server run for 1.0.3 clients answers a request without the header with 400 and 1.0.3', async () => {
    const t = await lrs({ defaultVersion: '1.0.3' });
    const r = await t.call('GET', '/statements', { version: null });
    expect(r.status).toBe(400);
    expect(r.headers.get('x-experience-api-version')).toBe('1.0.3');
    expect((await t.call('GET', '/about', { version: null, auth: null })).headers.get('x-experience-api-version')).toBe('1.0.3');
  });

  it('an error answer to a request that named its version carries that version', async () => {
    const t = await lrs({ defaultVersion: '1.0.3' });
    const r = await t.call('GET', '/statements', { version: '2.0.0', auth: null });
    expect(r.status).toBe(401);
    expect(r.headers.get('x-experience-api-version')).toBe('2.0.0');
  });
});

describe('a client that aborts its request', () => {
  async function abortOnce(t: TestLrs): Promise<void> {
    const key = await t.lrs.createKey(['all'], 'aborting');
    const path = new URL(`${t.lrs.url}/statements`).pathname;
    const u = new URL(t.lrs.url);
    await new Promise<void>((resolve) => {
      const sock = connect(Number(u.port), u.hostname, () => {
        sock.write(`POST ${path} HTTP/1.1\r\nHost: lrs\r\nX-Experience-API-Version: 1.0.3\r\nAuthorization: ${basic(key.key, key.secret)}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n[{"actor"`);
        setTimeout(() => {
          sock.destroy();
          resolve();
        }, 300);
      });
    });
    await new Promise((r) => setTimeout(r, 300));
  }

  it('is not an internal error: nothing at the default level, one line without a stack at debug', async () => {
    const quiet: string[] = [];
    await abortOnce(await lrs({ log: (m) => quiet.push(m) }));
    expect(quiet).toEqual([]);
    const debug: string[] = [];
    await abortOnce(await lrs({ log: (m) => debug.push(m), logLevel: 'debug' }));
    expect(debug).toHaveLength(1);
    expect(debug[0]).toMatch(/^LRS: client aborted POST \/xapi\/statements after 9 bytes of the body$/);
  });
});
