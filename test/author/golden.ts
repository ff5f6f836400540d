/** Renders a golden Markdown input to the text its .html golden file holds. */
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { readModule } from '../../src/author/index.js';
import { formatDiagnostic } from '../../src/core/diagnostic.js';

export const goldenDir = resolve(import.meta.dirname, 'golden');

export async function goldenInputs(): Promise<string[]> {
  return (await readdir(goldenDir)).filter((f) => f.endsWith('.md')).sort();
}

export async function renderGolden(name: string): Promise<string> {
  const { module, diagnostics } = await readModule(join(goldenDir, name), { base: goldenDir, today: '2026-01-01' });
  const out: string[] = [];
  for (const page of module?.pages ?? []) {
    out.push(`<!-- page ${page.id} line ${page.line}: ${page.title} -->`, page.html.trim(), '');
  }
  for (const a of module?.assets ?? []) out.push(`<!-- asset ${a.target} <- ${a.source.slice(goldenDir.length + 1)} -->`);
  for (const d of diagnostics) out.push(`<!-- ${formatDiagnostic(d, 'en')} -->`);
  return `${out.join('\n').trim()}\n`;
}
