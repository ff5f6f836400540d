/** The sample course read through the real author pipeline, shared by the format tests. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCourse } from '../../src/author/course.js';
import { loadTaxonomy } from '../../src/author/taxonomy.js';
import type { Course } from '../../src/core/model.js';
import type { Taxonomy } from '../../src/core/taxonomy.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const xsdDir = path.resolve(repoRoot, '..', 'shared', 'xsd');
export const sampleCourseDir = path.join(repoRoot, 'content', 'courses', 'boi-duong-bi-thu-dang-uy-xa');

export async function sampleCourse(dir = sampleCourseDir): Promise<{ course: Course; taxonomy: Taxonomy }> {
  const t = await loadTaxonomy(path.join(repoRoot, 'content', 'taxonomy'), repoRoot);
  if (!t.taxonomy) throw new Error(`taxonomy: ${JSON.stringify(t.diagnostics.slice(0, 3))}`);
  const c = await readCourse(dir, t.taxonomy, { base: repoRoot });
  if (!c.course) throw new Error(`course: ${JSON.stringify(c.diagnostics.slice(0, 3))}`);
  return { course: c.course, taxonomy: t.taxonomy };
}

/** xmllint's verdict on an XML text against a schema: '' when valid, its complaints otherwise. */
export function xmllint(xml: string, schema: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'bd-xml-'));
  const file = path.join(dir, 'doc.xml');
  writeFileSync(file, xml);
  try {
    execFileSync('xmllint', ['--noout', '--schema', schema, file], { stdio: 'pipe' });
    return '';
  } catch (e) {
    const err = e as { stderr?: Buffer };
    return err.stderr?.toString() ?? String(e);
  }
}
