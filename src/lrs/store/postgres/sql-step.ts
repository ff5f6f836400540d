/**
 * One SQL statement of a write with its parameters, and the same statement with its parameters
 * written in as literals, so a whole transaction (BEGIN … COMMIT) goes to PostgreSQL in one
 * round trip over the simple query protocol. A write of one statement otherwise waits for five
 * round trips; on a busy machine each costs about as much as the commit's flush.
 *
 * The statement can also be prepared once per connection and then EXECUTEd with the values as
 * literals: PostgreSQL then parses a short EXECUTE and a few array literals instead of the whole
 * statement, and plans it once.
 */
import { createHash } from 'node:crypto';

export interface SqlStep {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/**
 * pg.escapeLiteral, with one native replace instead of a character loop: the bodies of a batch
 * are most of a transaction's text, and the loop cost more than PostgreSQL's work on them.
 * The E'' form, with backslashes doubled, reads the same whatever standard_conforming_strings is.
 */
function quoted(s: string): string {
  return s.includes('\\') ? ` E'${s.replace(/[\\']/g, '$&$&')}'` : `'${s.replace(/'/g, "''")}'`;
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return quoted(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} into SQL`);
    return String(value);
  }
  if (Buffer.isBuffer(value)) return quoted(`\\x${value.toString('hex')}`);
  if (Array.isArray(value)) return value.length === 0 ? `'{}'` : `ARRAY[${value.map(literal).join(',')}]`;
  throw new Error(`cannot write a ${typeof value} into SQL`);
}

/** The step with each $n replaced by its value as an SQL literal (the casts after $n stay). */
export function inlined(step: SqlStep): string {
  return step.sql.replace(/\$(\d+)/g, (_, n: string) => {
    const i = Number(n) - 1;
    if (i < 0 || i >= step.params.length) throw new Error(`no parameter $${n}`);
    return literal(step.params[i]);
  });
}

/** The type each parameter is cast to where the statement first uses it ($n::type). */
function parameterTypes(sql: string): Map<number, string> {
  const types = new Map<number, string>();
  for (const m of sql.matchAll(/\$(\d+)::([a-z0-9_]+(?:\[\])?)/g)) if (!types.has(Number(m[1]))) types.set(Number(m[1]), m[2]!);
  return types;
}

/**
 * What a writer knows of its statements once it has seen them: the name each is prepared under
 * and its parameters' types, worked out once per statement text rather than at every write.
 * One per writer (no LRS module holds state of its own); the texts are a handful of constants.
 */
export class PreparedSteps {
  private readonly known = new Map<string, { name: string; types: Map<number, string> }>();

  private of(step: SqlStep): { name: string; types: Map<number, string> } {
    let k = this.known.get(step.sql);
    if (k === undefined) {
      // The same text, the same name, on every node.
      k = { name: `bd_${createHash('sha1').update(step.sql).digest('hex').slice(0, 16)}`, types: parameterTypes(step.sql) };
      this.known.set(step.sql, k);
    }
    return k;
  }

  /** The name the step's statement is prepared under. */
  name(step: SqlStep): string {
    return this.of(step).name;
  }

  /** PREPARE of the step's statement (its parameter types come from the casts in it). */
  preparation(step: SqlStep): string {
    return `PREPARE ${this.name(step)} AS ${step.sql}`;
  }

  /**
   * EXECUTE of the step's prepared statement with its values written in as the inlined statement
   * has them, each cast to its parameter's type (an ARRAY[...] of strings is text[] otherwise).
   */
  executed(step: SqlStep): string {
    const { name, types } = this.of(step);
    const args = step.params.map((v, i) => {
      const type = types.get(i + 1);
      if (type === undefined) throw new Error(`parameter $${i + 1} has no cast to say its type`);
      return `${literal(v)}::${type}`;
    });
    return `EXECUTE ${name}(${args.join(', ')})`;
  }
}
