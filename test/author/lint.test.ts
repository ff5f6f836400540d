/** One fixture course per kind of problem: each must be reported with its code, file and line. */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/author/index.js';
import type { Diagnostic } from '../../src/core/diagnostic.js';

const repoRoot = resolve(import.meta.dirname, '..', '..');
const fixtures = resolve(repoRoot, 'test/fixtures/lint');
const today = '2026-01-01';

async function lintFixture(name: string): Promise<Diagnostic[]> {
  const result = await lint(resolve(fixtures, name), { base: fixtures, today });
  return result.diagnostics;
}

function brief(list: readonly Diagnostic[]): string[] {
  return list.map((d) => `${d.file}:${d.line} ${d.severity} ${d.code}`);
}

describe('lint fixtures', () => {
  it('a valid course has no problems and reads into a course', async () => {
    const result = await lint(resolve(fixtures, 'hop-le'), { base: fixtures, today });
    expect(brief(result.diagnostics)).toEqual([]);
    expect(result.courses.map((c) => c.modules.map((m) => m.meta.id))).toEqual([['mot', 'hai']]);
    const [mot, hai] = result.courses[0]!.modules;
    const html = mot!.pages.map((p) => p.html).join('');
    // A link to a sibling module points at its index.html; local images become transliterated assets.
    expect(html).toContain('href="../hai/index.html#tiep-dan"');
    expect(html).toContain('src="assets/so-do-quy-trinh.png"');
    expect(html).toContain('href="#chuan-bi-hoi-nghi"');
    expect(html).toContain('&lt;script&gt;');
    expect(mot!.assets).toEqual([{ source: resolve(fixtures, 'hop-le/modules/hình/Sơ đồ quy trình.png'), target: 'assets/so-do-quy-trinh.png' }]);
    expect(mot!.file).toBe('modules/01-mot.md');
    expect(hai!.meta.prerequisites).toEqual(['mot']);
    expect(hai!.meta.tier).toBe('trung-cap');
    expect(hai!.meta.pass).toBe(5);
  });

  it('finds the taxonomy in a parent folder', async () => {
    const result = await lint(resolve(fixtures, 'hop-le'), { base: fixtures, today });
    expect(result.taxonomyDir).toBe(resolve(fixtures, 'taxonomy'));
  });

  it('missing frontmatter', async () => {
    expect(brief(await lintFixture('thieu-frontmatter'))).toEqual(['thieu-frontmatter/modules/khong-khai-bao.md:1 error missing-frontmatter']);
  });

  it('YAML syntax error at the line of the mistake (the unclosed "["), and no cascade of "missing module"', async () => {
    const list = await lintFixture('loi-yaml');
    expect(brief(list)).toEqual(['loi-yaml/modules/01-mot.md:4 error yaml-syntax']);
    expect(list[0]!.column).toBeGreaterThan(0);
  });

  it('every schema error of a frontmatter at once, each at its own line', async () => {
    const list = await lintFixture('loi-schema');
    const lines = list.filter((d) => d.file.endsWith('01-mot.md')).map((d) => `${d.line} ${d.code}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        '2 schema/required', // title missing: reported at the mapping start
        '2 schema/pattern', // id "Mot Hai"
        '3 schema/empty', // positions: []
        '5 schema/range', // periods: -3
        '6 schema/enum', // language: fr
        '7 schema/unknown-field', // thoi-luong
      ]),
    );
    const unknownField = list.find((d) => d.code === 'schema/unknown-field')!;
    expect(unknownField.message['vi']).toContain('thoi-luong');
    expect(unknownField.message['en']).toContain('thoi-luong');
  });

  it('duplicate module ids', async () => {
    const list = await lintFixture('trung-id');
    expect(brief(list)).toContain('trung-id/modules/02-mot-nua.md:2 error duplicate-module-id');
    expect(list.find((d) => d.file.endsWith('02-mot-nua.md'))!.message['vi']).toContain('01-mot.md');
  });

  it('unknown positions suggest the nearest id (diacritic-insensitive); expired ones warn with their replacement', async () => {
    const list = await lintFixture('chuc-danh-sai');
    expect(brief(list)).toEqual([
      'chuc-danh-sai/modules/01-mot.md:5 error unknown-position',
      'chuc-danh-sai/modules/01-mot.md:6 error unknown-position',
      'chuc-danh-sai/modules/01-mot.md:7 warning expired-position',
      'chuc-danh-sai/modules/01-mot.md:8 error unknown-position',
    ]);
    expect(list[0]!.message['vi']).toContain('"bi-thu-dang-uy-xa"');
    expect(list[1]!.message['en']).toContain('did you mean "chu-tich-ubnd-xa"');
    expect(list[2]!.message['vi']).toContain('chuyen-vien-van-phong-hdnd-ubnd-xa');
    expect(list[3]!.message['vi']).not.toContain('có phải');
  });

  it('expired positions are not flagged before their end date', async () => {
    const result = await lint(resolve(fixtures, 'chuc-danh-sai'), { base: fixtures, today: '2025-01-01' });
    expect(result.diagnostics.map((d) => d.code)).not.toContain('expired-position');
  });

  it('unknown tier with a suggestion', async () => {
    const list = await lintFixture('trinh-do-sai');
    expect(brief(list)).toEqual(['trinh-do-sai/modules/01-mot.md:5 error unknown-tier']);
    expect(list[0]!.message['vi']).toContain('"trung-cap"');
  });

  it('course.yaml listing a module that does not exist', async () => {
    const list = await lintFixture('thieu-hoc-phan');
    expect(brief(list)).toEqual(['thieu-hoc-phan/course.yaml:7 error missing-module']);
  });

  it('prerequisites naming unknown modules or later ones', async () => {
    expect(brief(await lintFixture('tien-quyet-sai'))).toEqual([
      'tien-quyet-sai/modules/01-mot.md:8 error prerequisite-order',
      'tien-quyet-sai/modules/01-mot.md:8 error unknown-prerequisite',
    ]);
  });

  it('broken links, anchors, images, files and unsafe links', async () => {
    const list = await lintFixture('lien-ket-hong');
    // Columns point at the link itself.
    expect(list.map((d) => d.column)).toEqual([5, 5, 42, 5, 5, 1]);
    expect(brief(list)).toEqual([
      'lien-ket-hong/modules/01-mot.md:14 error broken-link',
      'lien-ket-hong/modules/01-mot.md:16 error broken-anchor',
      'lien-ket-hong/modules/01-mot.md:16 error broken-anchor',
      'lien-ket-hong/modules/01-mot.md:20 error missing-image',
      'lien-ket-hong/modules/01-mot.md:22 error missing-file',
      'lien-ket-hong/modules/01-mot.md:24 error unsafe-link',
    ]);
  });

  it('unknown and unclosed blocks', async () => {
    const list = await lintFixture('khoi-loi');
    // q2 is read up to the end of the file, and no test draws it: said too, as for any question.
    expect(brief(list)).toEqual([
      'khoi-loi/modules/01-mot.md:14 error block/unknown',
      'khoi-loi/modules/01-mot.md:18 error block/unclosed',
      'khoi-loi/modules/01-mot.md:18 warning quiz/not-graded',
    ]);
    expect(list[0]!.message['vi']).toContain(':::question');
  });

  it('course.yaml schema errors', async () => {
    expect(brief(await lintFixture('khoa-hoc-sai'))).toEqual([
      'khoa-hoc-sai/course.yaml:4 error schema/required',
      'khoa-hoc-sai/course.yaml:4 error schema/format',
      'khoa-hoc-sai/course.yaml:5 error schema/pattern',
    ]);
  });

  it('a folder of courses reports every course at once, sorted by file and line', async () => {
    const result = await lint(fixtures, { base: fixtures, today });
    expect(result.courseDirs.length).toBe(12);
    const files = new Set(result.diagnostics.map((d) => d.file.split('/')[0]));
    expect(files.size).toBe(11);
    const keys = result.diagnostics.map((d) => [d.file, d.line] as const);
    const sorted = [...keys].sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1]);
    expect(keys).toEqual(sorted);
  });

  it('required courses in rules.yaml must exist when the whole content folder is linted', async () => {
    const root = await mkdtemp(join(tmpdir(), 'bd-required-'));
    try {
      await cp(resolve(fixtures, 'taxonomy'), join(root, 'taxonomy'), { recursive: true });
      await cp(resolve(fixtures, 'hop-le'), join(root, 'courses', 'hop-le'), { recursive: true });
      expect(brief((await lint(root, { base: root, today })).diagnostics)).toEqual([]);
      const rules = join(root, 'taxonomy', 'rules.yaml');
      await writeFile(rules, (await readFile(rules, 'utf8')).replace('modules: [mot, hai]\n      every: once\n', 'modules: [mot, ba]\n      every: once\n    - course: khong-co\n      every: yearly\n'));
      const list = (await lint(root, { base: root, today })).diagnostics;
      expect(brief(list)).toEqual(['taxonomy/rules.yaml:11 warning taxonomy/unknown-module', 'taxonomy/rules.yaml:13 warning taxonomy/unknown-course']);
      // Linting one course does not see the others, so it does not check required courses.
      expect(brief((await lint(join(root, 'courses', 'hop-le'), { base: root, today })).diagnostics)).toEqual([]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('the sample courses in content/ are clean', async () => {
    const result = await lint(resolve(repoRoot, 'content'), { base: repoRoot });
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line} ${d.code}`)).toEqual([]);
    expect(result.courses.length).toBeGreaterThan(0);
  });
});
