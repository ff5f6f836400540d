/** Markdown rendering against golden files, and the rules the goldens encode. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readModule } from '../../src/author/index.js';
import { goldenDir, goldenInputs, renderGolden } from './golden.js';

describe('golden HTML (update with: npx tsx test/author/update-golden.ts)', async () => {
  for (const name of await goldenInputs()) {
    it(name, async () => {
      const expected = await readFile(join(goldenDir, name.replace(/\.md$/, '.html')), 'utf8');
      expect(await renderGolden(name)).toBe(expected);
    });
  }
});

describe('rendering rules', () => {
  const read = async (name: string) => (await readModule(join(goldenDir, name), { base: goldenDir, today: '2026-01-01' })).module!;

  it('splits pages at level-2 headings; text before the first goes to the first page; # is the title', async () => {
    const m = await read('co-ban.md');
    expect(m.pages.map((p) => p.id)).toEqual(['vai-tro-cua-bi-thu', 'vai-tro-cua-bi-thu-2']);
    expect(m.pages[0]!.html).toContain('Đoạn mở đầu');
    expect(m.pages[0]!.html).not.toContain('<h1');
    expect(m.pages[0]!.line).toBe(14);
  });

  it('normalises decomposed (NFD) input to NFC', async () => {
    const source = await readFile(join(goldenDir, 'co-ban.md'), 'utf8');
    expect(source).not.toBe(source.normalize('NFC'));
    const m = await read('co-ban.md');
    for (const p of m.pages) {
      expect(p.html).toBe(p.html.normalize('NFC'));
      expect(p.title).toBe(p.title.normalize('NFC'));
    }
    expect(m.meta.title).toBe('Nghiệp vụ Bí thư Đảng ủy xã'.normalize('NFC'));
  });

  it('a ::: inside a fenced code block is text, not a block', async () => {
    const m = await read('co-ban.md');
    expect(m.pages[1]!.html).toContain(':::question');
    expect(m.questions).toEqual([]);
  });

  it('copies images and files under transliterated names, numbering collisions, once per source', async () => {
    const m = await read('tep-dinh-kem.md');
    expect(m.assets.map((a) => a.target)).toEqual(['assets/anh-1.png', 'assets/anh-1-2.png', 'assets/mau-so-01.pdf']);
    const html = m.pages.map((p) => p.html).join('');
    expect(html).toContain('src="assets/anh-1.png"');
    expect(html).toContain('href="assets/mau-so-01.pdf"');
    expect(html).toContain('href="#anh"');
  });

  it('never lets raw HTML or a javascript: link through', async () => {
    const { module, diagnostics } = await readModule(join(goldenDir, 'khong-an-toan.md'), { base: goldenDir });
    const html = module!.pages.map((p) => p.html).join('');
    expect(html).not.toMatch(/<script|<img[^>]*onerror|href="javascript:|href="data:/i);
    expect(html).toContain('&lt;script&gt;');
    expect(diagnostics.map((d) => d.code)).toEqual(['unsafe-link', 'unsafe-link']);
  });

  it('hands blocks to their plugin and keeps the text of an unknown block visible', async () => {
    const { module, diagnostics } = await readModule(join(goldenDir, 'khoi.md'), { base: goldenDir });
    expect(module!.questions.map((q) => q.id)).toEqual(['cau-1']);
    // One `##` only: the introduction and the question before it open that same page.
    expect(module!.pages.map((p) => p.id)).toEqual(['trang-hai']);
    expect(module!.pages[0]!.html).toMatch(/Giới thiệu[\s\S]*data-bd-question="cau-1"[\s\S]*Nội dung khối lạ vẫn hiện ra\./);
    expect(diagnostics.map((d) => `${d.line} ${d.code}`)).toEqual(['21 block/unknown']);
  });
});
