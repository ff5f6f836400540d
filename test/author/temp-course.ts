/** A throw-away course folder (with the fixture taxonomy beside it) for lint tests that need one odd file. */
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { lint } from '../../src/author/index.js';
import type { Diagnostic } from '../../src/core/diagnostic.js';

const fixtures = resolve(import.meta.dirname, '..', 'fixtures', 'lint');

export const COURSE_YAML = `id: thu
title: Khóa thử
provider:
  name: Trung tâm Chính trị huyện
iri: https://daotao.example.gov.vn/xapi/
modules: [mot]
`;

/** The frontmatter of module "mot", with `extra` lines added before the closing `---`. */
export function frontmatter(extra = ''): string {
  return `---\nid: mot\ntitle: Học phần thử\npositions: [bi-thu-dang-uy-xa]\nperiods: 2\ntopics: [chu-de]\n${extra}---\n`;
}

/** Lints a course made of `files` (path → text, course.yaml added when absent); paths in diagnostics are relative to the course. */
export async function lintFiles(files: Record<string, string>): Promise<Diagnostic[]> {
  return (await lintCourseFiles(files)).diagnostics;
}

/** The same, with the courses read. */
export async function lintCourseFiles(files: Record<string, string>): Promise<LintResult> {
  const root = await mkdtemp(join(tmpdir(), 'bd-lint-'));
  try {
    await cp(join(fixtures, 'taxonomy'), join(root, 'taxonomy'), { recursive: true });
    const course = join(root, 'thu');
    for (const [path, text] of Object.entries({ 'course.yaml': COURSE_YAML, ...files })) {
      await mkdir(dirname(join(course, path)), { recursive: true });
      await writeFile(join(course, path), text);
    }
    return await lint(course, { base: course, today: '2026-01-01' });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

type LintResult = Awaited<ReturnType<typeof lint>>;

export function brief(list: readonly Diagnostic[]): string[] {
  return list.map((d) => `${d.file}:${d.line} ${d.severity} ${d.code}`);
}
