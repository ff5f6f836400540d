/** Reading case fixtures the way `boiduong case` does: module text → plugin output. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { caseInputsOf, casePlugin } from '../../src/author/case/index.js';
import type { CaseStudy } from '../../src/core/case/model.js';
import type { Diagnostic } from '../../src/core/diagnostic.js';

export function readCases(text: string, file = 'module.md'): { cases: CaseStudy[]; diagnostics: Diagnostic[] } {
  const outputs = caseInputsOf(text, file, 'module').map((input) => casePlugin(input));
  return { cases: outputs.flatMap((o) => o.cases ?? []), diagnostics: outputs.flatMap((o) => o.diagnostics) };
}

export function fixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8');
}

/** A case from Markdown that must parse without errors. */
export function caseOf(markdown: string): CaseStudy {
  const text = `---\nid: m\ntitle: M\n---\n${markdown}`;
  const { cases, diagnostics } = readCases(text);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !cases[0]) throw new Error(errors.map((d) => `${d.line} ${d.code}`).join('; '));
  return cases[0];
}
