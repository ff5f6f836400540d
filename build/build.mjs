// Bundles the CLI (Node) and the runtime player (browser) with esbuild.
import { build } from 'esbuild';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
await mkdir(`${root}dist`, { recursive: true });

await build({
  entryPoints: [`${root}src/cli/run.ts`],
  outfile: `${root}dist/cli/boiduong.mjs`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
