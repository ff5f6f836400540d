// Bundles the CLI (Node) and the runtime player (browser) with esbuild.
import { build } from 'esbuild';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
await mkdir(`${root}dist`, { recursive: true });

await build({
  // Split so each subcommand's code (and the libraries it imports) loads only when it runs.
  // The SQLite writer thread is an entry of its own, beside the chunks that start it.
  entryPoints: { boiduong: `${root}src/cli/run.ts`, 'chunks/sqlite-writer': `${root}src/lrs/store/sqlite/writer-thread.ts` },
  outdir: `${root}dist/cli`,
  outExtension: { '.js': '.mjs' },
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});

// The player that every package carries: one IIFE and one stylesheet, minified.
await build({
  entryPoints: [`${root}src/runtime/entry.ts`],
  outfile: `${root}dist/runtime/player.js`,
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2020',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});
await build({
  entryPoints: [`${root}src/runtime/player/player.css`],
  outfile: `${root}dist/runtime/player.css`,
  bundle: true,
  minify: true,
  logLevel: 'warning',
});
