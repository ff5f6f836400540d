/** `lint(dir)`: every course below a folder, read and checked against the taxonomy found for it. */
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { diagnostic, sortDiagnostics, type Diagnostic, type Course, type Taxonomy } from '../core/index.js';
import { readCourse } from './course.js';
import { displayPath, readModule } from './module.js';
import type { PluginRegistry } from './plugins.js';
import { loadTaxonomy } from './taxonomy.js';
import { parseYamlSource } from './yaml-source.js';

export interface LintOptions {
  /** Taxonomy folder; default: `taxonomy/` in `dir` or the nearest ancestor that has one. */
  readonly taxonomyDir?: string;
  /** Folder diagnostics' paths are relative to (default: the current working directory). */
  readonly base?: string;
  readonly plugins?: PluginRegistry;
  /** ISO date deciding which positions have expired (default today). */
  readonly today?: string;
}

export interface LintResult {
  /** Every problem, sorted by file and line. */
  readonly diagnostics: Diagnostic[];
  /** Courses that read without errors. */
  readonly courses: Course[];
  /** Folders of every course found (with or without errors). */
  readonly courseDirs: string[];
  readonly taxonomy?: Taxonomy;
  readonly taxonomyDir?: string;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * `taxonomy/` in `dir` or its closest ancestor that has one (content/taxonomy next to
 * content/courses), or a `content/taxonomy/` of an ancestor (a course kept outside content/).
 */
export async function findTaxonomyDir(dir: string): Promise<string | undefined> {
  for (let d = resolve(dir); ; d = dirname(d)) {
    for (const t of [join(d, 'taxonomy'), join(d, 'content', 'taxonomy')]) {
      if (await exists(join(t, 'positions.yaml'))) return t;
    }
    if (dirname(d) === d) return undefined;
  }
}

/** Folders holding a course.yaml: `dir` itself, or any folder below it. */
export async function findCourseDirs(dir: string): Promise<string[]> {
  const root = resolve(dir);
  if (await exists(join(root, 'course.yaml'))) return [root];
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    const entries = await readdir(d, { withFileTypes: true });
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (!e.isDirectory() || e.name.startsWith('.') || e.name === 'node_modules' || e.name === 'dist') continue;
      const sub = join(d, e.name);
      if (await exists(join(sub, 'course.yaml'))) out.push(sub);
      else await walk(sub);
    }
  };
  await walk(root);
  return out;
}

export async function lint(dir: string, opts: LintOptions = {}): Promise<LintResult> {
  const base = opts.base ?? process.cwd();
  const root = resolve(base, dir);
  const diagnostics: Diagnostic[] = [];
  if (!(await exists(root))) {
    const file = displayPath(base, root);
    return {
      diagnostics: [diagnostic({ file, line: 0 }, 'missing-folder', `Không có thư mục ${file}.`, `No such folder: ${file}.`)],
      courses: [],
      courseDirs: [],
    };
  }
  const taxonomyDir = opts.taxonomyDir ? resolve(base, opts.taxonomyDir) : await findTaxonomyDir(root);
  let taxonomy: Taxonomy | undefined;
  if (taxonomyDir) {
    const loaded = await loadTaxonomy(taxonomyDir, base);
    diagnostics.push(...loaded.diagnostics);
    taxonomy = loaded.taxonomy;
  } else {
    diagnostics.push(
      diagnostic(
        { file: displayPath(base, root), line: 0 },
        'taxonomy/not-found',
        'Không tìm thấy thư mục taxonomy/ (danh mục chức danh, trình độ) ở thư mục này hay thư mục cha; dùng --taxonomy <thư mục>. Chức danh và trình độ chưa được kiểm tra.',
        'No taxonomy/ folder (positions, tiers) here or in a parent folder; use --taxonomy <dir>. Positions and tiers were not checked.',
        'warning',
      ),
    );
  }
  const courseDirs = await findCourseDirs(root);
  if (courseDirs.length === 0) {
    diagnostics.push(
      diagnostic(
        { file: displayPath(base, root), line: 0 },
        'no-course',
        'Không tìm thấy course.yaml nào trong thư mục này.',
        'No course.yaml found in this folder.',
      ),
    );
  }
  const courses: Course[] = [];
  for (const courseDir of courseDirs) {
    const result = await readCourse(courseDir, taxonomy, {
      base,
      ...(opts.plugins ? { plugins: opts.plugins } : {}),
      ...(opts.today ? { today: opts.today } : {}),
    });
    diagnostics.push(...result.diagnostics);
    if (result.course) courses.push(result.course);
  }
  // Only when linting the whole content folder (the one holding taxonomy/) are all courses in view.
  if (taxonomy && taxonomyDir && resolve(taxonomyDir, '..') === root) {
    diagnostics.push(...(await checkRequiredCourses(taxonomy, taxonomyDir, courseDirs, courses, base)));
  }
  return {
    diagnostics: sortDiagnostics(dedupe(diagnostics)),
    courses,
    courseDirs,
    ...(taxonomy ? { taxonomy } : {}),
    ...(taxonomyDir ? { taxonomyDir } : {}),
  };
}

