/** The panel that says, once the trainee finishes a module, what comes next (next-step.ts `endLines`). */
import type { Strings } from './strings.js';

export function showEndPanel(root: HTMLElement, after: HTMLElement, t: Strings, lines: readonly string[]): HTMLElement {
  const doc = root.ownerDocument;
  let panel = root.querySelector<HTMLElement>('.bd-end');
  if (!panel) {
    panel = doc.createElement('section');
    panel.className = 'bd-end';
    panel.tabIndex = -1;
    panel.setAttribute('aria-labelledby', 'bd-end-title');
    after.after(panel);
  }
  const title = doc.createElement('h2');
  title.id = 'bd-end-title';
  title.textContent = t.end.title;
  panel.replaceChildren(
    title,
    ...lines.map((line) => {
      const p = doc.createElement('p');
      p.textContent = line;
      return p;
    }),
  );
  panel.focus();
  return panel;
}
