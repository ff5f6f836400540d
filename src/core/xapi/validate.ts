/**
 * Statement checks against schemas/xapi-statement.schema.json plus the rules a schema cannot say
 * (raw within min..max). Used by tests on every statement the runtime emits, and by the LMS.
 * Kept out of core's index so browser bundles never pull ajv in.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import schema from '../../../schemas/xapi-statement.schema.json' with { type: 'json' };

// ajv-formats ships CommonJS; its default export arrives wrapped under some loaders.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv) => Ajv;

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    // An absolute IRI: a scheme, a colon, no whitespace (RFC 3987 allows non-ASCII letters).
    ajv.addFormat('iri', /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$/u);
    compiled = ajv.compile(schema);
  }
  return compiled;
}

/** Every problem with a statement, as "path: message"; empty when it is valid. */
export function statementProblems(statement: unknown): string[] {
  const validate = validator();
  const problems: string[] = [];
  if (!validate(statement)) {
    for (const e of validate.errors ?? []) problems.push(`${e.instancePath || '/'}: ${e.message ?? e.keyword}`);
  }
  const score = (statement as { result?: { score?: { raw?: number; min?: number; max?: number } } } | null)?.result?.score;
  if (score && typeof score.raw === 'number') {
    if (typeof score.min === 'number' && score.raw < score.min) problems.push('/result/score/raw: below min');
    if (typeof score.max === 'number' && score.raw > score.max) problems.push('/result/score/raw: above max');
  }
  if (score && typeof score.min === 'number' && typeof score.max === 'number' && score.min > score.max) {
    problems.push('/result/score: min above max');
  }
  return problems;
}
