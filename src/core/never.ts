/**
 * The `default` of a switch that must cover every case of a union: when a case is added to the
 * union and not to the switch, `x` is no longer `never` and the type checker names this line.
 * At run time it is reached only by data that bypassed the types (a hand-edited package).
 */
export function assertNever(x: never, what: string): never {
  throw new TypeError(`unexpected ${what}: ${JSON.stringify(x)}`);
}
