/**
 * `boiduong build --split modules`: one package per module, so Moodle makes one activity (and one
 * gradebook line) per module. Each package lists its module alone, keeps the module's activity
 * IRI, still carries the questions its test draws from other modules, and validates.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { buildRuntime, readZip, repoRoot } from '../e2e/harness/index.js';
import { xmllint, xsdDir } from '../formats/course.js';

const FIXTURE = path.join(repoRoot, 'test', 'formats', 'fixtures', 'graded');

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), cwd: repoRoot });
  return { code, out, err };
}

describe('boiduong build --split modules', () => {
  let out: string;
  beforeAll(() => {
    buildRuntime();
    out = mkdtempSync(path.join(os.tmpdir(), 'bd-split-'));
  }, 60_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes one package per module and format, each with that module as its only SCO', async () => {
    const r = await run(['build', FIXTURE, '--taxonomy', 'content/taxonomy', '--format', 'scorm12,scorm2004', '--split', 'modules', '--out', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'khoa-thu-cham-diem-kiem-tra-hoa-giai-scorm12.zip',
      'khoa-thu-cham-diem-kiem-tra-hoa-giai-scorm2004.zip',
      'khoa-thu-cham-diem-on-tap-hoa-giai-scorm12.zip',
      'khoa-thu-cham-diem-on-tap-hoa-giai-scorm2004.zip',
    ]);
    for (const format of ['scorm12', 'scorm2004'] as const) {
      const files = readZip(readFileSync(path.join(out, `khoa-thu-cham-diem-kiem-tra-hoa-giai-${format}.zip`)));
      const manifest = files.find((f) => f.path === 'imsmanifest.xml')!.data.toString('utf8');
      expect(manifest.match(/adlcp:scormtype="sco"|adlcp:scormType="sco"/g)?.length).toBe(1);
      expect(manifest).toContain('modules/kiem-tra-hoa-giai/index.html');
      expect(manifest).not.toContain('modules/on-tap-hoa-giai/');
      expect(files.some((f) => f.path.startsWith('modules/on-tap-hoa-giai/'))).toBe(false);
      // The test draws every question of module 1: they travel with it.
      const page = files.find((f) => f.path === 'modules/kiem-tra-hoa-giai/index.html')!.data.toString('utf8');
      expect(page).toContain('https://daotao.example.gov.vn/xapi/courses/khoa-thu-cham-diem/modules/kiem-tra-hoa-giai');
      const schema = format === 'scorm12' ? path.join(xsdDir, 'scorm12', 'all.xsd') : path.join(xsdDir, 'scorm2004', 'all.xsd');
      expect(xmllint(manifest, schema)).toBe('');
    }
  });

  it('rejects another --split value as a usage error', async () => {
    const r = await run(['build', FIXTURE, '--split', 'pages', '--out', out, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--split takes "modules"');
  });
});
