/** `a=1 b="x y" c` → {a: '1', b: 'x y', c: 'true'} with each key's column. */
export function parseAttributes(src: string): Map<string, { value: string; column: number }> {
  const out = new Map<string, { value: string; column: number }>();
  const re = /([\p{L}\w-]+)(?:=("([^"]*)"|'([^']*)'|\S+))?/gu;
  for (const m of src.matchAll(re)) {
    const value = m[3] ?? m[4] ?? m[2] ?? 'true';
    out.set(m[1]!, { value, column: (m.index ?? 0) + 1 });
  }
  return out;
}
