/**
 * Package sizes per format: builds the sample course as SCORM 1.2, SCORM 2004, cmi5 and xAPI
 * and prints each zip's size, the player's size (JS + CSS, gzipped), and the share of the player
 * taken by the SCORM 2004 / cmi5 / xAPI trackers and the offline queue.
 *   npx tsx test/bench/formats.ts
 *   BENCH_COURSE=content/courses/boi-duong-dang-vien-moi npx tsx test/bench/formats.ts
 * Needs the player bundle: the script runs `node build/build.mjs` when it is missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildSync } from 'esbuild';
import { readCourse } from '../../src/author/course.js';
import { loadTaxonomy } from '../../src/author/taxonomy.js';
import { buildPackage, loadRuntimeFiles, runtimeDir, TARGETS } from '../../src/compile/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const courseDir = path.resolve(root, process.env['BENCH_COURSE'] ?? 'content/courses/boi-duong-bi-thu-dang-uy-xa');

const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;

if (!existsSync(path.join(runtimeDir(), 'player.js'))) execFileSync(process.execPath, [path.join(root, 'build', 'build.mjs')], { stdio: 'inherit' });

const t = await loadTaxonomy(path.join(root, 'content', 'taxonomy'), root);
if (!t.taxonomy) throw new Error('taxonomy does not load');
const c = await readCourse(courseDir, t.taxonomy, { base: root });
if (!c.course) throw new Error(`${courseDir} does not load`);
const runtime = loadRuntimeFiles();

console.log(`course: ${path.relative(root, courseDir)} (${c.course.modules.length} modules)`);
console.log('format      zip size   build time');
for (const target of TARGETS) {
  const start = performance.now();
  const zip = buildPackage(c.course, t.taxonomy, target, runtime);
  const ms = performance.now() - start;
  console.log(`${target.format.padEnd(10)}  ${kb(zip.length).padStart(9)}   ${ms.toFixed(0)} ms`);
}

const js = gzipSync(runtime.js, { level: 9 }).length;
const css = gzipSync(runtime.css, { level: 9 }).length;
console.log(`player gzipped: ${kb(js + css)} (js ${kb(js)}, css ${kb(css)}; raw js ${kb(runtime.js.length)})`);
// What a package's page loads: its format's bundle (player/player.js); tests and cases come beside it.
for (const [format, bundle] of Object.entries(runtime.formats ?? {})) {
  console.log(`  ${format} package's player.js: ${kb(gzipSync(bundle, { level: 9 }).length)} gzipped (${kb(bundle.length)} raw)`);
}
for (const [name, bundle] of [['player-test.js', runtime.test], ['player-case.js', runtime.case]] as const) {
  if (bundle) console.log(`  ${name}: ${kb(gzipSync(bundle, { level: 9 }).length)} gzipped (${kb(bundle.length)} raw)`);
}

// What the three LRS/SCORM 2004 trackers and the queue weigh on their own, minified and gzipped.
const parts = buildSync({
  stdin: {
    contents: [
      "export { Scorm2004Tracker, findScorm2004Api } from './src/runtime/tracking/scorm2004.ts';",
      "export { cmi5TrackerFor } from './src/runtime/tracking/cmi5.ts';",
      "export { xapiTrackerFor } from './src/runtime/tracking/xapi.ts';",
    ].join('\n'),
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  write: false,
});
const trackers = parts.outputFiles[0]!.contents;
console.log(`scorm2004 + cmi5 + xapi trackers and offline queue: ${kb(gzipSync(trackers, { level: 9 }).length)} gzipped (${kb(trackers.length)} minified)`);
