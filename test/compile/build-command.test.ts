import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { readZip } from '../e2e/harness/zip-read.js';
import { buildRuntime } from '../e2e/harness/package.js';
import { MINI, repoRoot } from './helpers.js';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), cwd: repoRoot });
  return { code, out, err };
}

describe('boiduong build', () => {
  const temps: string[] = [];
  const temp = (): string => {
    const d = mkdtempSync(path.join(os.tmpdir(), 'bd-build-'));
    temps.push(d);
    return d;
  };
  beforeAll(() => buildRuntime(), 60_000);
  afterEach(() => {
    for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('writes <out>/<course-id>-<format>.zip with the real player and prints its path', async () => {
    const out = temp();
    const r = await run(['build', MINI, '--format', 'scorm12', '--out', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const zip = path.join(out, 'khoa-thu-dong-goi-scorm12.zip');
    expect(r.out).toContain(zip);
    const files = readZip(readFileSync(zip));
    const player = files.find((f) => f.path === 'player/player.js');
    // A package carries its format's player bundle (its own tracker only) as player.js.
    expect(player?.data.equals(readFileSync(path.join(repoRoot, 'dist', 'runtime', 'player-scorm12.js')))).toBe(true);
    expect(readdirSync(out)).toEqual(['khoa-thu-dong-goi-scorm12.zip']);
  });

  it('gives the same bytes on a second build', async () => {
    const a = temp();
    const b = temp();
    await run(['build', MINI, '--format', 'scorm12', '--out', a]);
    await run(['build', MINI, '--format', 'scorm12', '--out', b]);
    const name = 'khoa-thu-dong-goi-scorm12.zip';
    expect(readFileSync(path.join(a, name)).equals(readFileSync(path.join(b, name)))).toBe(true);
  });

  it('refuses a course with errors: prints each with file:line, exits 1, writes nothing', async () => {
    const course = temp();
    cpSync(MINI, course, { recursive: true });
    const file = path.join(course, 'modules', '01-nhap-mon.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('positions: [bi-thu-dang-uy-xa, chu-tich-ubnd-xa]', 'positions: [bi-thu-dang-uy]'));
    const out = temp();
    const r = await run(['build', course, '--format', 'scorm12', '--out', out, '--taxonomy', path.join(repoRoot, 'content', 'taxonomy')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/01-nhap-mon\.md:\d+:\d+/);
    expect(r.err).toContain('bi-thu-dang-uy-xa'); // the nearest valid id is suggested
    expect(r.err).toContain('Chưa đóng gói');
    expect(existsSync(path.join(out, 'khoa-thu-dong-goi-scorm12.zip'))).toBe(false);
  });

  it('rejects an unknown format as a usage error (exit 2), in English with --lang en', async () => {
    const r = await run(['build', MINI, '--format', 'scorm13', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Unknown format "scorm13"');
  });
});
