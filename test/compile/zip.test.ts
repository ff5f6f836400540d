import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPackage, scorm12Target, writeZip } from '../../src/compile/index.js';
import { readZip } from '../e2e/harness/zip-read.js';
import { FIXED_RUNTIME, loadFixture } from './helpers.js';

const hasPython = spawnSync('python3', ['--version']).status === 0;
const hasUnzip = spawnSync('unzip', ['-v']).status === 0;

describe('deterministic zip writer', () => {
  const entries = [
    { path: 'b/ảnh sơ đồ.svg', data: '<svg/>' },
    { path: 'a.txt', data: 'Đảng ủy xã '.repeat(200) },
    { path: 'bin.dat', data: new Uint8Array([0, 255, 1, 254, 7]) },
  ];

  it('gives the same bytes for the same files in any order', () => {
    const one = writeZip(entries);
    const two = writeZip([...entries].reverse());
    expect(Buffer.from(one).equals(Buffer.from(two))).toBe(true);
  });

  it('writes sorted entries with a fixed date that read back intact', () => {
    const files = readZip(writeZip(entries));
    expect(files.map((f) => f.path)).toEqual(['a.txt', 'b/ảnh sơ đồ.svg', 'bin.dat']);
    expect(files[0]!.method).toBe(8); // repetitive text is deflated
    expect(files[2]!.method).toBe(0); // tiny binary is stored
    expect(new Set(files.map((f) => `${f.dosDate}:${f.dosTime}`))).toEqual(new Set(['33:0']));
    expect(files[1]!.data.toString('utf8')).toBe('<svg/>');
  });

  it('refuses duplicate and unsafe paths', () => {
    expect(() => writeZip([{ path: 'a', data: '1' }, { path: 'a', data: '2' }])).toThrow(/duplicate/);
    expect(() => writeZip([{ path: '../x', data: '1' }])).toThrow(/invalid/);
    expect(() => writeZip([{ path: '/x', data: '1' }])).toThrow(/invalid/);
  });

  it.skipIf(!hasPython)("is read by Python's zipfile with UTF-8 names and correct CRCs", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bd-zip-'));
    try {
      const file = path.join(dir, 'p.zip');
      writeFileSync(file, writeZip(entries));
      const out = execFileSync('python3', [
        '-c',
        'import sys,zipfile\nz=zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nprint("\\n".join(z.namelist()))',
        file,
      ]).toString('utf8');
      expect(out.trim().split('\n')).toEqual(['a.txt', 'b/ảnh sơ đồ.svg', 'bin.dat']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!hasUnzip)('passes unzip -t', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bd-zip-'));
    try {
      const file = path.join(dir, 'p.zip');
      writeFileSync(file, writeZip(entries));
      const out = execFileSync('unzip', ['-t', file]).toString('utf8');
      expect(out).toMatch(/No errors detected/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('course package', () => {
  it('is byte-identical when built twice from the same course', async () => {
    const a = await loadFixture();
    const b = await loadFixture();
    const one = buildPackage(a.course, a.taxonomy, scorm12Target, FIXED_RUNTIME);
    const two = buildPackage(b.course, b.taxonomy, scorm12Target, FIXED_RUNTIME);
    expect(Buffer.from(one).equals(Buffer.from(two))).toBe(true);
  });

  it('holds the player, a page per module, copied assets, the manifest and the schemas it names', async () => {
    const { course, taxonomy } = await loadFixture();
    const paths = readZip(buildPackage(course, taxonomy, scorm12Target, FIXED_RUNTIME)).map((f) => f.path);
    expect(paths).toEqual([
      'adlcp_rootv1p2.xsd',
      'ims_xml.xsd',
      'imscp_rootv1p1p2.xsd',
      'imsmanifest.xml',
      'imsmd_rootv1p2p1.xsd',
      'modules/ghi-chep-bien-ban/index.html',
      'modules/nhap-mon-tiep-dan/assets/so-do-phong-tiep.svg',
      'modules/nhap-mon-tiep-dan/index.html',
      'player/player.css',
      'player/player.js',
    ]);
  });
});
