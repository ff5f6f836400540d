/**
 * Screenshots of every page of a course's modules, full length, at 360 × 740 (a cheap phone) and
 * 1,280 × 800: for looking at, not for tests. The module is opened as its own page (the player's
 * standalone mode), since a frame paints only what its own viewport shows.
 *
 *   npx tsx scripts/screenshots.ts [course folder] [out folder]
 *   default: content/courses/boi-duong-bi-thu-dang-uy-xa → dist/screenshots
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { buildRuntime, launchChromium, repoRoot, servePackage } from '../test/e2e/harness/index.js';
import { readTestCourse } from '../test/support/course.js';

const courseDir = path.resolve(process.argv[2] ?? path.join(repoRoot, 'content', 'courses', 'boi-duong-bi-thu-dang-uy-xa'));
const out = path.resolve(process.argv[3] ?? path.join(repoRoot, 'dist', 'screenshots'));
const SIZES = [
  { name: '360', width: 360, height: 740 },
  { name: '1280', width: 1280, height: 800 },
] as const;

buildRuntime();
mkdirSync(out, { recursive: true });
const { course, taxonomy } = await readTestCourse(courseDir);
const browser = await launchChromium();
const pkg = await servePackage(course, taxonomy, 'scorm12');
try {
  for (const mod of course.modules) {
    for (const size of SIZES) {
      const page = await browser.newPage({ viewport: { width: size.width, height: size.height } });
      page.on('console', (m) => { if (m.type() === 'error') console.error(mod.meta.id, m.text()); });
      await page.goto(`${pkg.server.origin}${pkg.launch(mod.meta.id)}`);
      const sco = page;
      await sco.waitForSelector('.bd-js .bd-page:not([hidden]) .bd-page-title');
      const pages = await sco.$$eval('.bd-page', (els) => els.length);
      for (let i = 0; i < pages; i++) {
        await page.waitForTimeout(300);
        const file = path.join(out, `${mod.meta.id}-p${i + 1}-${size.name}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(file);
        if (i < pages - 1) await sco.click('[data-step="next"]').catch(() => sco.click('.bd-next'));
      }
      await page.close();
    }
  }
} finally {
  await pkg.close();
  await browser.close();
}
