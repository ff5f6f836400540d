/** Tiny DOM helpers shared by the player's components: plain DOM, no framework, to stay small. */

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | undefined> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) el.setAttribute(k, v);
  for (const c of children) el.append(c);
  return el;
}

/** An element holding author HTML (rendered and sanitised at build time from the author's Markdown). */
export function authored<K extends keyof HTMLElementTagNameMap>(tag: K, markup: string, attrs: Record<string, string | undefined> = {}): HTMLElementTagNameMap[K] {
  const el = h(tag, attrs);
  el.innerHTML = markup;
  return el;
}

/**
 * A document-unique id for label/field associations. The count lives on the window, not in this
 * module: the test and case bundles carry their own copy of this file, and their ids must not
 * repeat the player's.
 */
export function uid(prefix: string): string {
  const g = globalThis as { boiduongUid?: number };
  g.boiduongUid = (g.boiduongUid ?? 0) + 1;
  return `${prefix}-${g.boiduongUid}`;
}
