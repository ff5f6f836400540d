import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { basic, statement } from './http-fixture.js';
import { startLrs } from '../../src/lrs/index.js';

const dir = mkdtempSync(join(tmpdir(), 'bd-lrs-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), cwd: dir });
  return { code, out, err };
}

describe('boiduong lrs key', () => {
  it('creates a key the server accepts, lists it without its secret, and revokes it', async () => {
    const created = await cli('lrs', 'key', 'create', '--scope', 'statements/write,statements/read', '--name', 'LMS xã', '--json');
    expect(created.code).toBe(0);
    const { key, secret } = JSON.parse(created.out) as { key: string; secret: string };

    const lrs = await startLrs({ port: 0, dataDir: join(dir, '.data'), log: () => undefined });
    try {
      const post = await fetch(`${lrs.url}/statements`, {
        method: 'POST',
        headers: { authorization: basic(key, secret), 'x-experience-api-version': '1.0.3', 'content-type': 'application/json' },
        body: JSON.stringify(statement()),
      });
      expect(post.status).toBe(200);
    } finally {
      await lrs.close();
    }

    const listed = await cli('lrs', 'key', 'list');
    expect(listed.out).toContain(key);
    expect(listed.out).toContain('LMS xã');
    expect(listed.out).not.toContain(secret);

    expect((await cli('lrs', 'key', 'revoke', key)).code).toBe(0);
    expect((await cli('lrs', 'key', 'list', '--lang', 'en')).out).toContain('revoked');
    const again = await cli('lrs', 'key', 'revoke', key);
    expect(again.code).toBe(1);
  });

  it('refuses an unknown scope or a missing one with a Vietnamese message by default', async () => {
    const bad = await cli('lrs', 'key', 'create', '--scope', 'statements/delete');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('phạm vi không hợp lệ: statements/delete');
    const none = await cli('lrs', 'key', 'create', '--lang', 'en');
    expect(none.code).toBe(2);
    expect(none.err).toContain('needs --scope');
  });
});

describe('boiduong lrs serve behind a balancer', () => {
  it('refuses a replica without PostgreSQL, a wait without a replica and a public URL that is not http(s), saying what is wanted', async () => {
    const replica = await cli('lrs', 'serve', '--pg-read', 'postgres://127.0.0.1:5433/test', '--lang', 'en');
    expect(replica.code).toBe(2);
    expect(replica.err).toContain('--pg-read needs --store postgres');
    const wait = await cli('lrs', 'serve', '--pg-read-wait', '100');
    expect(wait.code).toBe(2);
    expect(wait.err).toContain('--pg-read-wait chỉ dùng cùng --pg-read');
    const url = await cli('lrs', 'serve', '--public-url', 'lrs.tinh.gov.vn/xapi', '--lang', 'en');
    expect(url.code).toBe(2);
    expect(url.err).toContain('--public-url needs the xAPI endpoint clients use');
  });
});
