/** Build a course for one format, unpack it into a temp folder and serve it with scorm-again. */
import { mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import type { Course } from '../../../src/core/model.js';
import type { PackageFormat } from '../../../src/core/package.js';
import type { Taxonomy } from '../../../src/core/taxonomy.js';
import { buildPackage, loadRuntimeFiles, targetFor } from '../../../src/compile/index.js';
import { repoRoot, scormAgainDir } from './lms-host.js';
import { serve, type StaticServer } from './server.js';
import { extractZip } from './zip-read.js';

/** Bundle the player (dist/runtime) once per test file, so tests run the current source. */
export function buildRuntime(): void {
  execFileSync(process.execPath, [path.join(repoRoot, 'build', 'build.mjs')], { cwd: repoRoot, stdio: 'inherit' });
}

export interface ServedPackage {
  readonly server: StaticServer;
  readonly zip: Uint8Array;
  readonly dir: string;
  readonly files: readonly string[];
  /** URL path of a module's launch page: "/pkg/modules/<id>/index.html". */
  launch(moduleId: string): string;
  close(): Promise<void>;
}

export async function servePackage(course: Course, taxonomy: Taxonomy, format: PackageFormat): Promise<ServedPackage> {
  const target = targetFor(format);
  if (!target) throw new Error(`format ${format} is not registered`);
  const zip = buildPackage(course, taxonomy, target, loadRuntimeFiles());
  const dir = mkdtempSync(path.join(os.tmpdir(), `bd-${format}-`));
  const files = extractZip(zip, dir);
  const server = await serve([
    { prefix: '/pkg/', dir },
    { prefix: '/scorm-again/', dir: scormAgainDir },
  ]);
  return {
    server,
    zip,
    dir,
    files,
    launch: (id) => `/pkg/modules/${id}/index.html`,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
