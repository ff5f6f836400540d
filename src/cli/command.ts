/** The shape of one `boiduong` subcommand. */

/** 0 ok, 1 content errors, 2 usage, 3 the LRS or its kept copy failed (unreachable, refused key, no cache). */
export const EXIT = { ok: 0, contentErrors: 1, usage: 2, lrs: 3 } as const;

export interface ParsedArgs {
  /** Positional arguments after the subcommand. */
  readonly positionals: readonly string[];
  /** --name value / --name=value / --flag (true). Repeated flags keep the last value. */
  readonly flags: Readonly<Record<string, string | true>>;
}

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly cwd: string;
  readonly lang: 'vi' | 'en';
}

export interface Command {
  readonly name: string;
  readonly summary: { readonly vi: string; readonly en: string };
  /** Full help text shown by `boiduong NAME --help`. */
  readonly help: { readonly vi: string; readonly en: string };
  /** Flags that take a value (others are booleans). */
  readonly valueFlags?: readonly string[];
  run(args: ParsedArgs, io: Io): Promise<number>;
}

export class UsageError extends Error {}
