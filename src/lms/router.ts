/**
 * A small typed route table: method and path pattern → handler. A pattern is either a plain path,
 * matched exactly against the request's path, or segments with `:name` parameters and an optional
 * final `*` (one or more further segments, handed over as `rest`), matched against the decoded,
 * non-empty segments of the path. Routes are tried in the order they are listed.
 *
 * Ours rather than a router package: the preview LMS has a dozen routes and is not on a hot
 * path; this is one screen of code whose parameter names the type checker derives from the pattern.
 */
export type Method = 'GET' | 'POST';

type ParamName<P extends string> = P extends `${infer Head}/${infer Tail}`
  ? ParamName<Head> | ParamName<Tail>
  : P extends `:${infer Name}`
    ? Name
    : never;

/** The parameters a pattern binds: `/launch/:course/:format` → { course, format }; a final `*` adds `rest`. */
export type PathParams<P extends string> = { readonly [K in ParamName<P>]: string } & (P extends `${string}/*`
  ? { readonly rest: readonly string[] }
  : unknown);

export interface Route<C> {
  readonly method: Method;
  readonly pattern: string;
  /** Undefined when the path does not match; otherwise runs the handler with the bound parameters. */
  match(path: string, segments: readonly string[]): ((context: C) => Promise<void> | void) | undefined;
}

export function route<C, P extends string>(method: Method, pattern: P, handler: (context: C, params: PathParams<P>) => Promise<void> | void): Route<C> {
  const parts = pattern.split('/').filter(Boolean);
  const exact = !parts.some((p) => p.startsWith(':') || p === '*');
  const splat = parts.at(-1) === '*';
  const fixed = splat ? parts.slice(0, -1) : parts;
  return {
    method,
    pattern,
    match(path, segments) {
      if (exact) return path === pattern ? (c) => handler(c, {} as PathParams<P>) : undefined;
      if (splat ? segments.length <= fixed.length : segments.length !== fixed.length) return undefined;
      const params: Record<string, string | readonly string[]> = {};
      for (const [i, part] of fixed.entries()) {
        const segment = segments[i]!;
        if (part.startsWith(':')) params[part.slice(1)] = segment;
        else if (part !== segment) return undefined;
      }
      if (splat) params['rest'] = segments.slice(fixed.length);
      return (c) => handler(c, params as PathParams<P>);
    },
  };
}

/** The path's segments as route patterns see them: split on '/', empty ones dropped, each decoded. */
export function pathSegments(path: string): string[] {
  return path.split('/').filter(Boolean).map(decodeURIComponent);
}

/** The first route of the table that answers this method and path. */
export function findRoute<C>(
  routes: readonly Route<C>[],
  method: string | undefined,
  path: string,
  segments: readonly string[],
): ((context: C) => Promise<void> | void) | undefined {
  for (const r of routes) {
    if (r.method !== method) continue;
    const run = r.match(path, segments);
    if (run) return run;
  }
  return undefined;
}
