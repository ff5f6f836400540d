/** An essay has no key: a plain draw line never takes one, and lint says which essays it leaves out. */
import { describe, expect, it } from 'vitest';
import { brief, frontmatter, lintFiles } from './temp-course.js';

const single = (id: string): string => `:::question single id=${id} topic=chu-de\nCâu ${id}?\n\n- [x] Đúng\n- [ ] Sai\n:::\n\n`;
const essay = `:::question essay id=tu-luan topic=chu-de\nĐồng chí hãy liên hệ bản thân.\n:::\n\n`;

function module(drawLines: string): string {
  return `${frontmatter()}\n# Học phần thử\n\n## Câu hỏi\n\n${single('q1')}${single('q2')}${essay}## Kiểm tra\n\n:::test id=kiem-tra time=45m\n${drawLines}\n:::\n`;
}

describe('essays in test draws', () => {
  it('a plain draw from a topic holding an essay warns that the essay is left out, at the draw line', async () => {
    const list = await lintFiles({ 'modules/01-mot.md': module('- 2 from topic chu-de') });
    expect(brief(list)).toEqual(['modules/01-mot.md:34 warning quiz/essay-not-drawn']);
    expect(list[0]!.message['vi']).toContain('- 1 essay from topic chu-de');
    expect(list[0]!.message['en']).toContain('tu-luan');
  });

  it('the bank of a plain draw counts the auto-scored questions only', async () => {
    const list = await lintFiles({ 'modules/01-mot.md': module('- 3 from topic chu-de') });
    expect(brief(list)).toContain('modules/01-mot.md:34 error quiz/bank-too-small');
  });

  it('an essay draw, in English or Vietnamese, is clean and counts the essays only', async () => {
    const ok = await lintFiles({ 'modules/01-mot.md': module('- 2 from topic chu-de\n- 1 essay from topic chu-de') });
    expect(brief(ok)).toEqual([]);
    const vi = await lintFiles({ 'modules/01-mot.md': module('- 2 câu từ chuyên đề chu-de\n- tất cả câu tự luận từ chuyên đề chu-de') });
    expect(brief(vi)).toEqual([]);
    const tooMany = await lintFiles({ 'modules/01-mot.md': module('- 2 from topic chu-de\n- 2 essays from topic chu-de') });
    expect(brief(tooMany)).toEqual(['modules/01-mot.md:35 error quiz/bank-too-small']);
  });
});
