import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/core/csv.js';
import ExcelJS from 'exceljs';
import { buildReport, groupsCsv, learnersCsv, reportHtml, reportXlsx, toFact } from '../../src/report/index.js';
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
    const [positionName, tierName] = [fixtureTaxonomy.positions[0]!.name['vi'], fixtureTaxonomy.tiers.find((t) => t.id === 'cu-nhan-chinh-tri')!.name['vi']];
    expect(rows[1]!.fields.slice(0, 7)).toEqual(['hv1', 'Nguyễn Văn An', positionName, 'Xã A', tierName, '10', '10']);
    expect(rows[1]!.fields[8]).toBe('Khóa 1: 5');
    expect(rows[1]!.fields[9]).toBe('Trung bình');
    expect(rows[1]!.fields[10]).toBe('Đạt');
    expect(rows[2]!.fields[10]).toBe('Chưa đạt');
    expect(rows[2]!.fields[11]).toContain('còn thiếu 6 tiết');
  });

  it('writes unit aggregates with a column per grade band, in English on request', async () => {
    const rows = parseCsv(groupsCsv(await report(), 'unit', fixtureTaxonomy, 'en'));
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

describe('numbers and dates in the HTML report, as its language writes them', () => {
  it('Vietnamese: decimal commas in the tables, "50 %" and dd/mm/yyyy HH:mm; English: 3.5, 50% and ISO days', async () => {
    const r = await report();
    const vi = reportHtml(r, fixtureTaxonomy, 'vi');
    expect(vi).toContain('<td class="num">3,5</td>');
    expect(vi).not.toContain('<td class="num">3.5</td>');
    expect(vi).toMatch(/\(\d+(,\d)? %\)/);
    expect(vi).toContain('06/01/2027 07:00');
    expect(vi).toContain('01/01/2026 – 31/12/2026');
    const en = reportHtml(r, fixtureTaxonomy, 'en');
    expect(en).toContain('<td class="num">3.5</td>');
    expect(en).toMatch(/\(\d+(\.\d)?%\)/);
    expect(en).toContain('2027-01-06 07:00');
  });
});

describe('spreadsheets that open on a Vietnamese office PC', () => {
  it('writes an xlsx workbook: one sheet per table, typed numbers, frozen header, totals', async () => {
    const r = await report();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await reportXlsx(r, fixtureTaxonomy, 'vi')) as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Theo đơn vị', 'Theo chức danh', 'Theo khóa học', 'Trình độ lý luận chính trị', 'Chi tiết từng học viên']);
    const units = book.getWorksheet('Theo đơn vị')!;
    expect(units.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(units.getRow(1).getCell(1).value).toBe('Đơn vị');
    expect(units.getRow(2).getCell(1).value).toBe('Xã A');
    expect(units.getRow(2).getCell(2).value).toBe(2);
    expect(units.getRow(2).getCell(4).value).toBe(50);
    expect(units.getRow(2).getCell(12).value).toBe(7);
    expect(units.getRow(4).getCell(1).value).toBe('Tổng cộng');
    expect(units.getRow(4).getCell(2).value).toBe(4);
    expect(units.getRow(4).font?.bold).toBe(true);
    const learners = book.getWorksheet('Chi tiết từng học viên')!;
    expect(learners.getRow(2).getCell(6).value).toBe(10);
    expect(learners.getRow(2).getCell(11).value).toBe('Đạt');
  });

  it('writes CSV with ";" and decimal commas on request', async () => {
    const csv = groupsCsv(await report(), 'unit', fixtureTaxonomy, 'vi', ';');
    const rows = parseCsv(csv, ';');
    expect(rows[0]!.fields[0]).toBe('Đơn vị');
    expect(rows[1]!.fields.slice(0, 4)).toEqual(['Xã A', '2', '1', '50']);
    expect(rows.at(-1)!.fields[0]).toBe('Tổng cộng');
    expect(rows.find((r) => r.fields[0] === 'Tổng cộng')!.fields[11]).toBe('3,5');
  });
});
