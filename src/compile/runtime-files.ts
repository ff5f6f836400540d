/**
 * The built player (dist/runtime/player.js + player.css). compile embeds it as files and never
 * imports runtime code: the bundle is produced by build/build.mjs.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RuntimeFiles {
  readonly js: Uint8Array;
  readonly css: Uint8Array;
}

export const RUNTIME_FILE_NAMES = { js: 'player.js', css: 'player.css' } as const;

/** The root of this installation: found by walking up from this file (source or bundle). */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'build', 'build.mjs'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('boiduong: package root not found from the compiler location');
    dir = up;
  }
}

/** dist/runtime of this installation. */
export function runtimeDir(): string {
  return path.join(packageRoot(), 'dist', 'runtime');
}

export class MissingRuntimeError extends Error {}

export function loadRuntimeFiles(dir: string = runtimeDir()): RuntimeFiles {
  const js = path.join(dir, RUNTIME_FILE_NAMES.js);
  const css = path.join(dir, RUNTIME_FILE_NAMES.css);
  if (!existsSync(js) || !existsSync(css)) {
    throw new MissingRuntimeError(
      `Chưa có trình phát (${js}): chạy "npm run build" trước. / The player is not built (${js}): run "npm run build" first.`,
    );
  }
  return { js: readFileSync(js), css: readFileSync(css) };
}