/** The same problem reported twice (e.g. a plugin and a course check) is shown once. */
function dedupe(list: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.file}\0${d.line}\0${d.column}\0${d.code}\0${d.message['vi'] ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * One module file on its own (an author checking the file they are editing): frontmatter,
 * taxonomy, blocks, links and images. Links to other modules are checked for existence only.
 */
export async function lintModuleFile(path: string, opts: LintOptions = {}): Promise<LintResult> {
  const base = opts.base ?? process.cwd();
  const abs = resolve(base, path);
  const diagnostics: Diagnostic[] = [];
  const taxonomyDir = opts.taxonomyDir ? resolve(base, opts.taxonomyDir) : await findTaxonomyDir(dirname(abs));
  let taxonomy: Taxonomy | undefined;
  if (taxonomyDir) {
    const loaded = await loadTaxonomy(taxonomyDir, base);
    diagnostics.push(...loaded.diagnostics);
    taxonomy = loaded.taxonomy;
  }
  const result = await readModule(abs, {
    base,
    ...(taxonomy ? { taxonomy } : {}),
    ...(opts.plugins ? { plugins: opts.plugins } : {}),
    ...(opts.today ? { today: opts.today } : {}),
  });
  diagnostics.push(...result.diagnostics);
  return { diagnostics: sortDiagnostics(dedupe(diagnostics)), courses: [], courseDirs: [], ...(taxonomy ? { taxonomy } : {}), ...(taxonomyDir ? { taxonomyDir } : {}) };
}

/** rules.yaml's required courses (and their modules) must be courses found in the content folder. */
async function checkRequiredCourses(
  taxonomy: Taxonomy,
  taxonomyDir: string,
  courseDirs: readonly string[],
  courses: readonly Course[],
  base: string,
): Promise<Diagnostic[]> {
  const modulesOf = new Map<string, Set<string> | undefined>(courses.map((c) => [c.id, new Set(c.modules.map((m) => m.meta.id))]));
  for (const dir of courseDirs) {
    // Courses with errors still count as present: their own errors are reported already.
    const data = parseYamlSource(await readFile(join(dir, 'course.yaml'), 'utf8').catch(() => ''), '').partial as Record<string, unknown> | null;
    const id = data?.['id'];
    if (typeof id === 'string' && !modulesOf.has(id)) modulesOf.set(id, undefined);
  }
  const rulesPath = join(taxonomyDir, 'rules.yaml');
  const file = displayPath(base, rulesPath);
  const source = parseYamlSource(await readFile(rulesPath, 'utf8'), file);
  const out: Diagnostic[] = [];
  for (const [position, required] of Object.entries(taxonomy.rules.requiredCourses)) {
    required.forEach((r, i) => {
      if (!modulesOf.has(r.course)) {
        const at = source.locate(['requiredCourses', position, i, 'course']);
        out.push(
          diagnostic(
            { file, ...at },
            'taxonomy/unknown-course',
            `Khóa học bắt buộc "${r.course}" (chức danh ${position}) không có trong thư mục nội dung.`,
            `Required course "${r.course}" (position ${position}) is not in the content folder.`,
            'warning',
          ),
        );
        return;
      }
      const modules = modulesOf.get(r.course);
      r.modules?.forEach((m, j) => {
        if (modules && !modules.has(m)) {
          const at = source.locate(['requiredCourses', position, i, 'modules', j]);
          out.push(
            diagnostic(
              { file, ...at },
              'taxonomy/unknown-module',
              `Khóa học "${r.course}" không có học phần "${m}".`,
              `Course "${r.course}" has no module "${m}".`,
              'warning',
            ),
          );
        }
      });
    });
  }
  return out;
}
