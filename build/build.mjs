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

// The player, as IIFEs (a plain <script> in any LMS, no module loader), minified:
// - player-<format>.js: what a package of that format carries as player/player.js, with its own
//   tracker only and the knowledge checks; a reading page on a slow line pays for nothing else;
// - player-test.js, player-case.js: the test runner and the case player, which the page's
//   player loads beside itself when the module has them;
// - player.js: everything in one, for a page that may host any format.
const player = {
  player: 'entry.ts',
  'player-scorm12': 'entries/scorm12.ts',
  'player-scorm2004': 'entries/scorm2004.ts',
  'player-cmi5': 'entries/cmi5.ts',
  'player-xapi': 'entries/xapi.ts',
  'player-test': 'entries/test.ts',
  'player-case': 'entries/case.ts',
  // Written inline into a cmi5 module page's head: asks for the launch while the player downloads.
  'cmi5-early': 'entries/cmi5-early.ts',
};
// - player-<format>.vi.js, player-test.vi.js, player-case.vi.js: the same for a package whose
//   modules are all in Vietnamese, without the English strings (BD_UI_ONLY, folded away by the
//   minifier).
const formatBundles = ['player-scorm12', 'player-scorm2004', 'player-cmi5', 'player-xapi', 'player-test', 'player-case'];
const bundles = [
  ...Object.entries(player).map(([name, entry]) => ({ name, entry, define: {} })),
  ...formatBundles.map((name) => ({ name: `${name}.vi`, entry: player[name], define: { BD_UI_ONLY: '"vi"' } })),
];
await Promise.all(
  bundles.map(({ name, entry, define }) =>
    build({
      entryPoints: [`${root}src/runtime/${entry}`],
      outfile: `${root}dist/runtime/${name}.js`,
      define,
      bundle: true,
      platform: 'browser',
      format: 'iife',
      target: 'es2020',
      minify: true,
      // Vietnamese strings as UTF-8 (the page declares it), not \u escapes: fewer bytes on the line.
      charset: 'utf8',
      legalComments: 'none',
      logLevel: 'warning',
    }),
  ),
);
await build({
  entryPoints: [`${root}src/runtime/player/player.css`],
  outfile: `${root}dist/runtime/player.css`,
  bundle: true,
  minify: true,
  logLevel: 'warning',
});
