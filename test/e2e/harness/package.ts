/** Build a course for one format, unpack it into a temp folder and serve it with scorm-again. */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
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

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function bundleAge(): number {
  const files = ['player.js', 'player.css'].map((f) => path.join(repoRoot, 'dist', 'runtime', f));
  return files.every((f) => existsSync(f)) ? Math.min(...files.map((f) => statSync(f).mtimeMs)) : 0;
}

/**
 * Bundle the player (dist/runtime) when any runtime or core source is newer than the bundle, so
 * tests run the current source without every test file rebuilding it at once.
 */
export function buildRuntime(): void {
  const sources = Math.max(
    newestMtime(path.join(repoRoot, 'src', 'runtime')),
    newestMtime(path.join(repoRoot, 'src', 'core')),
    statSync(path.join(repoRoot, 'build', 'build.mjs')).mtimeMs,
  );
  if (bundleAge() >= sources) return;
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
