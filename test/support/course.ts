/** A course read through the real author pipeline, with the content's taxonomy, for tests. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCourse } from '../../src/author/course.js';
import { loadTaxonomy } from '../../src/author/taxonomy.js';
import type { Course } from '../../src/core/model.js';
import type { Taxonomy } from '../../src/core/taxonomy.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Throws with the diagnostics when the taxonomy or the course does not read cleanly. */
export async function readTestCourse(dir: string): Promise<{ course: Course; taxonomy: Taxonomy }> {
  const t = await loadTaxonomy(path.join(repoRoot, 'content', 'taxonomy'), repoRoot);
  if (!t.taxonomy) throw new Error(`taxonomy: ${JSON.stringify(t.diagnostics)}`);
  const r = await readCourse(dir, t.taxonomy, { base: repoRoot });
  if (!r.course) throw new Error(`course: ${JSON.stringify(r.diagnostics)}`);
  return { course: r.course, taxonomy: t.taxonomy };
}
