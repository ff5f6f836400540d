/** Module and course schemas: every error at once, each at its line, with a hint an author can act on. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYamlSource, readModule, validateWithSchema } from '../../src/author/index.js';

const check = (yaml: string, schema: 'module' | 'course') => validateWithSchema(schema, parseYamlSource(yaml, 'x.yaml'), 'x.yaml');

describe('module schema', () => {
  it('a misspelt field suggests the right one', () => {
    const list = check('id: a\ntitle: B\npositon: [bi-thu-dang-uy-xa]\nperiods: 2\n', 'module');
    expect(list.map((d) => `${d.line} ${d.code}`)).toEqual(['1 schema/required', '3 schema/unknown-field']);
    expect(list[1]!.message['vi']).toContain('có phải "positions"?');
    expect(list[1]!.message['en']).toContain('did you mean "positions"?');
  });

  it('a list written as a single value is a type error at its line', () => {
    const list = check('id: a\ntitle: B\npositions: bi-thu-dang-uy-xa\nperiods: "hai"\n', 'module');
    expect(list.map((d) => `${d.line} ${d.code}`)).toEqual(['3 schema/type', '4 schema/type']);
    expect(list[0]!.message['vi']).toContain('danh sách');
  });

  it('a complete frontmatter passes', () => {
    const yaml = 'id: a\ntitle: B\npositions: [x]\ntier: none\nperiods: 1.5\nlanguage: en\nobjectives: [Một]\ntopics: [chu-de]\nversion: 1.2.0\nprerequisites: [b]\npass: 6\ndescription: Mô tả\n';
    expect(check(yaml, 'module')).toEqual([]);
  });
});

describe('course schema', () => {
  it('needs an IRI base ending in "/" and a provider name', () => {
    const list = check('id: k\ntitle: K\nprovider: {}\niri: https://a.example/xapi\nmodules: [a]\n', 'course');
    expect(list.map((d) => d.code).sort()).toEqual(['schema/pattern', 'schema/required']);
  });
});

describe('image descriptions', () => {
  it('an image without a description is a warning at its line and column', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bd-alt-'));
    try {
      await writeFile(join(dir, 'a.png'), 'x');
      await writeFile(join(dir, 'm.md'), '---\nid: m\ntitle: M\npositions: [x]\nperiods: 1\n---\n\n## Trang\n\nẢnh: ![](a.png)\n');
      const { diagnostics } = await readModule(join(dir, 'm.md'), { base: dir });
      expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}`)).toEqual(['10:6 warning image-no-alt']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('file encoding', () => {
  it('a module saved in a legacy code page is an error at the first damaged line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bd-enc-'));
    try {
      const text = '---\nid: m\ntitle: M\npositions: [x]\nperiods: 1\n---\n\n## Trang\n\nH\u00e0 N\u1ed9i\n';
      // Latin-1 cannot hold "ộ": write the bytes an old editor would, invalid as UTF-8.
      await writeFile(join(dir, 'm.md'), Buffer.concat([Buffer.from(text.slice(0, text.indexOf('H')), 'utf8'), Buffer.from([0x48, 0xe0, 0x20, 0x4e, 0xe9, 0x69, 0x0a])]));
      const { diagnostics } = await readModule(join(dir, 'm.md'), { base: dir });
      expect(diagnostics.map((d) => `${d.line} ${d.code}`)).toEqual(['10 not-utf8']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
