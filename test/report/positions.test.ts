/** Positions and communes after the 2025 reform, on the sample taxonomy (content/taxonomy). */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTaxonomy } from '../../src/author/index.js';
import { parseRoster } from '../../src/core/roster.js';
import { buildReport } from '../../src/report/index.js';
import { repoRoot } from '../e2e/harness/index.js';

const roster = parseRoster(
  `id,ho_ten,chuc_danh,don_vi,trinh_do_llct,nam_sinh,gioi_tinh,ngay_ket_nap,chuc_danh_moi
t1,Đỗ Văn Một,tu-phap-ho-tich,Xã Tân Lập,trung-cap,1980,nam,,chuyen-vien-trung-tam-phuc-vu-hanh-chinh-cong
t2,Đỗ Thị Hai,tu-phap-ho-tich,xã Đồng Tâm,trung-cap,1985,nữ,,
t3,Đỗ Văn Ba,van-phong-thong-ke,Xã Tân Phú,so-cap,1990,nam,,
t4,Đỗ Thị Bốn,tu-phap-ho-tich,Xã Tân Phú,so-cap,1992,nữ,,bi-thu-dang-uy-xa
`,
  'roster.csv',
);

describe('positions and communes after the reform', () => {
  it('counts an old title under its new position, the one the roster names when it was split', async () => {
    expect(roster.diagnostics).toEqual([]);
    const tax = await loadTaxonomy(join(repoRoot, 'content', 'taxonomy'), repoRoot);
    const report = await buildReport([], { roster: roster.learners, taxonomy: tax.taxonomy!, catalogue: [], period: { from: '2026-01-01', to: '2026-12-31' } });
    expect(report.byPosition.map((g) => [g.key, g.learners])).toEqual([
      ['chuyen-vien-trung-tam-phuc-vu-hanh-chinh-cong', 1],
      ['chuyen-vien-van-phong-hdnd-ubnd-xa', 3],
    ]);
    // t2 has no chuc_danh_moi, t4 names a position the old title does not map to: both listed.
    expect(report.ambiguousPositions).toEqual([
      { learner: 't2', position: 'tu-phap-ho-tich', candidates: ['chuyen-vien-van-phong-hdnd-ubnd-xa', 'chuyen-vien-trung-tam-phuc-vu-hanh-chinh-cong'], line: 3 },
      {
        learner: 't4',
        position: 'tu-phap-ho-tich',
        candidates: ['chuyen-vien-van-phong-hdnd-ubnd-xa', 'chuyen-vien-trung-tam-phuc-vu-hanh-chinh-cong'],
        given: 'bi-thu-dang-uy-xa',
        line: 5,
      },
    ]);
    // Communes under their merged names, whatever the case of "xã".
    expect(report.byUnit.map((g) => [g.key, g.learners])).toEqual([
      ['Xã Đồng Hòa', 1],
      ['Xã Tân Phú', 3],
    ]);
  });
});
