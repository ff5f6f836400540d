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

  it('reports an unclosed block at its opening line and keeps its text in the block, marked unclosed', () => {
    const { segments, diagnostics } = scanBlocks('a\n\n:::test id=t\n- 3 from topic x\n', 5, 'm.md');
    expect(diagnostics.map((d) => `${d.line} ${d.code}`)).toEqual(['7 block/unclosed']);
    const block = segments.find((s) => s.kind === 'block');
    expect(block).toMatchObject({ name: 'test', line: 7, unclosed: true });
    expect(block?.kind === 'block' && block.body).toContain('- 3 from topic x');
  });

  it('reports a block opened inside another (blocks do not nest) once, and leaves the inner lines out of the outer body', () => {
    const md = [':::case id=a', 'y', ':::question single id=q', 'x', ':::', 'z', ':::'].join('\n');
    const { segments, diagnostics } = scanBlocks(md, 1, 'm.md');
    expect(diagnostics.map((d) => `${d.line} ${d.code}`)).toEqual(['3 block/nested']);
    expect(segments).toEqual([{ kind: 'block', name: 'case', header: 'id=a', body: 'y\n\n\n\nz', line: 1 }]);
  });

  it('reports a stray closing line', () => {
    const { diagnostics } = scanBlocks([':::question single id=q', 'x', ':::', ':::'].join('\n'), 1, 'm.md');
    expect(diagnostics.map((d) => `${d.line} ${d.code}`)).toEqual(['4 block/stray-close']);
  });

  it('an unclosed block ends at the next opening line or page heading; what follows reads normally', () => {
    const md = [':::question single id=a', 'x', ':::question single id=b', 'y', ':::', ':::case id=c', '### s: S', '## Trang sau', 'z'].join('\n');
    const { segments, diagnostics } = scanBlocks(md, 1, 'm.md');
    expect(diagnostics.map((d) => `${d.line} ${d.code}`)).toEqual(['1 block/unclosed', '6 block/unclosed']);
    expect(diagnostics[0]!.message['en']).toContain('before block ":::question" opens on line 3');
    expect(diagnostics[1]!.message['en']).toContain('before the heading on line 8');
    expect(segments.map((s) => (s.kind === 'block' ? `${s.line} ${s.name}${s.unclosed ? ' unclosed' : ''}` : `${s.line} md ${s.text}`))).toEqual([
      '1 question unclosed',
      '3 question',
      '6 case unclosed',
      '8 md ## Trang sau\nz',
    ]);
  });
});
