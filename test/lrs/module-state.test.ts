/**
 * No LRS module keeps mutable state at its top level: clocks, counters and maps of writes in
 * flight belong to an instance (one per running LRS), so two LRS in one process, or one LRS
 * restarted in a test, never share them, and a node of several is only what it holds itself.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Top-level `let`/`var`, and top-level Maps and WeakMaps (mutable by nature), as `file:line name`. */
function moduleState(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  for (const st of sf.statements) {
    if (!ts.isVariableStatement(st)) continue;
    const mutable = (st.declarationList.flags & ts.NodeFlags.Const) === 0;
    for (const d of st.declarationList.declarations) {
      const init = d.initializer;
      const map = init !== undefined && ts.isNewExpression(init) && ts.isIdentifier(init.expression) && /^(Weak)?Map$/.test(init.expression.text);
      if (mutable || map) {
        const line = sf.getLineAndCharacterOfPosition(d.getStart()).line + 1;
        found.push(`${relative(root, file)}:${line} ${d.name.getText()}`);
      }
    }
  }
  return found;
}

describe('LRS module state', () => {
  it('no module of src/lrs holds a top-level let, var, Map or WeakMap', () => {
    expect(sources(join(root, 'src/lrs')).flatMap(moduleState)).toEqual([]);
  });
});
