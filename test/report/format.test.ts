import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/core/csv.js';
import { buildReport, groupsCsv, learnersCsv, reportHtml, toFact } from '../../src/report/index.js';
import { fixtureCatalogue, fixtureRoster, fixtureStatements, fixtureTaxonomy } from './fixture.js';

async function report() {
  const facts = fixtureStatements.map((s) => toFact(s)!);
  return buildReport(facts, {
    roster: fixtureRoster.learners,
    taxonomy: fixtureTaxonomy,
    catalogue: fixtureCatalogue,
    period: { from: '2026-01-01', to: '2026-12-31' },
    voided: new Set(facts.flatMap((f) => (f.voids ? [f.voids] : []))),
    generatedAt: '2027-01-06T00:00:00.000Z',
  });
}

describe('report formats', () => {
  it('writes learner CSV with a BOM, Vietnamese headers and one row per roster learner', async () => {
    const csv = learnersCsv(await report(), fixtureTaxonomy, 'vi');
    expect(csv.startsWith('\ufeffMã học viên,Họ và tên,')).toBe(true);
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(5);
    expect(rows[1]!.fields.slice(0, 7)).toEqual(['hv1', 'Nguyễn Văn An', 'bi-thu-dang-uy-xa', 'Xã A', 'cu-nhan-chinh-tri', '10', '10']);
    expect(rows[1]!.fields[9]).toBe('Trung bình');
    expect(rows[1]!.fields[10]).toBe('Đạt');
    expect(rows[2]!.fields[10]).toBe('Chưa đạt');
    expect(rows[2]!.fields[11]).toContain('còn thiếu 6 tiết');
  });

  it('writes unit aggregates with a column per grade band, in English on request', async () => {
    const rows = parseCsv(groupsCsv((await report()).byUnit, 'unit', fixtureTaxonomy, 'en'));
    expect(rows[0]!.fields.slice(0, 4)).toEqual(['Unit', 'Learners', 'Compliant', 'Compliant (%)']);
    expect(rows[1]!.fields.slice(0, 4)).toEqual(['Xã A', '2', '1', '50']);
  });

  it('renders a self-contained HTML report with charts and escapes learner text', async () => {
    const r = await report();
    const html = reportHtml(r, fixtureTaxonomy, 'vi');
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('Báo cáo kết quả bồi dưỡng');
    expect((html.match(/<svg role="img"/g) ?? []).length).toBe(3);
    expect(html).not.toMatch(/<script|<link|src="http/);
    expect(html).toContain('hv9');
    expect(html).toContain('thu-ky-xa');
    const hostile = reportHtml(
      { ...r, learners: [{ ...r.learners[0]!, learner: { ...r.learners[0]!.learner, name: '<img src=x onerror=alert(1)>' } }] },
      fixtureTaxonomy,
      'en',
    );
    expect(hostile).not.toContain('<img src=x');
    expect(hostile).toContain('&lt;img src=x');
  });
});
