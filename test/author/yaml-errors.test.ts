/**
 * The common YAML mistakes of a frontmatter are explained in Vietnamese (English with --lang en),
 * each once, at the line of the mistake, with how to fix it; an item folded into the one above warns.
 */
import { mkdtemp, rm, writeFile, cp, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Diagnostic } from '../../src/core/diagnostic.js';
import { brief, COURSE_YAML, lintFiles } from './temp-course.js';

const BODY = '\n# Học phần thử\n\n## Trang\n\nNội dung.\n';

/** A module whose frontmatter is `lines` (file line 2 onwards). */
async function lintFrontmatter(lines: string[]): Promise<Diagnostic[]> {
  return lintFiles({ 'modules/01-mot.md': `---\n${lines.join('\n')}\n---\n${BODY}` });
}

const FIELDS = ['id: mot', 'title: Học phần thử', 'positions: [bi-thu-dang-uy-xa]', 'periods: 2'];

describe('YAML mistakes in a frontmatter', () => {
  it('a tab used to indent: one message at its line, in Vietnamese, saying to use spaces', async () => {
    const list = await lintFrontmatter([...FIELDS, 'objectives:', '\t- Nắm quy trình']);
    expect(brief(list)).toEqual(['modules/01-mot.md:7 error yaml-syntax']);
    expect(list[0]!.message['vi']).toContain('phím Tab');
    expect(list[0]!.message['vi']).toContain('dấu cách');
    expect(list[0]!.message['en']).toContain('tab');
  });

  it('a missing space after ":": at the line of the key, with the fixed line', async () => {
    const list = await lintFrontmatter(['id: mot', 'title:Học phần thử', 'positions: [bi-thu-dang-uy-xa]', 'periods: 2']);
    expect(brief(list)).toEqual(['modules/01-mot.md:3 error yaml-syntax']);
    expect(list[0]!.column).toBe(7);
    expect(list[0]!.message['vi']).toBe('Thiếu dấu cách sau dấu hai chấm: viết "title: Học phần thử" thay vì "title:Học phần thử".');
  });

  it('a mis-indented list item: one message (not three) naming the column to align with', async () => {
    const list = await lintFrontmatter([...FIELDS, 'objectives:', '  - Nắm quy trình', ' - Chủ trì đối thoại']);
    expect(brief(list)).toEqual(['modules/01-mot.md:8 error yaml-syntax']);
    expect(list[0]!.message['vi']).toContain('thẳng cột (2 dấu cách, như mục ở trên)');
  });

  it('an unclosed [ list or quote: at the line that opened it', async () => {
    const bracket = await lintFrontmatter(['id: mot', 'title: Học phần thử', 'positions: [bi-thu-dang-uy-xa', 'periods: 2']);
    expect(brief(bracket)).toEqual(['modules/01-mot.md:4 error yaml-syntax']);
    expect(bracket[0]!.message['vi']).toContain('chưa được đóng bằng "]"');
    const quote = await lintFrontmatter(['id: mot', 'title: "Học phần thử', 'positions: [bi-thu-dang-uy-xa]', 'periods: 2']);
    expect(brief(quote).slice(0, 1)).toEqual(['modules/01-mot.md:3 error yaml-syntax']);
    expect(quote[0]!.message['vi']).toContain('ngoặc kép');
  });

  it('a value with ": " in it: says to quote it', async () => {
    const list = await lintFrontmatter(['id: mot', 'title: Tiếp dân: quy trình', 'positions: [bi-thu-dang-uy-xa]', 'periods: 2']);
    expect(brief(list)).toEqual(['modules/01-mot.md:3 error yaml-syntax']);
    expect(list[0]!.message['vi']).toContain('title: "Tiếp dân: quy trình"');
  });

  it('an objective indented three spaces is folded into the one above: warned at its line', async () => {
    const list = await lintFrontmatter([...FIELDS, 'objectives:', '  - Nắm quy trình', '   - Chủ trì đối thoại']);
    expect(brief(list)).toEqual(['modules/01-mot.md:8 warning yaml-merged-item']);
    expect(list[0]!.column).toBe(4);
    expect(list[0]!.message['vi']).toContain('"Nắm quy trình - Chủ trì đối thoại"');
  });

  it('a duplicated field is named', async () => {
    const list = await lintFrontmatter([...FIELDS, 'id: hai']);
    expect(brief(list)).toContain('modules/01-mot.md:6 error yaml-duplicate-key');
    expect(list.find((d) => d.code === 'yaml-duplicate-key')!.message['vi']).toContain('Trường "id" được viết hai lần');
  });

  it('the CLI prints file:line:col and the explanation, in English with --lang en', async () => {
    const root = await mkdtemp(join(tmpdir(), 'bd-yaml-cli-'));
    try {
      await cp(resolve(import.meta.dirname, '..', 'fixtures', 'lint', 'taxonomy'), join(root, 'taxonomy'), { recursive: true });
      await mkdir(join(root, 'thu', 'modules'), { recursive: true });
      await writeFile(join(root, 'thu', 'course.yaml'), COURSE_YAML);
      await writeFile(join(root, 'thu', 'modules', '01-mot.md'), `---\nid: mot\ntitle:Học phần thử\npositions: [bi-thu-dang-uy-xa]\nperiods: 2\n---\n${BODY}`);
      let err = '';
      let out = '';
      const code = await main(['lint', 'thu', '--lang', 'en'], { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), cwd: root });
      expect(code).toBe(1);
      expect(out + err).toContain('thu/modules/01-mot.md:3:7  error: Missing space after the colon: write "title: Học phần thử" instead of "title:Học phần thử". [yaml-syntax]');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
