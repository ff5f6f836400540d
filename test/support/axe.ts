/** axe-core in a page or frame: the accessibility violations it finds, one readable line each. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Frame, Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url)), 'utf8');

interface AxeResult {
  violations: { id: string; help: string; nodes: { target: string[] }[] }[];
}

/** Violations within `scope` (a CSS selector; the whole document when absent). */
export async function axeViolations(doc: Page | Frame, scope?: string): Promise<string[]> {
  if (!(await doc.evaluate(() => 'axe' in window))) await doc.evaluate(AXE_SOURCE);
  const found = await doc.evaluate(async (selector) => {
    const axe = (window as unknown as { axe: { run(context: Element | Document): Promise<AxeResult> } }).axe;
    const context = selector ? document.querySelector(selector) : document;
    if (!context) throw new Error(`axe: nothing matches ${selector}`);
    const r = await axe.run(context);
    return r.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  }, scope ?? null);
  return found.map((v) => `${v.id}: ${v.help} — ${v.targets.join(', ')}`);
}
