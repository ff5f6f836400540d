/** A course folder (course.yaml + module .md files) → Course, with every problem found. */
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { diagnostic, type Diagnostic, type Course, type Module, type Taxonomy, nearest } from '../core/index.js';
import type { SiblingModule } from './links.js';
import { buildModule, displayPath, encodingProblem, sourceOf, type ModuleSource } from './module.js';
import { defaultPlugins, type PluginRegistry } from './plugins.js';
import { validateWithSchema } from './schema.js';
import { parseYamlSource } from './yaml-source.js';

export interface ReadCourseOptions {
  /** Folder diagnostics' paths are relative to (default: the current working directory). */
  readonly base?: string;
  readonly plugins?: PluginRegistry;
  /** ISO date deciding which positions have expired (default today). */
  readonly today?: string;
}

export interface CourseResult {
  readonly course?: Course;
  readonly diagnostics: Diagnostic[];
}

const SKIP_DIRS = new Set(['node_modules', 'dist', '.git']);
const NOT_MODULES = /^(readme|changelog|license)\.md$/i;

/** Every .md file under `dir`, sorted so results do not depend on the file system's order. */
async function markdownFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    const entries = await readdir(d, { withFileTypes: true });
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (e.name.startsWith('.')) continue;
      const p = join(d, e.name);
      if (e.isDirectory() && !SKIP_DIRS.has(e.name)) await walk(p);
      else if (e.isFile() && e.name.toLowerCase().endsWith('.md') && !NOT_MODULES.test(e.name)) out.push(p);
    }
  };
  await walk(dir);
  return out;
}

export async function readCourse(courseDir: string, taxonomy: Taxonomy | undefined, opts: ReadCourseOptions = {}): Promise<CourseResult> {
  const dir = resolve(courseDir);
  const base = opts.base ?? process.cwd();
  const diagnostics: Diagnostic[] = [];
  const file = await readCourseFile(dir, base, diagnostics);
  if (file === undefined) return { diagnostics };
  const { courseFile, listed } = file;
  // Pass 1: every Markdown file's id and anchors, so links between modules can be checked.
  const byId = await moduleSources(dir, base, listed, diagnostics);
  const moduleOptions = {
    ...(taxonomy ? { taxonomy } : {}),
    base,
    courseDir: dir,
    siblings: siblingsOf(listed, byId),
    plugins: opts.plugins ?? defaultPlugins,
    ...(opts.today ? { today: opts.today } : {}),
  };
  // Pass 2: the listed modules in course order.
  const modules = listedModules(file, byId, moduleOptions, diagnostics);
  checkPrerequisites(modules, byId, listed, diagnostics);
  const schemaOk = !diagnostics.some((d) => d.file === courseFile && d.severity === 'error');
  if (!schemaOk || modules.length !== listed.length) return { diagnostics };
  const course = courseOf(file.data, dir, modules);
  for (const check of (opts.plugins ?? defaultPlugins).courseChecks) diagnostics.push(...check(course));
  return diagnostics.some((d) => d.severity === 'error') ? { diagnostics } : { course, diagnostics };
}

interface CourseFile {
  readonly courseFile: string;
  readonly yaml: ReturnType<typeof parseYamlSource>;
  readonly data: Record<string, unknown>;
  /** Module ids in course.yaml's order, as written (duplicates included). */
  readonly listed: readonly string[];
}

/** course.yaml read and checked against its schema; undefined when the folder has none. */
async function readCourseFile(dir: string, base: string, diagnostics: Diagnostic[]): Promise<CourseFile | undefined> {
  const courseFile = displayPath(base, join(dir, 'course.yaml'));
  let text: string;
  try {
    text = await readFile(join(dir, 'course.yaml'), 'utf8');
  } catch {
    diagnostics.push(diagnostic({ file: courseFile, line: 0 }, 'missing-course-file', 'Thư mục khóa học thiếu tệp course.yaml.', 'The course folder has no course.yaml.'));
    return undefined;
  }
  const yaml = parseYamlSource(text.replace(/^\uFEFF/, '').normalize('NFC'), courseFile);
  const encoding = encodingProblem(text, courseFile);
  if (encoding) diagnostics.push(encoding);
  diagnostics.push(...yaml.diagnostics);
  if (yaml.data !== undefined) diagnostics.push(...validateWithSchema('course', yaml, courseFile));
  const data = (yaml.data && typeof yaml.data === 'object' ? yaml.data : {}) as Record<string, unknown>;
  const listed = Array.isArray(data['modules']) ? (data['modules'] as unknown[]).map(String) : [];
  return { courseFile, yaml, data, listed };
}

