/**
 * The LRS's layers point one way: protocol ← validate ← store ← auth ← service ← http ← server.
 * Each layer imports only the layers below it (and log.ts); database drivers stay inside their
 * store; there is no cycle. Checked with dependency-cruiser over the real sources, and over a
 * throwaway tree that breaks each rule once, so the rules are known to bite.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise } from 'dependency-cruiser';
import type { ICruiseResult, IForbiddenRuleType } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Bottom first. A layer may import itself and every layer before it. */
const LAYERS = ['protocol', 'validate', 'store', 'auth', 'service', 'http'] as const;

function layerRules(): IForbiddenRuleType[] {
  const rules: IForbiddenRuleType[] = LAYERS.map((layer, i) => ({
    name: `lrs-${layer}-points-down`,
    comment: `src/lrs/${layer}/ may import only ${LAYERS.slice(0, i + 1).join(', ')} (and log.ts)`,
    severity: 'error',
    from: { path: `^src/lrs/${layer}/` },
    to: { path: `^src/lrs/(?!(${LAYERS.slice(0, i + 1).join('|')})/|log\\.ts$)` },
  }));
  rules.push(
    {
      name: 'lrs-drivers-in-their-store',
      comment: 'better-sqlite3 only in store/sqlite/, pg only in store/postgres/',
      severity: 'error',
      from: { path: '^src/lrs/', pathNot: '^src/lrs/store/sqlite/' },
      to: { path: 'node_modules/better-sqlite3/' },
    },
    {
      name: 'lrs-pg-in-its-store',
      severity: 'error',
      from: { path: '^src/lrs/', pathNot: '^src/lrs/store/postgres/' },
      to: { path: 'node_modules/pg/' },
    },
    { name: 'lrs-no-cycle', severity: 'error', from: { path: '^src/lrs/' }, to: { circular: true } },
  );
  return rules;
}

async function violations(baseDir: string): Promise<string[]> {
  const out = await cruise(['src/lrs'], {
    baseDir,
    ruleSet: { forbidden: layerRules() },
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    validate: true,
  });
  const result = out.output as ICruiseResult;
  return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
}

describe('LRS layers', () => {
  it('point one way in the sources, with drivers inside their stores and no cycle', async () => {
    expect(await violations(repo)).toEqual([]);
  }, 60_000);

  it('fail on an upward import, a driver outside its store and a cycle', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lrs-layers-'));
    try {
      const files: Record<string, string> = {
        'src/lrs/protocol/index.ts': 'export const V = 1;\n',
        'src/lrs/http/errors.ts': "import { V } from '../protocol/index.js';\nexport const E = V;\n",
        // Upward: the service importing the HTTP layer.
        'src/lrs/service/statements.ts': "import { E } from '../http/errors.js';\nexport const S = E;\n",
        // A driver outside its store.
        'src/lrs/auth/keys.ts': "import Database from 'better-sqlite3';\nexport const D = Database;\n",
        // A cycle inside one layer.
        'src/lrs/validate/a.ts': "import { B } from './b.js';\nexport const A = B;\n",
        'src/lrs/validate/b.ts': "import { A } from './a.js';\nexport const B = () => A;\n",
      };
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      // The driver resolves from the fixture as from the repository.
      mkdirSync(join(dir, 'node_modules/better-sqlite3'), { recursive: true });
      writeFileSync(join(dir, 'node_modules/better-sqlite3/package.json'), '{"name":"better-sqlite3","main":"index.js"}');
      writeFileSync(join(dir, 'node_modules/better-sqlite3/index.js'), 'module.exports = {};');
      expect(await violations(dir)).toEqual([
        'lrs-drivers-in-their-store: src/lrs/auth/keys.ts → node_modules/better-sqlite3/index.js',
        'lrs-no-cycle: src/lrs/validate/a.ts → src/lrs/validate/b.ts',
        'lrs-service-points-down: src/lrs/service/statements.ts → src/lrs/http/errors.ts',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
