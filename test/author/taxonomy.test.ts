/** The taxonomy data in content/ and the schema that guards it. */
import { mkdtemp, readFile, rm, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadTaxonomy } from '../../src/author/index.js';
import { gradeBandFor, resolvePosition, tierSatisfies } from '../../src/core/taxonomy.js';

const repoRoot = resolve(import.meta.dirname, '..', '..');
const contentTaxonomy = resolve(repoRoot, 'content/taxonomy');
let scratch: string | undefined;

afterEach(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
  scratch = undefined;
});

/** A copy of the real taxonomy with one file's text replaced. */
async function withEdit(file: string, edit: (text: string) => string): Promise<string> {
  scratch = await mkdtemp(join(tmpdir(), 'bd-taxonomy-'));
  await cp(contentTaxonomy, scratch, { recursive: true });
  const path = join(scratch, file);
  await writeFile(path, edit(await readFile(path, 'utf8')));
  return scratch;
}

describe('content/taxonomy', () => {
  it('loads without problems', async () => {
    const { taxonomy, diagnostics } = await loadTaxonomy(contentTaxonomy, repoRoot);
    expect(diagnostics).toEqual([]);
    expect(taxonomy).toBeDefined();
  });

  it('has the shared ids and every entry a source', async () => {
    const { taxonomy } = await loadTaxonomy(contentTaxonomy, repoRoot);
    const ids = taxonomy!.positions.map((p) => p.id);
    for (const id of ['bi-thu-dang-uy-xa', 'chu-tich-ub-mttq-xa', 'tu-phap-ho-tich', 'chuyen-vien-phong-kinh-te-xa', 'dang-vien-moi', 'lanh-dao-cap-phong-tinh']) {
      expect(ids).toContain(id);
    }
    expect(taxonomy!.tiers.map((t) => t.id)).toEqual(['so-cap', 'trung-cap', 'cao-cap', 'cu-nhan-chinh-tri']);
    for (const entry of [...taxonomy!.positions, ...taxonomy!.tiers, ...taxonomy!.gradeBands]) {
      expect('legal' in entry.source || 'assumption' in entry.source).toBe(true);
    }
    expect(taxonomy!.rules.passMark.value).toBe(5);
    expect(taxonomy!.rules.annualMinimumPeriods.periods).toBe(40);
    expect('assumption' in taxonomy!.rules.annualMinimumPeriods.source).toBe(true);
    expect(taxonomy!.rules.requiredCourses['bi-thu-dang-uy-xa']?.[0]?.course).toBe('boi-duong-bi-thu-dang-uy-xa');
  });

  it('maps the pre-2025 commune civil servants to the new job positions', async () => {
    const { taxonomy } = await loadTaxonomy(contentTaxonomy, repoRoot);
    const positions = taxonomy!.positions;
    expect(resolvePosition(positions, 'van-hoa-xa-hoi', '2025-03-01')).toEqual(['van-hoa-xa-hoi']);
    expect(resolvePosition(positions, 'van-hoa-xa-hoi', '2025-07-01')).toEqual(['chuyen-vien-phong-van-hoa-xa-hoi']);
    expect(resolvePosition(positions, 'tai-chinh-ke-toan', '2026-01-01')).toEqual(['chuyen-vien-phong-kinh-te-xa']);
    for (const p of positions.filter((x) => x.kind === 'cong-chuc')) {
      expect(p.validTo).toBe('2025-06-30');
      expect(p.replacedBy?.length).toBeGreaterThan(0);
    }
  });

  it('counts cử nhân chính trị as cao cấp and grades on the shared bands', async () => {
    const { taxonomy } = await loadTaxonomy(contentTaxonomy, repoRoot);
    expect(tierSatisfies(taxonomy!.tiers, 'cu-nhan-chinh-tri', 'cao-cap')).toBe(true);
    expect(tierSatisfies(taxonomy!.tiers, 'trung-cap', 'cao-cap')).toBe(false);
    const band = (mark: number): string | undefined => gradeBandFor(taxonomy!.gradeBands, mark)?.id;
    expect([9, 8.5, 7, 5, 4.99].map(band)).toEqual(['xuat-sac', 'gioi', 'kha', 'trung-binh', 'khong-dat']);
  });
});

describe('taxonomy schema', () => {
  it('an entry without a source is an error at its line', async () => {
    const dir = await withEdit('tiers.yaml', (t) => t.replace(/\n    source: \{ legal: Quy định 57-QĐ\/TW, article: "cử nhân[^\n]*/, ''));
    const { taxonomy, diagnostics } = await loadTaxonomy(dir, dir);
    expect(taxonomy).toBeUndefined();
    expect(diagnostics.map((d) => `${d.file} ${d.code}`)).toEqual(['tiers.yaml schema/required']);
    expect(diagnostics[0]!.message['vi']).toContain('"source"');
    // The line of the entry that lacks it.
    expect((await readFile(join(dir, 'tiers.yaml'), 'utf8')).split('\n')[diagnostics[0]!.line - 1]).toContain('id: cu-nhan-chinh-tri');
  });

  it('a source must be legal or an assumption', async () => {
    const dir = await withEdit('grade-bands.yaml', (t) => t.replace('source: { assumption: "Mốc 9', 'source: { ghi-chu: "Mốc 9'));
    const { diagnostics } = await loadTaxonomy(dir, dir);
    expect(diagnostics.map((d) => `${d.file}:${d.line} ${d.code}`)).toEqual(['grade-bands.yaml:8 schema/source']);
  });

  it('a replacement naming an unknown position suggests the nearest', async () => {
    const dir = await withEdit('positions.yaml', (t) => t.replace('replacedBy: [chuyen-vien-phong-van-hoa-xa-hoi]', 'replacedBy: [chuyen-vien-phong-van-hoa-xh]'));
    const { taxonomy, diagnostics } = await loadTaxonomy(dir, dir);
    expect(taxonomy).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.code).toBe('taxonomy/unknown-position');
    expect(diagnostics[0]!.message['en']).toContain('"chuyen-vien-phong-van-hoa-xa-hoi"');
    expect((await readFile(join(dir, 'positions.yaml'), 'utf8')).split('\n')[diagnostics[0]!.line - 1]).toContain('replacedBy');
  });

  it('a bad date, a wrong type and a YAML syntax error are all reported', async () => {
    let dir = await withEdit('positions.yaml', (t) => t.replace('validTo: 2025-06-30', 'validTo: 30/06/2025').replace('requiredTier: cao-cap', 'requiredTier: [cao-cap]'));
    let { diagnostics } = await loadTaxonomy(dir, dir);
    expect(diagnostics.map((d) => d.code).sort()).toEqual(['schema/format', 'schema/type']);
    await rm(dir, { recursive: true });
    dir = await withEdit('rules.yaml', (t) => t.replace('passMark:\n  value: 5', 'passMark:\n  value: [5'));
    ({ diagnostics } = await loadTaxonomy(dir, dir));
    expect(diagnostics[0]!.code).toBe('yaml-syntax');
    expect(diagnostics[0]!.file).toBe('rules.yaml');
  });

  it('a missing file is named', async () => {
    const dir = await withEdit('rules.yaml', (t) => t);
    await rm(join(dir, 'rules.yaml'));
    const { diagnostics } = await loadTaxonomy(dir, dir);
    expect(diagnostics.map((d) => `${d.file} ${d.code}`)).toEqual(['rules.yaml taxonomy/missing-file']);
  });
});