/** Every module file of the folder by id: files without an id, duplicates and unlisted modules reported. */
async function moduleSources(dir: string, base: string, listed: readonly string[], diagnostics: Diagnostic[]): Promise<Map<string, ModuleSource>> {
  const files = await markdownFiles(dir);
  const texts = await Promise.all(files.map((abs) => readFile(abs, 'utf8')));
  const sources: ModuleSource[] = files.map((abs, i) => sourceOf(texts[i]!, abs, displayPath(base, abs)));
  const byId = new Map<string, ModuleSource>();
  for (const s of sources) {
    if (!s.id) {
      diagnostics.push(...s.split.diagnostics);
      if (s.split.yaml?.data !== undefined && s.split.yaml?.data !== null) {
        diagnostics.push(
          diagnostic({ file: s.file, line: 2 }, 'schema/required', 'Thiếu trường bắt buộc "id".', 'Missing required field "id".'),
        );
      }
      continue;
    }
    const first = byId.get(s.id);
    if (first) {
      diagnostics.push(
        diagnostic(
          { file: s.file, ...s.split.yaml!.locate(['id']) },
          'duplicate-module-id',
          `Mã học phần "${s.id}" đã dùng ở ${first.file}; mỗi học phần cần một id riêng.`,
          `Module id "${s.id}" is already used in ${first.file}; each module needs its own id.`,
        ),
      );
      continue;
    }
    byId.set(s.id, s);
    if (!listed.includes(s.id)) {
      diagnostics.push(
        diagnostic(
          { file: s.file, ...s.split.yaml!.locate(['id']) },
          'module-not-listed',
          `Học phần "${s.id}" không có trong danh sách modules của course.yaml nên sẽ không được đóng gói.`,
          `Module "${s.id}" is not listed under modules in course.yaml, so it will not be packaged.`,
          'warning',
        ),
      );
    }
  }
  return byId;
}

/** The listed modules' ids and anchors by file, for links from one module to another. */
function siblingsOf(listed: readonly string[], byId: ReadonlyMap<string, ModuleSource>): Map<string, SiblingModule> {
  const siblings = new Map<string, SiblingModule>();
  for (const id of listed) {
    const s = byId.get(id);
    if (s) siblings.set(s.absFile, { id, anchors: s.anchors });
  }
  return siblings;
}

/** The modules course.yaml lists, built in its order; modules left out are built for their problems only. */
function listedModules({ courseFile, yaml, listed }: CourseFile, byId: ReadonlyMap<string, ModuleSource>, moduleOptions: Parameters<typeof buildModule>[1], diagnostics: Diagnostic[]): Module[] {
  const modules: Module[] = [];
  const seenListed = new Set<string>();
  listed.forEach((id, i) => {
    const at = yaml.locate(['modules', i]);
    if (seenListed.has(id)) {
      diagnostics.push(diagnostic({ file: courseFile, ...at }, 'duplicate-module-id', `Học phần "${id}" được liệt kê hai lần.`, `Module "${id}" is listed twice.`));
      return;
    }
    seenListed.add(id);
    const s = byId.get(id);
    if (!s) {
      const hint = nearest(id, byId.keys());
      diagnostics.push(
        diagnostic(
          { file: courseFile, ...at },
          'missing-module',
          `Không có tệp .md nào trong thư mục khóa học có id "${id}"${hint ? `; có phải "${hint}"?` : '.'}`,
          `No .md file in the course folder has id "${id}"${hint ? `; did you mean "${hint}"?` : '.'}`,
        ),
      );
      return;
    }
    const result = buildModule(s, moduleOptions);
    diagnostics.push(...result.diagnostics);
    if (result.module) modules.push(result.module);
  });
  // Modules left out of course.yaml are not packaged, but their problems are still worth showing.
  for (const [id, s] of byId) if (!seenListed.has(id)) diagnostics.push(...buildModule(s, moduleOptions).diagnostics);
  return modules;
}

/** Prerequisites must name modules of this course that come earlier. */
function checkPrerequisites(modules: readonly Module[], byId: ReadonlyMap<string, ModuleSource>, listed: readonly string[], diagnostics: Diagnostic[]): void {
  for (const m of modules) {
    const s = byId.get(m.meta.id)!;
    const order = listed.indexOf(m.meta.id);
    m.meta.prerequisites.forEach((p, i) => {
      const at = s.split.yaml!.locate(['prerequisites', i]);
      if (!byId.has(p) || !listed.includes(p)) {
        const hint = nearest(p, listed);
        diagnostics.push(
          diagnostic(
            { file: s.file, ...at },
            'unknown-prerequisite',
            `Học phần tiên quyết "${p}" không có trong khóa học${hint ? `; có phải "${hint}"?` : '.'}`,
            `Prerequisite "${p}" is not a module of this course${hint ? `; did you mean "${hint}"?` : '.'}`,
          ),
        );
      } else if (listed.indexOf(p) >= order) {
        diagnostics.push(
          diagnostic(
            { file: s.file, ...at },
            'prerequisite-order',
            `Học phần tiên quyết "${p}" phải đứng trước "${m.meta.id}" trong danh sách modules của course.yaml.`,
            `Prerequisite "${p}" must come before "${m.meta.id}" in course.yaml's modules list.`,
          ),
        );
      }
    });
  }
}

function courseOf(data: Record<string, unknown>, dir: string, modules: Module[]): Course {
  const provider = data['provider'] as { name: string; url?: string };
  return {
    id: String(data['id']),
    title: String(data['title']),
    ...(typeof data['description'] === 'string' ? { description: data['description'] } : {}),
    provider: { name: provider.name, ...(provider.url ? { url: provider.url } : {}) },
    iriBase: String(data['iri']),
    language: data['language'] === 'en' ? 'en' : 'vi',
    version: typeof data['version'] === 'string' || typeof data['version'] === 'number' ? String(data['version']) : '1.0.0',
    dir,
    modules,
  };
}
