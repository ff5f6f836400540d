/** Frontmatter splitting and YAML positions: the lines an author is sent to. */
import { describe, expect, it } from 'vitest';
import { splitModule } from '../../src/author/frontmatter.js';
import { parseYamlSource } from '../../src/author/yaml-source.js';

describe('splitModule', () => {
  it('finds the body line after the frontmatter, with CRLF and a BOM', () => {
    const r = splitModule('\uFEFF---\r\nid: a\r\ntitle: B\r\n---\r\n\r\n# B\r\n', 'a.md');
    expect(r.diagnostics).toEqual([]);
    expect(r.yaml?.data).toEqual({ id: 'a', title: 'B' });
    expect(r.bodyLine).toBe(5);
    expect(r.body).toBe('\n# B\n');
  });

  it('reports a missing and an unclosed frontmatter at line 1', () => {
    expect(splitModule('# Chỉ có nội dung\n', 'a.md').diagnostics.map((d) => d.code)).toEqual(['missing-frontmatter']);
    expect(splitModule('---\nid: a\n\n# Nội dung\n', 'a.md').diagnostics.map((d) => d.code)).toEqual(['unclosed-frontmatter']);
  });

  it('gives YAML errors file lines (frontmatter starts on line 2)', () => {
    const r = splitModule('---\nid: a\ntitle: "chưa đóng\n---\n', 'a.md');
    expect(r.diagnostics.map((d) => `${d.line} ${d.code}`)).toEqual(['3 yaml-syntax']);
  });
});

describe('parseYamlSource', () => {
  const text = ['id: a', 'positions:', '  - x', '  - y', 'provider:', '  name: N', 'empty:'].join('\n');

  it('locates values, keys and missing children', () => {
    const y = parseYamlSource(text, 'c.yaml');
    expect(y.locate(['positions', 1])).toEqual({ line: 4, column: 5 });
    expect(y.locate(['provider', 'name'], true)).toEqual({ line: 6, column: 3 });
    expect(y.locate(['provider', 'url']).line).toBe(6);
    expect(y.locate(['empty']).line).toBe(7);
    expect(y.locate([]).line).toBe(1);
  });

  it('reports duplicate keys with their line and keeps what it could read', () => {
    const y = parseYamlSource('id: a\ntitle: B\nid: c\n', 'c.yaml');
    expect(y.diagnostics.map((d) => `${d.line} ${d.code}`)).toEqual(['3 yaml-duplicate-key']);
    expect(y.data).toBeUndefined();
  });
});
