/** Frontmatter data → ModuleMeta: schema, then positions and tier against the taxonomy. */
import { diagnostic, type Diagnostic, type ModuleMeta, type Taxonomy, nearest, pickText } from '../core/index.js';
import { validateWithSchema } from './schema.js';
import type { YamlSource } from './yaml-source.js';

const NO_TIER = new Set(['none', 'khong']);

export interface MetaOptions {
  readonly taxonomy?: Taxonomy;
  /** ISO date used to tell expired positions (default today). */
  readonly today?: string;
}

export function checkMeta(yaml: YamlSource, file: string, opts: MetaOptions): { meta?: ModuleMeta; diagnostics: Diagnostic[] } {
  if (yaml.data === undefined) return { diagnostics: [] };
  if (yaml.data === null || typeof yaml.data !== 'object' || Array.isArray(yaml.data)) {
    return {
      diagnostics: [
        diagnostic({ file, line: 2 }, 'schema/type', 'Phần khai báo đầu tệp phải là các dòng "trường: giá trị".', 'The frontmatter must be "field: value" lines.'),
      ],
    };
  }
  const diagnostics = validateWithSchema('module', yaml, file);
  const data = yaml.data as Record<string, unknown>;
  const taxonomy = opts.taxonomy;
  const positions = Array.isArray(data['positions']) ? (data['positions'] as unknown[]).filter((p): p is string => typeof p === 'string') : [];
  const rawTier = data['tier'];
  const tier = typeof rawTier === 'string' && !NO_TIER.has(rawTier) ? rawTier : null;

  if (taxonomy) {
    const byId = new Map(taxonomy.positions.map((p) => [p.id, p]));
    const today = opts.today ?? new Date().toISOString().slice(0, 10);
    (data['positions'] as unknown[] | undefined)?.forEach((id, i) => {
      if (typeof id !== 'string') return;
      const at = yaml.locate(['positions', i]);
      const known = byId.get(id);
      if (!known) {
        const hint = nearest(id, byId.keys());
        diagnostics.push(
          diagnostic(
            { file, ...at },
            'unknown-position',
            `Chức danh "${id}" không có trong danh mục (taxonomy/positions.yaml)${hint ? `; có phải "${hint}"?` : '.'}`,
            `Position "${id}" is not in the taxonomy (taxonomy/positions.yaml)${hint ? `; did you mean "${hint}"?` : '.'}`,
          ),
        );
      } else if (known.validTo && known.validTo < today) {
        const next = known.replacedBy ?? [];
        const names = next.map((r) => `"${r}" (${pickText(byId.get(r)?.name, 'vi')})`).join(', ');
        const namesEn = next.map((r) => `"${r}" (${pickText(byId.get(r)?.name, 'en')})`).join(', ');
        diagnostics.push(
          diagnostic(
            { file, ...at },
            'expired-position',
            `Chức danh "${id}" hết hiệu lực từ sau ngày ${known.validTo}${next.length ? `; nên dùng ${names}` : ''}.`,
            `Position "${id}" is no longer valid after ${known.validTo}${next.length ? `; use ${namesEn}` : ''}.`,
            'warning',
          ),
        );
      }
    });
    if (tier !== null && !taxonomy.tiers.some((t) => t.id === tier)) {
      const hint = nearest(tier, taxonomy.tiers.map((t) => t.id));
      diagnostics.push(
        diagnostic(
          { file, ...yaml.locate(['tier']) },
          'unknown-tier',
          `Trình độ "${tier}" không có trong danh mục (taxonomy/tiers.yaml)${hint ? `; có phải "${hint}"?` : '.'} Ghi "none" nếu học phần không nhắm trình độ nào.`,
          `Tier "${tier}" is not in the taxonomy (taxonomy/tiers.yaml)${hint ? `; did you mean "${hint}"?` : '.'} Write "none" if the module targets no tier.`,
        ),
      );
    }
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };

  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => String(x).normalize('NFC')) : []);
  const meta: ModuleMeta = {
    id: String(data['id']),
    title: String(data['title']).normalize('NFC'),
    positions,
    tier,
    periods: Number(data['periods']),
    language: data['language'] === 'en' ? 'en' : 'vi',
    objectives: strings(data['objectives']),
    topics: strings(data['topics']),
    version: typeof data['version'] === 'string' || typeof data['version'] === 'number' ? String(data['version']) : '1.0.0',
    prerequisites: strings(data['prerequisites']),
    pass: typeof data['pass'] === 'number' ? data['pass'] : (taxonomy?.rules.passMark.value ?? 5),
    ...(typeof data['description'] === 'string' ? { description: data['description'].normalize('NFC') } : {}),
  };
  return { meta, diagnostics };
}
