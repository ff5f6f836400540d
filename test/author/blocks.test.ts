/** Finding `:::name header` … `:::` blocks in module Markdown. */
import { describe, expect, it } from 'vitest';
import { scanBlocks } from '../../src/author/block-scan.js';

describe('scanBlocks', () => {
  it('splits Markdown and blocks, keeping file lines', () => {
    const md = ['Mở đầu', '', ':::question single id=a points=1', 'Câu hỏi?', '- [x] Có', ':::', '', '## Trang', 'Chữ'].join('\n');
    const { segments, diagnostics } = scanBlocks(md, 10, 'm.md');
    expect(diagnostics).toEqual([]);
    expect(segments).toEqual([
      { kind: 'markdown', text: 'Mở đầu\n', line: 10 },
      { kind: 'block', name: 'question', header: 'single id=a points=1', body: 'Câu hỏi?\n- [x] Có', line: 12 },
      { kind: 'markdown', text: '\n## Trang\nChữ', line: 16 },
    ]);
  });

  it('treats ::: inside fenced code as text, also inside a block', () => {
    const md = ['```markdown', ':::question', ':::', '```', ':::case id=x', '~~~', ':::', '~~~', ':::'].join('\n');
    const { segments, diagnostics } = scanBlocks(md, 1, 'm.md');
    expect(diagnostics).toEqual([]);
    expect(segments.map((s) => `${s.kind}@${s.line}`)).toEqual(['markdown@1', 'block@5']);
    expect(segments[1]).toMatchObject({ name: 'case', body: '~~~\n:::\n~~~' });
  });

  it('reports an unclosed block at its opening line and keeps its text', () => {
    const { segments, diagnostics } = scanBlocks('a\n\n:::test id=t\n- 3 from topic x\n', 5, 'm.md');
    expect(diagnostics.map((d) => `${d.line} ${d.code}`)).toEqual(['7 block/unclosed']);
    expect(segments.map((s) => (s.kind === 'markdown' ? s.text : '')).join('')).toContain('- 3 from topic x');
  });

  it('reports a block opened inside another (blocks do not nest) and a stray closing line', () => {
    const md = [':::case id=a', ':::question single id=q', 'x', ':::', ':::'].join('\n');
    const { diagnostics } = scanBlocks(md, 1, 'm.md');
    expect(diagnostics.map((d) => `${d.line} ${d.code}`)).toEqual(['2 block/nested', '5 block/stray-close']);
  });
});
