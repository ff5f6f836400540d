/** The taxonomy data in content/ and the schema that guards it. */
import { mkdtemp, readFile, rm, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadTaxonomy } from '../../src/author/index.js';
import { annualMinimumRules, gradeBandFor, resolvePosition, resolveUnit, tierSatisfies } from '../../src/core/taxonomy.js';
import { auditTaxonomy } from '../../src/core/taxonomy-audit.js';

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
    expect(taxonomy!.tiers.map((t) => t.id)).toEqual(['so-cap', 'trung-cap', 'cao-cap', 'cu-nhan-chinh-tri', 'cao-cap-hanh-chinh', 'giay-xac-nhan-cao-cap']);
    for (const entry of [...taxonomy!.positions, ...taxonomy!.tiers, ...taxonomy!.gradeBands]) {
      expect('legal' in entry.source || 'assumption' in entry.source).toBe(true);
    }
    expect(taxonomy!.rules.passMark.value).toBe(5);
    expect(taxonomy!.rules.requiredCourses['bi-thu-dang-uy-xa']?.[0]?.course).toBe('boi-duong-bi-thu-dang-uy-xa');
  });

  it('gives every position and rule a source (document, article, date) or an assumption, and dates', async () => {
    const { taxonomy } = await loadTaxonomy(contentTaxonomy, repoRoot);
    expect(auditTaxonomy(taxonomy!)).toEqual([]);
  });

  it('the audit names an entry that lost its date, its article or its source', async () => {
    const { taxonomy } = await loadTaxonomy(contentTaxonomy, repoRoot);
    const t = taxonomy!;
    const [first, second, third, ...rest] = t.positions;
    const { validFrom: _dropped, ...undated } = first!;
    const { article: _article, date: _date, ...bare } = second!.source as { legal: string; article?: string; date?: string };
    const edited = {
      ...t,
      positions: [undated, { ...second!, source: bare }, { ...third!, source: { assumption: ' ' } }, ...rest],
    };
    expect(auditTaxonomy(edited)).toEqual([
      { entry: `positions/${first!.id}`, problem: 'no-dates' },
      { entry: `positions/${second!.id}`, problem: 'legal-without-article' },
      { entry: `positions/${second!.id}`, problem: 'legal-without-date' },
      { entry: `positions/${third!.id}`, problem: 'no-source' },
    ]);
  });

  it('maps the pre-2025 commune civil servants to the new job positions', async () => {
    const { taxonomy } = await loadTaxonomy(contentTaxonomy, repoRoot);
    const positions = taxonomy!.positions;
    expect(resolvePosition(positions, 'van-hoa-xa-hoi', '2025-03-01')).toEqual(['van-hoa-xa-hoi']);
    expect(resolvePosition(positions, 'van-hoa-xa-hoi', '2025-07-01')).toEqual(['chuyen-vien-phong-van-hoa-xa-hoi']);
    expect(resolvePosition(positions, 'tai-chinh-ke-toan', '2026-01-01')).toEqual(['chuyen-vien-phong-kinh-te-xa']);
    expect(resolvePosition(positions, 'dia-chinh-nong-nghiep-xay-dung', '2026-01-01')).toEqual(['chuyen-vien-phong-kinh-te-xa']);
    for (const p of positions.filter((x) => x.validTo !== undefined)) {
      expect(p.validTo, p.id).toBe('2025-06-30');
      expect(p.replacedBy?.length, p.id).toBeGreaterThan(0);
    }
  });

  it('keeps the Ban Chỉ huy quân sự and the cán bộ titles after 1/7/2025, and adds the 2025 commune positions', async () => {
    const { taxonomy } = await loadTaxonomy(contentTaxonomy, repoRoot);
    const byId = new Map(taxonomy!.positions.map((p) => [p.id, p]));
    for (const id of ['chi-huy-truong-quan-su-xa', 'bi-thu-dang-uy-xa', 'chu-tich-ubnd-xa', 'chu-tich-ub-mttq-xa']) {
      expect(byId.get(id)?.validTo, id).toBeUndefined();
      expect(resolvePosition(taxonomy!.positions, id, '2026-06-01'), id).toEqual([id]);
    }
    expect(byId.get('pho-chi-huy-truong-quan-su-xa')).toMatchObject({ kind: 'cong-chuc', validFrom: '2025-07-01' });
    for (const id of [
      'truong-phong-chuyen-mon-xa',
      'pho-truong-phong-chuyen-mon-xa',
      'chanh-van-phong-hdnd-ubnd-xa',
      'chanh-van-phong-dang-uy-xa',
      'truong-ban-xay-dung-dang-xa',
      'chu-nhiem-ubkt-dang-uy-xa',
    ]) {
      expect(byId.get(id)?.validFrom, id).toBe('2025-07-01');
    }
    expect(byId.get('dia-chinh-nong-nghiep-xay-dung')?.name['vi']).toBe('Địa chính – nông nghiệp – xây dựng và môi trường');
  });

  it('dates the tier requirements and keeps 350-QĐ/TW as eligibility, not as a requirement', async () => {
    const { taxonomy } = await loadTaxonomy(contentTaxonomy, repoRoot);
    const rules = taxonomy!.rules;
    expect(taxonomy!.positions.filter((p) => p.requiredTier !== undefined)).toEqual([]);
    for (const r of rules.tierRequirements ?? []) {
      expect(r.tier, r.id).toBe('trung-cap');
      expect('legal' in r.source && r.source.legal.includes('350')).toBe(false);
    }
    const nd33 = rules.tierRequirements?.find((r) => r.id === 'nd33-can-bo-xa-trung-cap');
    expect(nd33).toMatchObject({ validTo: '2025-06-30', source: { legal: 'Nghị định 33/2023/NĐ-CP' } });
    const caoCap = rules.eligibility?.find((r) => r.tier === 'cao-cap');
    expect(caoCap?.positions).toEqual(expect.arrayContaining(['bi-thu-dang-uy-xa', 'pho-bi-thu-dang-uy-xa', 'chu-tich-hdnd-xa', 'chi-huy-truong-quan-su-xa']));
    expect(caoCap?.validFrom).toBe('2025-08-29');
  });

  it('states the annual minimum per kind of position', async () => {
    const { taxonomy } = await loadTaxonomy(contentTaxonomy, repoRoot);
    const annual = annualMinimumRules(taxonomy!.rules);
    for (const kind of ['can-bo', 'cong-chuc', 'dang-vien', 'quan-chung-uu-tu']) {
      expect(annual.some((r) => r.kinds.includes(kind)), kind).toBe(true);
    }
    for (const r of annual.filter((x) => x.periods === 40)) expect('assumption' in r.source, r.id).toBe(true);
  });

  it('maps the communes merged in 2025 to the new ones', async () => {
    const { taxonomy } = await loadTaxonomy(contentTaxonomy, repoRoot);
    const units = taxonomy!.units;
    expect(resolveUnit(units, 'Xã Tân Lập', '2025-06-30')).toBe('Xã Tân Lập');
    expect(resolveUnit(units, 'Xã Tân Lập', '2025-07-01')).toBe('Xã Tân Phú');
    expect(resolveUnit(units, 'Xã Hòa Bình', '2026-12-31')).toBe('Xã Đồng Hòa');
    expect(resolveUnit(units, 'Xã Quảng Phú', '2026-12-31')).toBe('Xã Quảng Phú');
    expect(resolveUnit(units, 'Xã không có trong danh mục', '2026-12-31')).toBe('Xã không có trong danh mục');
  });

  it('counts cử nhân chính trị as cao cấp and grades on the shared bands', async () => {
    const { taxonomy } = await loadTaxonomy(contentTaxonomy, repoRoot);
    expect(tierSatisfies(taxonomy!.tiers, 'cu-nhan-chinh-tri', 'cao-cap')).toBe(true);
    expect(tierSatisfies(taxonomy!.tiers, 'cao-cap-hanh-chinh', 'cao-cap')).toBe(true);
    expect(tierSatisfies(taxonomy!.tiers, 'giay-xac-nhan-cao-cap', 'cao-cap')).toBe(true);
    const cuNhan = taxonomy!.tiers.find((x) => x.id === 'cu-nhan-chinh-tri')!;
    expect('legal' in cuNhan.source && cuNhan.source.legal).toContain('09-KL/TW');
    expect(tierSatisfies(taxonomy!.tiers, 'trung-cap', 'cao-cap')).toBe(false);
    const band = (mark: number): string | undefined => gradeBandFor(taxonomy!.gradeBands, mark)?.id;
    expect([9, 8.5, 7, 5, 4.99].map(band)).toEqual(['xuat-sac', 'gioi', 'kha', 'trung-binh', 'khong-dat']);
  });
});

describe('taxonomy schema', () => {
  it('an entry without a source is an error at its line', async () => {
    const dir = await withEdit('tiers.yaml', (t) => t.replace(/\n {4}source:\n {6}legal: Kết luận 09-KL\/TW[^\n]*(\n {6}[^\n]*)*/, ''));
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
    expect(diagnostics.map((d) => `${d.file}:${d.line} ${d.code}`)).toEqual(['grade-bands.yaml:9 schema/source']);
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
    let dir = await withEdit('positions.yaml', (t) => t.replace('validTo: 2025-06-30', 'validTo: 30/06/2025').replace('kind: can-bo', 'kind: [can-bo]'));
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
