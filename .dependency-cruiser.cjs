/**
 * The dependency rules of boiduong, checked by `npm test` (`npm run check:deps`).
 * docs/architecture.md ("Boundaries") explains each rule; test/architecture/ shows that breaking
 * one makes the check fail.
 */

/**
 * Imports that break a rule today and must go. Each entry names the importer, the rule it breaks
 * and why it is still here. test/architecture/ fails when an entry no longer breaks its rule, so
 * the list cannot outlive the problem: remove the entry when the import is gone.
 */
/** Imports that break a rule for now, each with its reason; none today. */
const KNOWN_VIOLATIONS = [];

const escape = (path) => path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exactly = (paths) => `^(${paths.map(escape).join('|')})$`;
/** The importers a rule skips because of a known violation, with the rule's own exception. */
function skipping(known, rule, ownPath) {
  return [ownPath, ...known.filter((v) => v.rule === rule).map((v) => exactly([v.from]))].join('|');
}

/**
 * One "through the folder index" rule per depth of the importer's folder (src/ is at most five
 * folders deep; test/architecture/ checks it). For an importer in src/a/b/, the groups are
 * $1 = a, $2 = b, and the files it may import directly are those in src/, src/a/ and src/a/b/;
 * anything else must be an index.ts. (One rule per depth keeps each expression free of nested
 * repetition, which dependency-cruiser refuses as unsafe.)
 */
const MAX_FOLDER_DEPTH = 5;
function throughTheFolderIndex(depth, skipped) {
  const segments = Array.from({ length: depth - 1 }, () => '/([^/]+)').join('');
  const insideFolders = Array.from({ length: depth }, (_, level) =>
    ['src', ...Array.from({ length: level }, (_, i) => `$${i + 1}`)].join('/'),
  );
  return {
    name: 'through-the-folder-index',
    severity: 'error',
    comment:
      "Import another folder through its index.ts, never one of its files: a folder's index.ts is its " +
      'public face. Files of your own folder and of the folders above it are imported directly. ' +
      '`npm run fix:imports` rewrites offending imports.',
    from: { path: `^src${segments}/[^/]+$`, ...(skipped.length > 0 ? { pathNot: exactly(skipped) } : {}) },
    to: { path: '^src/', pathNot: `^(${insideFolders.join('|')})/[^/]+$|/index\\.ts$` },
  };
}

/** For an importer with known index bypasses: the same rule, except for exactly those targets. */
function throughTheFolderIndexExcept(importer, targets) {
  const folders = importer.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'));
  return {
    ...throughTheFolderIndex(folders.length, []),
    from: { path: exactly([importer]) },
    to: { path: '^src/', pathNot: `^(${folders.map(escape).join('|')})/[^/]+$|/index\\.ts$|${exactly(targets)}` },
  };
}

const DRIVERS = {
  sqlite: ['better-sqlite3'],
  postgres: ['pg', 'pg-pool', 'pg-cursor', 'pg-copy-streams'],
};
const driverPath = (names) => `(^|/)node_modules/(@types/)?(${names.join('|')})/`;

/**
 * The rules, skipping the given known violations (test/architecture/ builds them with none, to
 * show that each known violation is still real).
 * @param {ReadonlyArray<{ rule: string, from: string }>} known
 * @returns {import('dependency-cruiser').IForbiddenRuleType[]}
 */
function forbiddenRules(known) {
  /** [importer, its known index bypasses] (Node 20 has no Map.groupBy). */
  const bypassing = [];
  for (const v of known.filter((k) => k.rule === 'through-the-folder-index')) {
    const entry = bypassing.find(([importer]) => importer === v.from);
    if (entry) entry[1].push(v.to);
    else bypassing.push([v.from, [v.to]]);
  }
  return [
    {
      name: 'core-is-pure',
      severity: 'error',
      comment: 'core/ is the pure, browser-safe domain: it imports nothing of ours outside core/.',
      from: { path: '^src/core/' },
      to: { path: '^src/', pathNot: '^src/core/' },
    },
    {
      name: 'runtime-imports-only-core',
      severity: 'error',
      comment: 'The player runs in a browser: runtime/ imports only runtime/ and core/.',
      from: { path: '^src/runtime/' },
      to: { path: '^src/', pathNot: '^src/(runtime|core)/' },
    },
    {
      name: 'no-node-in-the-browser',
      severity: 'error',
      comment: 'runtime/ and core/ are bundled for the browser: no Node built-in modules (node:fs, path, …).',
      from: { path: '^src/(runtime|core)/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'player-reaches-no-package',
      severity: 'error',
      comment:
        'The player is one small bundle in every package: from its entry, no npm package may be reachable, ' +
        "not even through an index.ts that re-exports a module that imports one (ajv's top-level code would ride along).",
      from: { path: '^src/runtime/entry\\.ts$' },
      to: { path: '(^|/)node_modules/', reachable: true },
    },
    {
      name: 'database-drivers-in-their-store',
      severity: 'error',
      comment: 'better-sqlite3 is imported only in src/lrs/store/sqlite/, pg only in src/lrs/store/postgres/.',
      from: { path: '^src/', pathNot: skipping(known, 'database-drivers-in-their-store', '^src/lrs/store/sqlite/') },
      to: { path: driverPath(DRIVERS.sqlite) },
    },
    {
      name: 'database-drivers-in-their-store',
      severity: 'error',
      comment: 'better-sqlite3 is imported only in src/lrs/store/sqlite/, pg only in src/lrs/store/postgres/.',
      from: { path: '^src/', pathNot: skipping(known, 'database-drivers-in-their-store', '^src/lrs/store/postgres/') },
      to: { path: driverPath(DRIVERS.postgres) },
    },
    {
      name: 'nothing-imports-cli',
      severity: 'error',
      comment: 'cli/ wires everything together; nothing else may depend on it.',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'A cycle makes load order matter and layers meaningless (type-only imports count too).',
      from: { path: '^src/' },
      to: { circular: true },
    },
    ...Array.from({ length: MAX_FOLDER_DEPTH }, (_, i) => throughTheFolderIndex(i + 1, bypassing.map(([importer]) => importer))),
    ...bypassing.map(([importer, targets]) => throughTheFolderIndexExcept(importer, targets)),
  ];
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: forbiddenRules(KNOWN_VIOLATIONS),
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.d\\.ts$' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
// Not part of dependency-cruiser's schema, so not enumerable: read by test/architecture/.
Object.defineProperty(module.exports, 'KNOWN_VIOLATIONS', { value: KNOWN_VIOLATIONS });
Object.defineProperty(module.exports, 'MAX_FOLDER_DEPTH', { value: MAX_FOLDER_DEPTH });
Object.defineProperty(module.exports, 'forbiddenRules', { value: forbiddenRules });
