/** The sample course read through the real author pipeline, shared by the format tests. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Course } from '../../src/core/model.js';
import type { Taxonomy } from '../../src/core/taxonomy.js';
import { readTestCourse } from '../support/course.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const xsdDir = path.join(repoRoot, 'schemas', 'xsd');
export const sampleCourseDir = path.join(repoRoot, 'content', 'courses', 'boi-duong-bi-thu-dang-uy-xa');

export function sampleCourse(dir = sampleCourseDir): Promise<{ course: Course; taxonomy: Taxonomy }> {
  return readTestCourse(dir);
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
