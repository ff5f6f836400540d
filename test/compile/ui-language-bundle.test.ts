/**
 * A package whose modules are all in Vietnamese carries the player without its English table
 * (fewer bytes on every page over a slow line); one with an English module carries both.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPackage, loadRuntimeFiles, scorm12Target } from '../../src/compile/index.js';
import { buildRuntime, hostPage, launchChromium, readZip, repoRoot, scoFrame, servePackage } from '../e2e/harness/index.js';
import { readTestCourse } from '../support/course.js';

function playerOf(zip: Uint8Array, name = 'player.js'): string {
  const file = readZip(zip).find((f) => f.path === `player/${name}`);
  if (!file) throw new Error(`no player/${name} in the package`);
  return new TextDecoder().decode(file.data);
}

describe("the player's UI language tables in a package", () => {
  it('leaves the English table out when every module is in Vietnamese, and keeps it for a course with an English module', async () => {
    buildRuntime();
    const runtime = loadRuntimeFiles();
    const vietnamese = await readTestCourse(path.join(repoRoot, 'content', 'courses', 'boi-duong-bi-thu-dang-uy-xa'));
    const mixed = await readTestCourse(path.join(repoRoot, 'test', 'fixtures', 'courses', 'mini'));
    expect(mixed.course.modules.map((m) => m.meta.language)).toContain('en');

    const viZip = buildPackage(vietnamese.course, vietnamese.taxonomy, scorm12Target, runtime);
    const onlyVi = playerOf(viZip);
    const both = playerOf(buildPackage(mixed.course, mixed.taxonomy, scorm12Target, runtime));
    // The test runner and the case player beside it speak Vietnamese only as well.
    const test = playerOf(viZip, 'player-test.js');
    const kase = playerOf(viZip, 'player-case.js');
    expect(test).toContain('Nộp bài');
    expect(test).not.toContain('Try again');
    expect(kase).toContain('Bối cảnh');
    expect(kase).not.toContain('What happened');
    expect(new TextDecoder().decode(runtime.test)).toContain('Try again');
    expect(new TextDecoder().decode(runtime.case)).toContain('What happened');
    // The player's own words, one in each table.
    expect(onlyVi).toContain('Trang trước');
    expect(onlyVi).not.toContain('Previous page');
    expect(both).toContain('Trang trước');
    expect(both).toContain('Previous page');
    // The knowledge checks' strings too.
    expect(onlyVi).toContain('Kiểm tra lại');
    expect(onlyVi).not.toContain('Check again');
    expect(both).toContain('Check again');
    expect(onlyVi.length).toBeLessThan(both.length - 3000);
    // The test and case bundles never read the player's tables, so they carry neither.
    for (const bundle of [runtime.test, runtime.case]) expect(new TextDecoder().decode(bundle)).not.toContain('Previous page');
  });

  it('a Vietnamese-only package asked for English by the LMS speaks Vietnamese throughout, not half and half', async () => {
    buildRuntime();
    const { course, taxonomy } = await readTestCourse(path.join(repoRoot, 'content', 'courses', 'boi-duong-bi-thu-dang-uy-xa'));
    const [browser, pkg] = await Promise.all([launchChromium(), servePackage(course, taxonomy, 'scorm12')]);
    try {
      const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
      pkg.server.page(
        '/lms-en.html',
        hostPage({ version: 'scorm12', launch: pkg.launch(course.modules[0]!.meta.id), cmi: { student_preference: { language: 'en' } } }),
      );
      await page.goto(`${pkg.server.origin}/lms-en.html`);
      const frame = await scoFrame(page);
      await frame.waitForSelector('.bd-js .bd-page:not([hidden]) .bd-page-title');
      expect(await frame.textContent('.bd-counter')).toBe('Trang 1/6');
      expect(await frame.getAttribute('html', 'lang')).toBe('vi');
      // The knowledge checks follow the player's language, not the LMS's.
      expect(await frame.textContent('.bd-page:not([hidden]) [data-bd-question] button')).toBe('Kiểm tra đáp án');
      await page.close();
    } finally {
      await Promise.all([pkg.close(), browser.close()]);
    }
  }, 60_000);
});
