/** content/taxonomy/*.yaml → core Taxonomy, each file checked by its schema and cross-checked. */
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import {
  diagnostic,
  type Diagnostic,
  type GradeBand,
  type Position,
  type Rules,
  type Taxonomy,
  type Tier,
  type Unit,
  nearest,
} from '../core/index.js';
import { validateWithSchema } from './schema.js';
import { parseYamlSource, type YamlSource } from './yaml-source.js';

export interface TaxonomyResult {
  readonly taxonomy?: Taxonomy;
  readonly diagnostics: Diagnostic[];
}

const FILES = {
  positions: 'positions.yaml',
  tiers: 'tiers.yaml',
  gradeBands: 'grade-bands.yaml',
  rules: 'rules.yaml',
  /** Optional: units and their 2025 mergers. */
  units: 'units.yaml',
} as const;

interface Loaded {
  readonly file: string;
  readonly source: YamlSource;
  readonly ok: boolean;
}

/**
 * Read the four taxonomy files of `dir`. Paths in diagnostics are relative to `base`
 * (default: the current working directory).
 */
export async function loadTaxonomy(dir: string, base: string = process.cwd()): Promise<TaxonomyResult> {
  const diagnostics: Diagnostic[] = [];
  const load = async (name: string, schema: 'taxonomy' | 'rules', optional = false): Promise<Loaded | undefined> => {
    const path = join(dir, name);
    const file = relative(base, path).split('\\').join('/');
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      if (optional) return undefined;
      diagnostics.push(
        diagnostic({ file, line: 0 }, 'taxonomy/missing-file', `Không tìm thấy tệp danh mục ${name}.`, `Taxonomy file ${name} not found.`),
      );
      return undefined;
    }
    const source = parseYamlSource(text.normalize('NFC'), file);
    diagnostics.push(...source.diagnostics);
    if (source.data === undefined) return { file, source, ok: false };
    const problems = validateWithSchema(schema, source, file);
    diagnostics.push(...problems);
    return { file, source, ok: problems.length === 0 };
  };

  const positions = await load(FILES.positions, 'taxonomy');
  const tiers = await load(FILES.tiers, 'taxonomy');
  const bands = await load(FILES.gradeBands, 'taxonomy');
  const rules = await load(FILES.rules, 'rules');
  const units = await load(FILES.units, 'taxonomy', true);
  if (!positions?.ok || !tiers?.ok || !bands?.ok || !rules?.ok || (units && !units.ok)) return { diagnostics };

  const taxonomy: Taxonomy = {
    positions: listOf<Position>(positions, 'positions'),
    tiers: listOf<Tier>(tiers, 'tiers'),
    gradeBands: listOf<GradeBand>(bands, 'gradeBands'),
    rules: rules.source.data as Rules,
    ...(units ? { units: listOf<Unit>(units, 'units') } : {}),
  };
  diagnostics.push(...crossCheck(taxonomy, { positions, tiers, bands, rules }));
  return diagnostics.some((d) => d.severity === 'error') ? { diagnostics } : { taxonomy, diagnostics };
}

function listOf<T>(loaded: Loaded, key: string): T[] {
  const data = loaded.source.data as Record<string, unknown>;
  return (data[key] as T[] | undefined) ?? [];
}

/** References between files: ids unique, replacedBy / requiredTier / equivalentTo / rule keys known. */
function crossCheck(
  t: Taxonomy,
  files: { positions: Loaded; tiers: Loaded; bands: Loaded; rules: Loaded },
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const positionIds = new Set(t.positions.map((p) => p.id));
  const tierIds = new Set(t.tiers.map((x) => x.id));
  const unknown = (loaded: Loaded, path: (string | number)[], kind: 'position' | 'tier', id: string, known: Set<string>): void => {
    const hint = nearest(id, known);
    const at = loaded.source.locate(path);
    const what = kind === 'position' ? ['chức danh', 'position'] : ['trình độ', 'tier'];
    out.push(
      diagnostic(
        { file: loaded.file, ...at },
        `taxonomy/unknown-${kind}`,
        `Không có ${what[0]} "${id}" trong danh mục${hint ? `; có phải "${hint}"?` : '.'}`,
        `Unknown ${what[1]} "${id}"${hint ? `; did you mean "${hint}"?` : '.'}`,
      ),
    );
  };
  const duplicates = (loaded: Loaded, key: string, ids: readonly string[]): void => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (seen.has(id)) {
        const at = loaded.source.locate([key, i, 'id']);
        out.push(diagnostic({ file: loaded.file, ...at }, 'taxonomy/duplicate-id', `Mã "${id}" bị trùng.`, `Duplicate id "${id}".`));
      }
      seen.add(id);
    });
  };
  duplicates(files.positions, 'positions', t.positions.map((p) => p.id));
  duplicates(files.tiers, 'tiers', t.tiers.map((x) => x.id));
  duplicates(files.bands, 'gradeBands', t.gradeBands.map((b) => b.id));

  t.positions.forEach((p, i) => {
    p.replacedBy?.forEach((r, j) => {
      if (!positionIds.has(r)) unknown(files.positions, ['positions', i, 'replacedBy', j], 'position', r, positionIds);
    });
    if (p.requiredTier && !tierIds.has(p.requiredTier)) unknown(files.positions, ['positions', i, 'requiredTier'], 'tier', p.requiredTier, tierIds);
    if (p.validTo && p.validFrom && p.validTo < p.validFrom) {
      const at = files.positions.source.locate(['positions', i, 'validTo']);
      out.push(
        diagnostic({ file: files.positions.file, ...at }, 'taxonomy/date-order', `validTo (${p.validTo}) đứng trước validFrom (${p.validFrom}).`, `validTo (${p.validTo}) is before validFrom (${p.validFrom}).`),
      );
    }
  });
  t.tiers.forEach((x, i) => {
    x.equivalentTo?.forEach((e, j) => {
      if (!tierIds.has(e)) unknown(files.tiers, ['tiers', i, 'equivalentTo', j], 'tier', e, tierIds);
    });
  });
  for (const positionId of Object.keys(t.rules.requiredCourses)) {
    if (!positionIds.has(positionId)) unknown(files.rules, ['requiredCourses', positionId], 'position', positionId, positionIds);
  }
  // Dated tier rules name positions and a tier; a typo must point at its line.
  for (const key of ['tierRequirements', 'eligibility', 'knowledgeUpdating'] as const) {
    (t.rules[key] ?? []).forEach((rule, i) => {
      rule.positions.forEach((p, j) => {
        if (!positionIds.has(p)) unknown(files.rules, [key, i, 'positions', j], 'position', p, positionIds);
      });
      if ('tier' in rule && !tierIds.has(rule.tier)) unknown(files.rules, [key, i, 'tier'], 'tier', rule.tier, tierIds);
    });
  }
  if (!t.gradeBands.some((b) => !b.passing)) {
    out.push(
      diagnostic({ file: files.bands.file, line: 1 }, 'taxonomy/no-failing-band', 'Cần một mức xếp loại "chưa đạt" (passing: false).', 'A failing grade band (passing: false) is required.', 'warning'),
    );
  }
  return out;
}
