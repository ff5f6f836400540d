/** One mistake, one message: a block left open is reported at its opening line, and nothing that follows from it. */
import { describe, expect, it } from 'vitest';
import { brief, frontmatter, lintFiles } from './temp-course.js';

const head = `${frontmatter()}\n# Học phần thử\n\n## Trang một\n\n`; // the first block opens on line 13

describe('unclosed blocks', () => {
  it('an unclosed :::question before the next question: one block/unclosed at its opening line, the next question still read', async () => {
    const text = `${head}:::question single id=q1 topic=chu-de\nCâu một?\n\n- [ ] A\n- [x] B\n\n:::question single id=q2 topic=chu-de\nCâu hai?\n\n- [x] A\n- [ ] B\n:::\n\n:::test id=kt\n- 2 from topic chu-de\n:::\n`;
    const list = await lintFiles({ 'modules/01-mot.md': text });
    expect(brief(list)).toEqual(['modules/01-mot.md:13 error block/unclosed']);
    expect(list[0]!.message['vi']).toContain('dòng 19');
  });

  it('an unclosed :::case at the end of the file: one block/unclosed, no broken anchors for its scenes', async () => {
    const text = `${head}:::case id=tinh-huong start=mo-dau\n**Tình huống**\n\n### mo-dau: Mở đầu\nNgười dân tập trung.\n\n- [Lắng nghe](#lang-nghe) +2\n- [Giải tán](#giai-tan) -2\n- [Báo cáo](#bao-cao)\n\n### lang-nghe: Lắng nghe {outcome=tot}\nTốt.\n\n### giai-tan: Giải tán {outcome=xau}\nXấu.\n\n### bao-cao: Báo cáo {outcome=tam}\nTạm.\n`;
    const list = await lintFiles({ 'modules/01-mot.md': text });
    expect(brief(list)).toEqual(['modules/01-mot.md:13 error block/unclosed']);
  });

  it('an unclosed block stops at the next page: links to that page and its blocks are read as usual', async () => {
    // Practice questions: no test draws them, and that is meant.
    const text = `${head}[Sang trang hai](#trang-hai)\n\n:::question single id=q1 topic=chu-de practice\nCâu một?\n\n- [x] A\n- [ ] B\n\n## Trang hai\n\n:::question truefalse id=q2 topic=chu-de practice\nĐúng không?\n- [x] Đúng\n- [ ] Sai\n:::\n`;
    const list = await lintFiles({ 'modules/01-mot.md': text });
    expect(brief(list)).toEqual(['modules/01-mot.md:15 error block/unclosed']);
    expect(list[0]!.message['en']).toContain('before the heading on line 21');
  });
});
