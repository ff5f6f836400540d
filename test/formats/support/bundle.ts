/** Bundle the tracker entry for the browser, as the player build does (esbuild, IIFE). */
import { buildSync } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function trackerBundle(): string {
  const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'tracker-entry.ts');
  const out = buildSync({ entryPoints: [entry], bundle: true, format: 'iife', platform: 'browser', target: 'es2020', write: false });
  return out.outputFiles[0]!.text;
}
