/** The built CLI on the broken fixtures: every error printed, exit code 1; usage errors exit 2. */
import { execFile } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/author/index.js';

const run = promisify(execFile);
const repoRoot = resolve(import.meta.dirname, '..', '..');
const cli = resolve(repoRoot, 'bin/boiduong.mjs');

async function boiduong(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { cwd: repoRoot, env: { ...process.env, BOIDUONG_LANG: '' } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** Newest modification time of the sources bundled into the CLI. */
async function newestSource(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /\.(ts|json)$/.test(entry.name)) newest = Math.max(newest, (await stat(join(entry.parentPath, entry.name))).mtimeMs);
  }
  return newest;
}

// `npm test` builds first; rebuild here only when the bundle is missing or older than the sources,
// so parallel test files do not rewrite it under each other.
beforeAll(async () => {
  const built = await stat(resolve(repoRoot, 'dist/cli/boiduong.mjs')).then((s) => s.mtimeMs, () => 0);
  const sources = Math.max(await newestSource(resolve(repoRoot, 'src')), await newestSource(resolve(repoRoot, 'schemas')));
  if (built < sources) await run(process.execPath, [resolve(repoRoot, 'build/build.mjs')], { cwd: repoRoot });
}, 120_000);

describe('boiduong lint (built CLI)', () => {
  it('prints every problem of a folder of broken courses as file:line:col and exits 1', async () => {
    const { code, stdout } = await boiduong('lint', 'test/fixtures/lint');
    expect(code).toBe(1);
    const expected = await lint(resolve(repoRoot, 'test/fixtures/lint'), { base: repoRoot });
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(expected.diagnostics.length + 1);
    for (const d of expected.diagnostics) {
      expect(stdout).toContain(`${d.file}:${d.line}:${d.column}  `);
    }
    expect(stdout).toContain('test/fixtures/lint/khoi-loi/modules/01-mot.md:18:1  lỗi: Khối ":::question" mở ở dòng 18 chưa được đóng');
    const errors = expected.diagnostics.filter((d) => d.severity === 'error').length;
    expect(lines.at(-1)).toBe(`Đã kiểm tra 12 khóa học: ${errors} lỗi, ${expected.diagnostics.length - errors} cảnh báo.`);
  });

  it('speaks English with --lang en', async () => {
    const { code, stdout } = await boiduong('lint', 'test/fixtures/lint/trinh-do-sai', '--lang', 'en');
    expect(code).toBe(1);
    expect(stdout).toContain('test/fixtures/lint/trinh-do-sai/modules/01-mot.md:5:7  error: Tier "trung-cấp" is not in the taxonomy');
    expect(stdout).toContain('1 course(s) checked: 1 error(s), 0 warning(s).');
  });

  it('writes JSON with --format json', async () => {
    const { code, stdout } = await boiduong('lint', 'test/fixtures/lint/chuc-danh-sai', '--format', 'json');
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { errors: number; warnings: number; diagnostics: { code: string; line: number; text: string }[] };
    expect(report.errors).toBe(3);
    expect(report.diagnostics.map((d) => `${d.line} ${d.code}`)).toContain('5 unknown-position');
    expect(report.diagnostics[0]!.text).toContain('có phải');
  });

  it('checks a single module file', async () => {
    const { code, stdout } = await boiduong('lint', 'test/fixtures/lint/chuc-danh-sai/modules/01-mot.md', '--lang', 'en');
    expect(code).toBe(1);
    expect(stdout).toContain('test/fixtures/lint/chuc-danh-sai/modules/01-mot.md:6:5  error: Position "chu-tich-ubnd"');
    expect(stdout.trim().split('\n').at(-1)).toMatch(/checked: 3 error\(s\), 1 warning\(s\)\.$/);
  });

  it('exits 0 on a clean course', async () => {
    const { code, stdout } = await boiduong('lint', 'test/fixtures/lint/hop-le');
    expect(code).toBe(0);
    expect(stdout.trim()).toBe('Đã kiểm tra 1 khóa học: 0 lỗi, 0 cảnh báo.');
  });

  it('exits 2 on usage errors', async () => {
    expect((await boiduong('lint')).code).toBe(2);
    expect((await boiduong('lint', 'khong-co-thu-muc')).code).toBe(2);
    expect((await boiduong('lint', 'test/fixtures/lint', '--format', 'xml')).code).toBe(2);
    const help = await boiduong('lint', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Cách dùng: boiduong lint');
  });
});
