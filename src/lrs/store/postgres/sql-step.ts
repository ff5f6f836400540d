/**
 * One SQL statement of a write with its parameters, and the same statement with its parameters
 * written in as literals, so a whole transaction (BEGIN … COMMIT) goes to PostgreSQL in one
 * round trip over the simple query protocol. A write of one statement otherwise waits for five
 * round trips; on a busy machine each costs about as much as the commit's flush.
 */

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
