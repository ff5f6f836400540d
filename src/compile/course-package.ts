/**
 * A course for one format: every file of the package (shared player, module pages, assets,
 * manifests, the schema files SCORM manifests name), then the zip. Pure apart from reading asset
 * and schema files.
 */
import { readFileSync } from 'node:fs';
import type { Course, Taxonomy } from '../core/index.js';
import { moduleData } from './module-data.js';
import { laterScript, LATER_FILE, modulePage } from './module-page.js';
import { RUNTIME_FILE_NAMES, type RuntimeFiles } from './runtime-files.js';
import { schemaFilesFor } from './schema-files.js';
import type { PackageFile, Target } from './target.js';
import { writeZip } from './zip.js';

export const PLAYER_DIR = 'player';

export function launchPath(moduleId: string): string {
  return `modules/${moduleId}/index.html`;
}

export class AssetError extends Error {
  constructor(
    readonly file: string,
    readonly source: string,
    cause: unknown,
  ) {
    super(`${file}: không đọc được tệp ${source} / cannot read ${source}`, { cause });
  }
}

/**
 * @param only a module id: a package holding that module alone (`boiduong build --split modules`).
 *   Its page is built from the whole course (a test may draw questions from other modules), the
 *   manifests list that module only, and its activity IRI is the same as in the course package.
 */
export function packageFiles(course: Course, taxonomy: Taxonomy, target: Target, runtime: RuntimeFiles, only?: string): PackageFile[] {
  const included = only === undefined ? course.modules : course.modules.filter((m) => m.meta.id === only);
  if (included.length === 0) throw new Error(`no module "${only}" in course ${course.id}`);
  const files = playerFiles(runtime, target.format, included);
  const css = new TextDecoder().decode(runtime.css);
  // Only a cmi5 launch has round trips to make before the module can start.
  const early = target.format === 'cmi5' && runtime.cmi5Early ? new TextDecoder().decode(runtime.cmi5Early) : undefined;
  for (const m of included) {
    const dir = `modules/${m.meta.id}/`;
    const data = moduleData(course, m, target.format, taxonomy, only === undefined);
    files.push({ path: launchPath(m.meta.id), data: modulePage(data, { css, ...(early !== undefined ? { early } : {}) }) });
    const later = laterScript(data);
    if (later !== undefined) files.push({ path: dir + LATER_FILE, data: later });
    const seen = new Set<string>();
    for (const a of m.assets) {
      if (seen.has(a.target)) continue;
      seen.add(a.target);
      let data: Uint8Array;
      try {
        data = readFileSync(a.source);
      } catch (e) {
        throw new AssetError(m.file, a.source, e);
      }
      files.push({ path: dir + a.target, data });
    }
  }
  const paths = files.map((f) => f.path).sort();
  const listed = only === undefined ? course : { ...course, modules: included };
  const manifests = target.manifests({ course: listed, taxonomy, launchPath, files: paths });
  const schemas = target.schemaFolder === undefined ? [] : manifestSchemas(manifests, target.schemaFolder);
  return [...files, ...manifests, ...schemas];
}

/**
 * The player files a package carries: its format's bundle as player.js (the whole player when
 * there is none), the stylesheet, and the test and case bundles only when a module needs them.
 */
function playerFiles(runtime: RuntimeFiles, format: Target['format'], modules: readonly Course['modules'][number][]): PackageFile[] {
  const files: PackageFile[] = [
    { path: `${PLAYER_DIR}/${RUNTIME_FILE_NAMES.js}`, data: formatBundle(runtime, format, modules) ?? runtime.js },
    { path: `${PLAYER_DIR}/${RUNTIME_FILE_NAMES.css}`, data: runtime.css },
  ];
  if (!runtime.formats) return files;
  // Under the same names either way: the page's player loads them beside itself.
  const vietnamese = onlyVietnamese(modules);
  const test = (vietnamese ? runtime.testVi : undefined) ?? runtime.test;
  const kase = (vietnamese ? runtime.caseVi : undefined) ?? runtime.case;
  if (test && modules.some((m) => m.tests.length > 0)) files.push({ path: `${PLAYER_DIR}/${RUNTIME_FILE_NAMES.test}`, data: test });
  if (kase && modules.some((m) => m.cases.length > 0)) files.push({ path: `${PLAYER_DIR}/${RUNTIME_FILE_NAMES.case}`, data: kase });
  return files;
}

function onlyVietnamese(modules: readonly Course['modules'][number][]): boolean {
  return modules.length > 0 && modules.every((m) => m.meta.language === 'vi');
}

/** Its format's bundle; without the player's English words when every module is in Vietnamese. */
function formatBundle(runtime: RuntimeFiles, format: Target['format'], modules: readonly Course['modules'][number][]): Uint8Array | undefined {
  return (onlyVietnamese(modules) ? runtime.formatsVi?.[format] : undefined) ?? runtime.formats?.[format];
}

/** The schema files the package's manifests name, once each. */
function manifestSchemas(manifests: readonly PackageFile[], folder: string): PackageFile[] {
  const byPath = new Map<string, PackageFile>();
  for (const m of manifests) {
    if (typeof m.data !== 'string') continue;
    for (const f of schemaFilesFor(m.data, folder)) if (!byPath.has(f.path)) byPath.set(f.path, f);
  }
  return [...byPath.values()];
}

export function buildPackage(course: Course, taxonomy: Taxonomy, target: Target, runtime: RuntimeFiles, only?: string): Uint8Array {
  return writeZip(packageFiles(course, taxonomy, target, runtime, only));
}
