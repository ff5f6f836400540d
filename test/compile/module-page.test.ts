import { describe, expect, it } from 'vitest';
import { moduleData, modulePage, scriptJson } from '../../src/compile/index.js';
import { loadFixture, SAMPLE } from './helpers.js';

function embedded(html: string): unknown {
  const m = /<script type="application\/json" id="bd-data">([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error('no embedded data');
  return JSON.parse(m[1]!);
}

describe('module page', () => {
  it('embeds JSON that cannot close its script element', () => {
    const text = scriptJson({ t: '</script><script>alert(1)</script> <!-- & \u2028' });
    expect(text).not.toMatch(/<|>|&|\u2028/);
    expect(JSON.parse(text)).toEqual({ t: '</script><script>alert(1)</script> <!-- & \u2028' });
  });

  it('carries the module data and loads the shared player', async () => {
    const { course, taxonomy } = await loadFixture();
    const data = moduleData(course, course.modules[0]!, 'scorm12', taxonomy);
    const html = modulePage(data);
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('<link rel="stylesheet" href="../../player/player.css">');
    expect(html).toContain('<script src="../../player/player.js"></script>');
    expect(embedded(html)).toEqual(JSON.parse(JSON.stringify(data)));
    expect(data.module).toMatchObject({ id: 'nhap-mon-tiep-dan', index: 0, count: 2, pass: 6 });
    expect(data.module.activityId).toBe('https://daotao.example.gov.vn/xapi/courses/khoa-thu-dong-goi/modules/nhap-mon-tiep-dan');
    expect(data.gradeBands.map((b) => b.id)).toContain('xuat-sac');
  });

  it("gives a test every question it may draw, from any module, with keys not in plain text", async () => {
    const { course, taxonomy } = await loadFixture(SAMPLE);
    const mod = course.modules.find((m) => m.tests.length > 0)!;
    const data = moduleData(course, mod, 'scorm12', taxonomy);
    const ids = new Set((data.questions as { id: string }[]).map((q) => q.id));
    for (const pool of data.tests[0]!.pools) for (const id of pool.questionIds) expect(ids.has(id)).toBe(true);
    const fromOtherModules = course.modules.filter((m) => m !== mod).flatMap((m) => m.questions.map((q) => q.id));
    expect(fromOtherModules.some((id) => ids.has(id))).toBe(true);
    const json = JSON.stringify(data.questions);
    expect(json).not.toContain('"correct":true');
    expect(json).not.toContain('"answers"');
  });
});
