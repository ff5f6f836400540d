/** Shared by the compile tests: the fixture course read through the real author pipeline. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Course } from '../../src/core/model.js';
import type { Taxonomy } from '../../src/core/taxonomy.js';
import type { RuntimeFiles } from '../../src/compile/index.js';
import { readTestCourse } from '../support/course.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const MINI = path.join(repoRoot, 'test', 'fixtures', 'courses', 'mini');
export const SAMPLE = path.join(repoRoot, 'content', 'courses', 'boi-duong-bi-thu-dang-uy-xa');
export const XSD = path.join(repoRoot, 'schemas', 'xsd');

export function loadFixture(dir: string = MINI): Promise<{ course: Course; taxonomy: Taxonomy }> {
  return readTestCourse(dir);
}

/** A stand-in player for compile tests that do not run it: fixed bytes keep packages comparable. */
export const FIXED_RUNTIME: RuntimeFiles = {
  js: new TextEncoder().encode('/* player */\n'),
  css: new TextEncoder().encode('/* css */\n'),
};
