/**
 * The built player (dist/runtime: player.js, one bundle per format, the test and case bundles,
 * player.css). compile embeds them as files and never imports runtime code: build/build.mjs
 * produces them.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_FORMATS, type PackageFormat } from '../core/index.js';

export interface RuntimeFiles {
  /** The whole player: every tracker, every component. */
  readonly js: Uint8Array;
  readonly css: Uint8Array;
  /** A package's player/player.js: that format's tracker and the knowledge checks only. */
  readonly formats?: Readonly<Record<PackageFormat, Uint8Array>>;
  /** The same without the player's English table, for a package whose modules are all in Vietnamese. */
  readonly formatsVi?: Readonly<Record<PackageFormat, Uint8Array>>;
  /** Loaded by the player beside player.js when a page holds a test or a case. */
  readonly test?: Uint8Array;
  readonly case?: Uint8Array;
  /** The test and case bundles without their English strings, beside a Vietnamese-only package's player. */
  readonly testVi?: Uint8Array;
  readonly caseVi?: Uint8Array;
  /** Inline in a cmi5 module page's head (runtime/entries/cmi5-early.ts). */
  readonly cmi5Early?: Uint8Array;
}

export const RUNTIME_FILE_NAMES = { js: 'player.js', css: 'player.css', test: 'player-test.js', case: 'player-case.js', cmi5Early: 'cmi5-early.js' } as const;

export function formatBundleName(format: PackageFormat, onlyVietnamese = false): string {
  const name = `player-${format}.js`;
  return onlyVietnamese ? viName(name) : name;
}

/** The built name of a bundle's Vietnamese-only variant: player-test.js → player-test.vi.js. */
function viName(name: string): string {
  return name.replace(/\.js$/, '.vi.js');
}

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
  const formats = {} as Record<PackageFormat, Uint8Array>;
  const formatsVi = {} as Record<PackageFormat, Uint8Array>;
  for (const f of PACKAGE_FORMATS) {
    formats[f] = readRequired(dir, formatBundleName(f));
    formatsVi[f] = readRequired(dir, formatBundleName(f, true));
  }
  return {
    js: readFileSync(js),
    css: readFileSync(css),
    formats,
    formatsVi,
    test: readRequired(dir, RUNTIME_FILE_NAMES.test),
    case: readRequired(dir, RUNTIME_FILE_NAMES.case),
    testVi: readRequired(dir, viName(RUNTIME_FILE_NAMES.test)),
    caseVi: readRequired(dir, viName(RUNTIME_FILE_NAMES.case)),
    cmi5Early: readRequired(dir, RUNTIME_FILE_NAMES.cmi5Early),
  };
}

function readRequired(dir: string, name: string): Uint8Array {
  const file = path.join(dir, name);
  if (!existsSync(file)) {
    throw new MissingRuntimeError(
      `Trình phát chưa được dựng đủ (thiếu ${file}): chạy "npm run build". / The player build is incomplete (${file} is missing): run "npm run build".`,
    );
  }
  return readFileSync(file);
}
