import { describe, expect, it } from 'vitest';
import { embeddedData, inlineScript, launchPath, moduleData, modulePage, packageFiles, scriptJson, targetFor } from '../../src/compile/index.js';
import { FIXED_RUNTIME, loadFixture, SAMPLE } from './helpers.js';

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

  it("a cmi5 page runs the launch's questions first thing in its head; other formats' pages carry no such script", async () => {
    const { course, taxonomy } = await loadFixture();
    const runtime = { ...FIXED_RUNTIME, cmi5Early: new TextEncoder().encode('/* ask the launch */\n') };
    const page = (format: 'cmi5' | 'scorm12' | 'xapi'): string => {
      const file = packageFiles(course, taxonomy, targetFor(format)!, runtime).find((f) => f.path === launchPath(course.modules[0]!.meta.id))!;
      return typeof file.data === 'string' ? file.data : new TextDecoder().decode(file.data);
    };
    const cmi5 = page('cmi5');
    // Before the stylesheet and the deferred player: nothing waits ahead of it.
    expect(cmi5.indexOf('<script>/* ask the launch */</script>')).toBeGreaterThan(cmi5.indexOf('<title>'));
    expect(cmi5.indexOf('<script>/* ask the launch */</script>')).toBeLessThan(cmi5.indexOf('<style>'));
    for (const other of ['scorm12', 'xapi'] as const) expect(page(other)).not.toContain('ask the launch');
    expect(() => inlineScript('x="</script>"')).toThrow(/<\/script/);
    expect(() => inlineScript('x="<!--"')).toThrow();
  });

  it('carries the module data and defers the shared player', async () => {
    const { course, taxonomy } = await loadFixture();
    const data = moduleData(course, course.modules[0]!, 'scorm12', taxonomy);
    const html = modulePage(data);
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('<link rel="stylesheet" href="../../player/player.css">');
    expect(html).toContain('<script defer src="../../player/player.js"></script>');
    // The pages' HTML is in the document itself, once: the data carries the rest.
    expect(embedded(html)).toEqual(JSON.parse(JSON.stringify(embeddedData(data))));
    for (const p of (embedded(html) as typeof data).pages) expect(p.html).toBe('');
    expect(data.course.modules?.map((m) => m.id)).toEqual(course.modules.map((m) => m.meta.id));
    expect(data.module).toMatchObject({ id: 'nhap-mon-tiep-dan', index: 0, count: 2, pass: 6 });
    // Built for itself, a module's page does not claim the others are in its package.
    expect(data.course.onePackage).toBeUndefined();
    expect(moduleData(course, course.modules[0]!, 'scorm12', taxonomy, true).course.onePackage).toBe(true);
    expect(data.module.activityId).toBe('https://daotao.example.gov.vn/xapi/courses/khoa-thu-dong-goi/modules/nhap-mon-tiep-dan');
    expect(data.gradeBands.map((b) => b.id)).toContain('xuat-sac');
  });

  it('writes every page as a section with its heading, and the page list as links, before any script', async () => {
    const { course, taxonomy } = await loadFixture();
    const data = moduleData(course, course.modules[0]!, 'scorm12', taxonomy);
    const html = modulePage(data, { css: '.x{}' });
    expect(html).toContain('<style>.x{}</style>');
    expect(html).not.toContain('player.css');
    // The data the script alone reads comes after the text.
    expect(html.indexOf('id="bd-data"')).toBeGreaterThan(html.lastIndexOf('<section'));
    for (const [i, p] of data.pages.entries()) {
      expect(html).toContain(`<section class="bd-page" id="bd-page-${p.id}" aria-labelledby="bd-h-${p.id}">`);
      expect(html).toContain(`<h2 class="bd-page-title" id="bd-h-${p.id}" tabindex="-1">`);
      expect(html).toContain(`<a class="bd-list-item" href="#bd-page-${p.id}" data-page="${i}">`);
    }
  });

  it('shows a question\'s prompt and choices without the script, but not its key', async () => {
    const { course, taxonomy } = await loadFixture(SAMPLE);
    const mod = course.modules[0]!;
    const html = modulePage(moduleData(course, mod, 'scorm12', taxonomy));
    const single = mod.questions.find((q) => q.kind === 'single')!;
    expect(html).toContain(`<div data-bd-question="${single.id}" class="bd-quiz"><div class="bd-prompt">${single.promptHtml}</div>`);
    expect(html).toContain('Câu hỏi này cần bật JavaScript để trả lời.');
    const body = html.slice(0, html.indexOf('id="bd-data"'));
    for (const q of mod.questions) {
      if (q.kind === 'single' || q.kind === 'multiple') for (const c of q.choices) expect(body).not.toContain(c.feedbackHtml ?? '\u0000');
    }
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
