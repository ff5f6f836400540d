/**
 * Merges a newly seen definition into the canonical one: language maps are merged per language,
 * other properties are replaced by the newer statement's (xAPI lets the LRS keep the latest).
 * Stores run it inside the transaction that stores the statement.
 */
export function mergeActivityDefinition(
  current: Record<string, unknown> | undefined,
  incoming: Record<string, unknown>,
): Record<string, unknown> {
  if (!current) return incoming;
  const out: Record<string, unknown> = { ...current };
  for (const [k, v] of Object.entries(incoming)) {
    const old = out[k];
    const isMap = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
    out[k] = (k === 'name' || k === 'description') && isMap(old) && isMap(v) ? { ...old, ...v } : v;
  }
  return out;
}
