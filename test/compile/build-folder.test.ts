/**
 * A package depends on the course, never on where it lies or where the build runs: the same course
 * copied into two folders and built from two different working folders gives the same bytes.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { buildRuntime } from '../e2e/harness/package.js';
import { readZip } from '../e2e/harness/zip-read.js';
import { SAMPLE, repoRoot } from './helpers.js';

const FORMATS = ['scorm12', 'scorm2004', 'cmi5', 'xapi'];

async function build(cwd: string, courseDir: string, out: string): Promise<void> {
  let err = '';
  const code = await main(['build', courseDir, '--format', FORMATS.join(','), '--out', out], { out: () => {}, err: (t) => (err += t), cwd });
  expect(err).toBe('');
  expect(code).toBe(0);
}

describe('builds do not depend on the folder', () => {
  let root = '';
  beforeAll(() => {
    buildRuntime();
    root = mkdtempSync(path.join(os.tmpdir(), 'bd-folders-'));
    // Two copies of the sample course with its taxonomy, at different depths.
    for (const where of ['a', path.join('b', 'sau', 'hon')]) {
      cpSync(path.join(repoRoot, 'content', 'taxonomy'), path.join(root, where, 'taxonomy'), { recursive: true });
      cpSync(SAMPLE, path.join(root, where, 'khoa'), { recursive: true });
    }
    mkdirSync(path.join(root, 'out-a'));
    mkdirSync(path.join(root, 'out-b'));
  }, 60_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('the same course built from two folders and two working folders gives the same zip bytes', async () => {
    // One build runs from above the course, the other from inside it, naming it by a relative path.
    await build(root, path.join('a', 'khoa'), path.join(root, 'out-a'));
    const inside = path.join(root, 'b', 'sau', 'hon', 'khoa', 'modules');
    await build(inside, '..', path.join(root, 'out-b'));
    const names = readdirSync(path.join(root, 'out-a')).sort();
    expect(names).toHaveLength(FORMATS.length);
    expect(readdirSync(path.join(root, 'out-b')).sort()).toEqual(names);
    for (const name of names) {
      const a = readFileSync(path.join(root, 'out-a', name));
      const b = readFileSync(path.join(root, 'out-b', name));
      // Name the first differing file so a failure says what embeds the folder.
      const filesA = readZip(a);
      const filesB = readZip(b);
      const differing = filesA.filter((f, i) => !filesB[i] || filesB[i].path !== f.path || !filesB[i].data.equals(f.data)).map((f) => f.path);
      expect({ name, differing }).toEqual({ name, differing: [] });
      expect(a.equals(b)).toBe(true);
    }
  });

  it('no source path goes into a package', async () => {
    const files = readZip(readFileSync(path.join(root, 'out-a', 'boi-duong-bi-thu-dang-uy-xa-scorm12.zip')));
    for (const f of files) {
      const text = f.data.toString('utf8');
      expect({ path: f.path, hasSourcePath: /modules\/[\w-]+\.md|khoa\/modules/.test(text) }).toEqual({ path: f.path, hasSourcePath: false });
    }
  });
});
