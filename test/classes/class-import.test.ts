/**
 * A class held in person, as a training centre records it: the attendance sheet (CSV with ';'
 * and comma decimals, or XLSX) goes into a real LRS over HTTP with `boiduong class import`, a
 * second import adds nothing, and `boiduong report` counts the class's tiết, lượt and lớp.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { startLrs, type RunningLrs } from '../../src/lrs/index.js';
import type { ComplianceReport } from '../../src/report/index.js';
import { repoRoot } from '../e2e/harness/index.js';

const ROSTER = `id,ho_ten,chuc_danh,don_vi,trinh_do_llct,nam_sinh,gioi_tinh
qc01,Lò Văn Sáng,quan-chung-uu-tu,Xã Tân Lập,,1998,nam
qc02,Hà Thị Mai,quan-chung-uu-tu,Xã Tân Lập,,2000,nữ
qc03,Vàng A Dính,quan-chung-uu-tu,Xã Đồng Tâm,,1995,nam
qc04,Hà Thị Mai,quan-chung-uu-tu,Xã Đồng Tâm,,2001,nữ
`;

// The centre's sheet, saved by Excel with Vietnamese regional settings: ';' and "8,5".
const SHEET = `\ufeffma_hoc_vien;ho_ten;so_buoi_co_mat;diem\r\nqc01;Lò Văn Sáng;5;8,5\r\nqc02;Hà Thị Mai;4;6\r\n;Vàng A Dính;3;7\r\n`;

let dir: string;
let lrs: RunningLrs;
let auth: string;

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t), cwd: dir });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const classArgs = (sheet: string, id: string, extra: string[] = []): string[] => [
  'class', 'import', sheet, '--class', id, '--course', 'boi-duong-nhan-thuc-ve-dang', '--from', '2026-03-09', '--to', '2026-03-13',
  '--place', 'Hội trường Đảng ủy xã Tân Lập', '--organiser', 'Trung tâm Chính trị', '--periods', '40', '--sessions', '5',
  '--lrs', lrs.url, '--auth', auth, ...extra,
];

async function statementCount(): Promise<number> {
  let n = 0;
  let url: string | undefined = `${lrs.url}/statements?limit=500`;
  while (url) {
    const res = await fetch(url, { headers: { authorization: `Basic ${Buffer.from(auth).toString('base64')}`, 'x-experience-api-version': '1.0.3' } });
    const body = (await res.json()) as { statements: unknown[]; more?: string };
    n += body.statements.length;
    url = body.more ? new URL(body.more, lrs.url).toString() : undefined;
  }
  return n;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bd-class-'));
  cpSync(join(repoRoot, 'content', 'taxonomy'), join(dir, 'content', 'taxonomy'), { recursive: true });
  cpSync(join(repoRoot, 'content', 'courses'), join(dir, 'content', 'courses'), { recursive: true });
  writeFileSync(join(dir, 'content', 'roster.csv'), ROSTER);
  writeFileSync(join(dir, 'lop1.csv'), SHEET);
  lrs = await startLrs({ dataDir: join(dir, 'lrs'), port: 0, log: () => undefined });
  const key = await lrs.createKey(['all'], 'class-import');
  auth = `${key.key}:${key.secret}`;
}, 60_000);

afterAll(async () => {
  await lrs?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('boiduong class import', () => {
  it('writes attended and result statements, and a second import adds nothing', async () => {
    const first = await run(classArgs('lop1.csv', 'lop-nhan-thuc-2026-01'));
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    // qc01: attended + passed; qc02 (4 of 5 sessions, the 80% needed): attended + passed;
    // qc03 (3 of 5): attended, not completed, no mark.
    expect(first.out).toBe('Lớp lop-nhan-thuc-2026-01: 3 học viên, đã thêm 5 bản ghi, 0 bản ghi đã có trong LRS.');
    expect(await statementCount()).toBe(5);
    const again = await run(classArgs('lop1.csv', 'lop-nhan-thuc-2026-01'));
    expect(again.out).toBe('Lớp lop-nhan-thuc-2026-01: 3 học viên, đã thêm 0 bản ghi, 5 bản ghi đã có trong LRS.');
    expect(await statementCount()).toBe(5);
  });

  it('reads an XLSX sheet, and names an ambiguous full name at its row', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Điểm danh');
    sheet.addRow(['Mã học viên', 'Họ và tên', 'Số buổi có mặt', 'Điểm']);
    sheet.addRow(['qc03', 'Vàng A Dính', 5, 9]);
    sheet.addRow(['', 'Hà Thị Mai', 5, 7]);
    await book.xlsx.writeFile(join(dir, 'lop2.xlsx'));
    const ambiguous = await run(classArgs('lop2.xlsx', 'lop-nhan-thuc-2026-02'));
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.err).toMatch(/lop2\.xlsx:3:1 {2}lỗi: Có 2 học viên tên "Hà Thị Mai" \(qc02, qc04\)/);
    sheet.spliceRows(3, 1);
    await book.xlsx.writeFile(join(dir, 'lop2.xlsx'));
    const ok = await run(classArgs('lop2.xlsx', 'lop-nhan-thuc-2026-02'));
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/1 học viên, đã thêm 2 bản ghi/);
  });

  it('lets the report count the classes: tiết, lượt and lớp', async () => {
    const r = await run(['report', '--lrs', lrs.url, '--auth', auth, '--year', '2026', '--format', 'json', '--out', join(dir, 'report'), '--cache', join(dir, 'cache')]);
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'report', 'bao-cao.json'), 'utf8')) as ComplianceReport;
    const of = (id: string) => report.learners.find((l) => l.learner.id === id)!;
    // A class counts the 40 tiết it gave, not the 4 tiết of the module it covered.
    expect(of('qc01').periodsCompleted).toBe(40);
    expect(of('qc02').periodsCompleted).toBe(40);
    expect(of('qc03').periodsCompleted).toBe(40); // not enough sessions in class 1, completed class 2
    expect(of('qc04').periodsCompleted).toBe(0);
    expect(of('qc01').courses[0]).toMatchObject({ course: 'boi-duong-nhan-thuc-ve-dang', mark: 8.5, classes: ['lop-nhan-thuc-2026-01'], attended: false });
    expect(of('qc03').courses[0]).toMatchObject({ mark: 9, classes: ['lop-nhan-thuc-2026-02'] });
    expect(report.total).toMatchObject({ learners: 4, attendances: 3, classes: 2 });
    expect(report.byUnit.map((u) => [u.label, u.attendances, u.classes])).toEqual([
      ['Xã Đồng Hòa', 1, 1], // Đồng Tâm and Tân Lập were merged in 2025: reported under the new communes
      ['Xã Tân Phú', 2, 1],
    ]);
  });

  it('names the statements a corrected sheet would change, and takes the correction as a new revision', async () => {
    writeFileSync(join(dir, 'lop1-sua.csv'), SHEET.replace('qc01;Lò Văn Sáng;5;8,5', 'qc01;Lò Văn Sáng;5;9'));
    const before = await statementCount();
    const corrected = await run(classArgs('lop1-sua.csv', 'lop-nhan-thuc-2026-01'));
    expect(corrected.code).toBe(1);
    expect(corrected.err).toMatch(/^1 bản ghi đã có trong LRS với kết quả khác, không được sửa\. Để sửa: hủy \(void\) các bản ghi này rồi nhập bảng đã sửa với --revision 2: [0-9a-f-]{36}$/);
    expect(await statementCount()).toBe(before);
    const revised = await run(classArgs('lop1-sua.csv', 'lop-nhan-thuc-2026-01', ['--revision', '2']));
    expect(revised.code).toBe(0);
    expect(revised.out).toMatch(/đã thêm 5 bản ghi, 0 bản ghi đã có/);
  });
});
