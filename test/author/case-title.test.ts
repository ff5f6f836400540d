/** A case without a title is shown under the module's title, not its first scene's (which the scene shows again). */
import { describe, expect, it } from 'vitest';
import { brief, frontmatter, lintCourseFiles } from './temp-course.js';

const scenes = '### mo-dau: Người dân tập trung\nBối cảnh.\n\n- [Lắng nghe](#ket) +1\n- [Giải tán](#ket) -1\n\n### ket: Kết thúc {outcome=xong}\nXong.\n:::\n';

async function caseTitle(block: string): Promise<string> {
  const result = await lintCourseFiles({ 'modules/01-mot.md': `${frontmatter()}\n# Học phần thử\n\n## Tình huống\n\n${block}` });
  expect(brief(result.diagnostics)).toEqual([]);
  return result.courses[0]!.modules[0]!.cases[0]!.title;
}

describe('case titles', () => {
  it('without a title the case takes the module title', async () => {
    expect(await caseTitle(`:::case id=th start=mo-dau\n${scenes}`)).toBe('Học phần thử');
  });

  it('a bold first line or title="…" still names the case', async () => {
    expect(await caseTitle(`:::case id=th\n**Tập trung đông người**\n\n${scenes}`)).toBe('Tập trung đông người');
    expect(await caseTitle(`:::case id=th title="Đông người"\n${scenes}`)).toBe('Đông người');
  });
});
