/**
 * `npm test` first runs scripts/check-tools.mjs: on a machine without Chromium, xmllint, unzip,
 * Python or a reachable PostgreSQL it stops at once with one line naming what to install and how.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const script = path.join(repoRoot, 'scripts', 'check-tools.mjs');

let tools = '';
let empty = '';
let server: Server;
let pgUp = '';
let pgDown = '';

/** An executable that only exists: the precheck looks for the tools, it does not run them. */
function executable(file: string): string {
  writeFileSync(file, '#!/bin/sh\nexit 0\n');
  chmodSync(file, 0o755);
  return file;
}

beforeAll(async () => {
  tools = mkdtempSync(path.join(os.tmpdir(), 'bd-tools-'));
  empty = mkdtempSync(path.join(os.tmpdir(), 'bd-no-tools-'));
  for (const name of ['xmllint', 'unzip', 'python3', 'chromium']) executable(path.join(tools, name));
  server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  pgUp = `postgres://postgres@127.0.0.1:${port}/test`;
  // A port just closed again: nothing listens there.
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  pgDown = `postgres://postgres@127.0.0.1:${(closed.address() as { port: number }).port}/test`;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(tools, { recursive: true, force: true });
  rmSync(empty, { recursive: true, force: true });
});

function precheck(env: { PATH: string; CHROMIUM_PATH: string; BOIDUONG_TEST_PG: string }, args: string[] = []) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [script, ...args], { env, encoding: 'utf8', timeout: 20_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

describe('scripts/check-tools.mjs', () => {
  it('with a PATH lacking the tools, no Chromium and no PostgreSQL: one line naming the Debian packages, then exit 1', () => {
    const r = precheck({ PATH: empty, CHROMIUM_PATH: path.join(empty, 'chromium'), BOIDUONG_TEST_PG: pgDown });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('apt-get install chromium libxml2-utils unzip python3');
    expect(r.stderr).toContain('CHROMIUM_PATH');
    expect(r.stderr).toContain(`PostgreSQL tại 127.0.0.1:${new URL(pgDown).port}`);
    expect(r.ms).toBeLessThan(10_000);
  });

  it('says it in English with --lang en', () => {
    const r = precheck({ PATH: empty, CHROMIUM_PATH: path.join(empty, 'chromium'), BOIDUONG_TEST_PG: pgDown }, ['--lang', 'en']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^npm test: missing chromium, libxml2-utils, unzip, python3: install with "sudo apt-get install chromium libxml2-utils unzip python3"/);
    expect(r.stderr).toContain('PostgreSQL is not reachable at 127.0.0.1:');
  });

  it('names only what is missing: xmllint alone', () => {
    const partial = mkdtempSync(path.join(os.tmpdir(), 'bd-some-tools-'));
    try {
      for (const name of ['unzip', 'python3']) executable(path.join(partial, name));
      const r = precheck({ PATH: partial, CHROMIUM_PATH: path.join(tools, 'chromium'), BOIDUONG_TEST_PG: pgUp }, ['--lang', 'en']);
      expect(r.status).toBe(1);
      expect(r.stderr).toBe('npm test: missing libxml2-utils: install with "sudo apt-get install libxml2-utils".\n');
    } finally {
      rmSync(partial, { recursive: true, force: true });
    }
  });

  it('honours CHROMIUM_PATH: a Chromium elsewhere is found, a wrong path is named', () => {
    const elsewhere = executable(path.join(empty, 'my-chromium'));
    try {
      expect(precheck({ PATH: tools, CHROMIUM_PATH: elsewhere, BOIDUONG_TEST_PG: pgUp }).status).toBe(0);
      const r = precheck({ PATH: tools, CHROMIUM_PATH: '/no/such/chromium', BOIDUONG_TEST_PG: pgUp }, ['--lang', 'en']);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('missing chromium');
      expect(r.stderr).toContain('now /no/such/chromium');
    } finally {
      rmSync(elsewhere);
    }
  });

  it('only PostgreSQL down: says so, with its address', () => {
    const r = precheck({ PATH: tools, CHROMIUM_PATH: path.join(tools, 'chromium'), BOIDUONG_TEST_PG: pgDown }, ['--lang', 'en']);
    expect(r.status).toBe(1);
    expect(r.stderr).not.toContain('missing');
    expect(r.stderr).toContain(`PostgreSQL is not reachable at 127.0.0.1:${new URL(pgDown).port}`);
  });

  it('everything present: silent, exit 0', () => {
    const r = precheck({ PATH: tools, CHROMIUM_PATH: path.join(tools, 'chromium'), BOIDUONG_TEST_PG: pgUp });
    expect({ status: r.status, stderr: r.stderr, stdout: r.stdout }).toEqual({ status: 0, stderr: '', stdout: '' });
  });

  it('is the first thing npm test runs', () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['test']!.startsWith('node scripts/check-tools.mjs && ')).toBe(true);
  });
});
