/**
 * The dependency rules of .dependency-cruiser.cjs hold on src/, and breaking one of them in a
 * copy of src/ (an upward import, a cycle, a driver outside its store, …) makes them fail.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync, appendFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult, type IForbiddenRuleType, type IViolation } from 'dependency-cruiser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface KnownViolation {
  readonly rule: string;
  /** The importer. */
  readonly from: string;
  /** The imported file, when only that import is known (the index rule). */
  readonly to?: string;
  readonly why: string;
}
interface BoundaryConfig {
  readonly forbidden: IForbiddenRuleType[];
  readonly KNOWN_VIOLATIONS: readonly KnownViolation[];
  readonly MAX_FOLDER_DEPTH: number;
  forbiddenRules(known: readonly KnownViolation[]): IForbiddenRuleType[];
}

const root = fileURLToPath(new URL('../..', import.meta.url));
const config = createRequire(import.meta.url)(join(root, '.dependency-cruiser.cjs')) as BoundaryConfig;

async function violations(baseDir: string, forbidden: IForbiddenRuleType[]): Promise<IViolation[]> {
  const { output } = await cruise(
    ['src'],
    {
      baseDir,
      ruleSet: { forbidden },
      validate: true,
      tsPreCompilationDeps: true,
      doNotFollow: { path: 'node_modules' },
      exclude: { path: '\\.d\\.ts$' },
    },
    { extensionAlias: { '.js': ['.ts', '.js'] } },
  );
  return (output as ICruiseResult).summary.violations;
}

const key = (v: IViolation): string => `${v.rule.name} ${v.from} → ${v.to}`;

describe('the dependency rules', () => {
  it('hold on src/', async () => {
    expect((await violations(root, config.forbidden)).map(key)).toEqual([]);
  });

  it('still catch every known violation (remove an entry from KNOWN_VIOLATIONS once its import is gone)', async () => {
    const found = await violations(root, config.forbiddenRules([]));
    for (const known of config.KNOWN_VIOLATIONS) {
      const stillThere = found.some((v) => v.rule.name === known.rule && v.from === known.from && (known.to === undefined || v.to === known.to));
      expect(stillThere, `${known.rule} ${known.from} → ${known.to ?? '…'} no longer breaks the rule`).toBe(true);
    }
  });

  it('cover every folder of src/ (the index rule is written for at most MAX_FOLDER_DEPTH levels)', () => {
    const depth = (dir: string): number =>
      Math.max(
        relative(root, dir).split(sep).length,
        ...readdirSync(dir, { withFileTypes: true })
          .filter((e) => e.isDirectory())
          .map((e) => depth(join(dir, e.name))),
      );
    expect(depth(join(root, 'src'))).toBeLessThanOrEqual(config.MAX_FOLDER_DEPTH);
  });
});

describe('breaking a rule in a copy of src/', () => {
  let copy = '';
  let before: Set<string>;
  let added: IViolation[] = [];

  beforeAll(async () => {
    before = new Set((await violations(root, config.forbidden)).map(key));
    copy = mkdtempSync(join(tmpdir(), 'boiduong-boundaries-'));
    cpSync(join(root, 'src'), join(copy, 'src'), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
    const src = (file: string): string => join(copy, 'src', file);
    // An upward import: the pure core reaching into author/.
    appendFileSync(src('core/text.ts'), "\nimport type { LintResult } from '../author/index.js';\nexport type Upward = LintResult;\n");
    // The browser player reaching into the LRS and into Node.
    appendFileSync(
      src('runtime/entry.ts'),
      "\nimport type { Scope } from '../lrs/index.js';\nimport { readFileSync } from 'node:fs';\nexport const leaks: [Scope | undefined, typeof readFileSync] = [undefined, readFileSync];\n",
    );
    // The ajv-based statement validator exported where the player's imports reach it.
    appendFileSync(src('core/xapi/index.ts'), "\nexport { statementProblems } from './validate.js';\n");
    // Two report files that import each other.
    writeFileSync(src('report/cycle-a.ts'), "import { b } from './cycle-b.js';\nexport const a = (): number => b() + 1;\n");
    writeFileSync(src('report/cycle-b.ts'), "import { a } from './cycle-a.js';\nexport const b = (): number => a() - 1;\n");
    // A database driver outside its store, the CLI imported, a folder's file instead of its index.
    writeFileSync(src('report/sqlite-cache.ts'), "import Database from 'better-sqlite3';\nexport const open = (f: string) => new Database(f);\n");
    writeFileSync(src('report/uses-cli.ts'), "import type { Command } from '../cli/command.js';\nexport type C = Command;\n");
    // A new bypass in a file that has known ones: only those exact imports are excused.
    appendFileSync(src('lrs/store/store.ts'), "\nimport { slugify as slugOf } from '../../core/text.js';\nexport const slugged = slugOf('x');\n");
    writeFileSync(src('report/bypass.ts'), "import { slugify } from '../core/text.js';\nexport const s = slugify('Bồi dưỡng');\n");
    added = (await violations(copy, config.forbidden)).filter((v) => !before.has(key(v)));
  });

  afterAll(() => {
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  const broke = (rule: string, from: string): boolean => added.some((v) => v.rule.name === rule && v.from === from);

  it('an upward import from core/ fails core-is-pure', () => {
    expect(broke('core-is-pure', 'src/core/text.ts')).toBe(true);
  });
  it('runtime/ importing the LRS or a Node module fails', () => {
    expect(broke('runtime-imports-only-core', 'src/runtime/entry.ts')).toBe(true);
    expect(broke('no-node-in-the-browser', 'src/runtime/entry.ts')).toBe(true);
  });
  it('an npm package reachable from the player, even through an index.ts, fails', () => {
    expect(broke('player-reaches-no-package', 'src/runtime/entry.ts')).toBe(true);
  });
  it('a cycle fails no-cycles', () => {
    // dependency-cruiser reports a cycle once, from whichever of its modules it meets first.
    expect(broke('no-cycles', 'src/report/cycle-a.ts') || broke('no-cycles', 'src/report/cycle-b.ts')).toBe(true);
  });
  it('a database driver outside its store fails', () => {
    expect(broke('database-drivers-in-their-store', 'src/report/sqlite-cache.ts')).toBe(true);
  });
  it('importing cli/ fails', () => {
    expect(broke('nothing-imports-cli', 'src/report/uses-cli.ts')).toBe(true);
  });
  it("importing another folder's file instead of its index.ts fails", () => {
    expect(broke('through-the-folder-index', 'src/report/bypass.ts')).toBe(true);
    expect(added.some((v) => v.rule.name === 'through-the-folder-index' && v.from === 'src/lrs/store/store.ts' && v.to === 'src/core/text.ts')).toBe(true);
  });
  it('breaks nothing else', () => {
    const expected = new Set(['src/lrs/store/store.ts', 'src/core/text.ts', 'src/runtime/entry.ts', 'src/report/cycle-a.ts', 'src/report/cycle-b.ts', 'src/report/sqlite-cache.ts', 'src/report/uses-cli.ts', 'src/report/bypass.ts']);
    // The upward import from core/ also closes a cycle through author/, which imports core/.
    const unexpected = added.filter((v) => !expected.has(v.from) && v.rule.name !== 'no-cycles');
    expect(unexpected.map(key)).toEqual([]);
  });
});
