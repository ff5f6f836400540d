/** JSON Schema checks (ajv, every error reported) mapped back to YAML lines. */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import courseSchema from '../../schemas/course.schema.json' with { type: 'json' };
import moduleSchema from '../../schemas/module.schema.json' with { type: 'json' };
import rulesSchema from '../../schemas/rules.schema.json' with { type: 'json' };
import taxonomySchema from '../../schemas/taxonomy.schema.json' with { type: 'json' };
import { diagnostic, type Diagnostic, nearest } from '../core/index.js';
import type { YamlSource } from './yaml-source.js';

export type SchemaName = 'module' | 'course' | 'taxonomy' | 'rules';

// ajv-formats ships CommonJS; its default export arrives wrapped under some loaders.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv) => Ajv;

let validators: Record<SchemaName, ValidateFunction> | undefined;

function compiled(): Record<SchemaName, ValidateFunction> {
  if (!validators) {
    const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
    addFormats(ajv);
    validators = {
      module: ajv.compile(moduleSchema),
      course: ajv.compile(courseSchema),
      taxonomy: ajv.compile(taxonomySchema),
      rules: ajv.compile(rulesSchema),
    };
  }
  return validators;
}

/** Validate `source.data` against a schema; one diagnostic per problem, at its line. */
export function validateWithSchema(name: SchemaName, source: YamlSource, file: string): Diagnostic[] {
  const validate = compiled()[name];
  if (validate(source.data)) return [];
  return collapse(validate.errors ?? []).map((e) => toDiagnostic(e, source, file));
}

/** `oneOf` failures produce one error per branch plus the oneOf itself: keep only the summary. */
function collapse(errors: readonly ErrorObject[]): ErrorObject[] {
  const oneOfPaths = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  return errors.filter((e) => e.keyword === 'oneOf' || !oneOfPaths.has(e.instancePath) || e.schemaPath.indexOf('/oneOf/') < 0);
}

function pathOf(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

// Long by design (~85 lines): one flat case per JSON Schema keyword, each only its message in two languages.
function toDiagnostic(e: ErrorObject, source: YamlSource, file: string): Diagnostic {
  const path = pathOf(e.instancePath);
  const where = path.length > 0 ? path.join('.') : '';
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': {
      const missing = String(p['missingProperty']);
      const at = source.locate(path);
      const owner = where ? ` (${where})` : '';
      return diagnostic({ file, ...at }, 'schema/required', `Thiếu trường bắt buộc "${missing}"${owner}.`, `Missing required field "${missing}"${owner}.`);
    }
    case 'additionalProperties': {
      const extra = String(p['additionalProperty']);
      const at = source.locate([...path, extra], true);
      const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const hint = nearest(extra, allowed);
      return diagnostic(
        { file, ...at },
        'schema/unknown-field',
        hint
          ? `Trường "${extra}" không được hỗ trợ ở đây; có phải "${hint}"?`
          : `Trường "${extra}" không được hỗ trợ ở đây; các trường dùng được: ${allowed.join(', ')}.`,
        hint ? `Field "${extra}" is not allowed here; did you mean "${hint}"?` : `Field "${extra}" is not allowed here; allowed fields: ${allowed.join(', ')}.`,
      );
    }
    case 'type': {
      const at = source.locate(path);
      const t = String(p['type']);
      return diagnostic({ file, ...at }, 'schema/type', `"${where}" phải có kiểu ${typeVi(t)}.`, `"${where}" must be ${typeEn(t)}.`);
    }
    case 'pattern': {
      const at = source.locate(path);
      if (where === 'iri') {
        return diagnostic(
          { file, ...at },
          'schema/pattern',
          '"iri" phải là địa chỉ đầy đủ kết thúc bằng "/", ví dụ "https://daotao.example.gov.vn/xapi/".',
          '"iri" must be a full address ending in "/", e.g. "https://daotao.example.gov.vn/xapi/".',
        );
      }
      return diagnostic(
        { file, ...at },
        'schema/pattern',
        `"${where}" phải là mã viết thường không dấu, nối bằng dấu gạch ngang (ví dụ "tiep-xuc-doi-thoai").`,
        `"${where}" must be a lowercase ASCII id joined by hyphens (e.g. "tiep-xuc-doi-thoai").`,
      );
    }
    case 'enum': {
      const at = source.locate(path);
      const allowed = ((p['allowedValues'] as unknown[]) ?? []).map(String).join(', ');
      return diagnostic({ file, ...at }, 'schema/enum', `"${where}" chỉ nhận một trong: ${allowed}.`, `"${where}" must be one of: ${allowed}.`);
    }
    case 'format': {
      const at = source.locate(path);
      const f = String(p['format']);
      return diagnostic({ file, ...at }, 'schema/format', `"${where}" không đúng định dạng ${f}.`, `"${where}" is not a valid ${f}.`);
    }
    case 'minItems': {
      const at = source.locate(path);
      return diagnostic({ file, ...at }, 'schema/empty', `"${where}" cần ít nhất ${String(p['limit'])} mục.`, `"${where}" needs at least ${String(p['limit'])} item(s).`);
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const at = source.locate(path);
      const limit = String(p['limit']);
      const op = { minimum: ['≥', 'at least'], maximum: ['≤', 'at most'], exclusiveMinimum: ['>', 'greater than'], exclusiveMaximum: ['<', 'less than'] }[e.keyword];
      return diagnostic({ file, ...at }, 'schema/range', `"${where}" phải ${op[0]} ${limit}.`, `"${where}" must be ${op[1]} ${limit}.`);
    }
    case 'oneOf': {
      const at = source.locate(path);
      return diagnostic(
        { file, ...at },
        'schema/source',
        `"${where}" phải là { legal: "<văn bản>", article: "<điều>" } hoặc { assumption: "<vì sao là giả định>" }.`,
        `"${where}" must be { legal: "<legal text>", article: "<article>" } or { assumption: "<why it is assumed>" }.`,
      );
    }
    default: {
      const at = source.locate(path);
      return diagnostic({ file, ...at }, `schema/${e.keyword}`, `"${where}": ${e.message ?? ''}.`, `"${where}": ${e.message ?? ''}.`);
    }
  }
}

function typeVi(t: string): string {
  const m: Record<string, string> = { string: 'chuỗi chữ', number: 'số', integer: 'số nguyên', array: 'danh sách', object: 'nhóm trường', boolean: 'đúng/sai (true/false)' };
  return t.split(',').map((x) => m[x] ?? x).join(' hoặc ');
}
function typeEn(t: string): string {
  const m: Record<string, string> = { string: 'a string', number: 'a number', integer: 'an integer', array: 'a list', object: 'a mapping', boolean: 'true or false' };
  return t.split(',').map((x) => m[x] ?? x).join(' or ');
}
