/** Shared by the compile tests: the fixture course read through the real author pipeline. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Course } from '../../src/core/model.js';
import type { Taxonomy } from '../../src/core/taxonomy.js';
import { readCourse } from '../../src/author/course.js';
import { loadTaxonomy } from '../../src/author/taxonomy.js';
import type { RuntimeFiles } from '../../src/compile/index.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const MINI = path.join(repoRoot, 'test', 'fixtures', 'courses', 'mini');
export const SAMPLE = path.join(repoRoot, 'content', 'courses', 'boi-duong-bi-thu-dang-uy-xa');
export const XSD = path.resolve(repoRoot, '..', 'shared', 'xsd');

export async function loadFixture(dir: string = MINI): Promise<{ course: Course; taxonomy: Taxonomy }> {
  const t = await loadTaxonomy(path.join(repoRoot, 'content', 'taxonomy'), repoRoot);
  if (!t.taxonomy) throw new Error(JSON.stringify(t.diagnostics));
  const r = await readCourse(dir, t.taxonomy, { base: repoRoot });
  if (!r.course) throw new Error(JSON.stringify(r.diagnostics));
  return { course: r.course, taxonomy: t.taxonomy };
}

/** A stand-in player for compile tests that do not run it: fixed bytes keep packages comparable. */
export const FIXED_RUNTIME: RuntimeFiles = {
  js: new TextEncoder().encode('/* player */\n'),
  css: new TextEncoder().encode('/* css */\n'),
};
