/**
 * The report over the real sample data (content/taxonomy, roster, courses): the rules, positions
 * and units in force on the period's dates apply, so the same learner is judged by 2024's rules
 * in a 2024 report and by 2026's in a 2026 report.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/author/index.js';
import { parseRoster, type Learner } from '../../src/core/roster.js';
import type { Taxonomy } from '../../src/core/taxonomy.js';
import {
  buildReport,
  catalogueOf,
  learnersCsv,
  type CatalogueCourse,
  type ComplianceReport,
  type LearnerReport,
  type StatementFact,
} from '../../src/report/index.js';
import { VERB } from '../../src/report/index.js';
import { parseCsv } from '../../src/core/csv.js';

const repoRoot = resolve(import.meta.dirname, '..', '..');
let taxonomy: Taxonomy;
let catalogue: CatalogueCourse[];
let roster: Learner[];

beforeAll(async () => {
  const content = await lint(join(repoRoot, 'content'), { base: repoRoot });
  expect(content.diagnostics).toEqual([]);
  taxonomy = content.taxonomy!;
  catalogue = catalogueOf(content.courses);
  const parsed = parseRoster(readFileSync(join(repoRoot, 'content', 'roster.csv'), 'utf8'), 'content/roster.csv');
  expect(parsed.diagnostics).toEqual([]);
  roster = parsed.learners;
});

let seq = 0;
/** A completion of every module of a course by a learner, at noon Vietnam time on `day`. */
function completes(actor: string, courseId: string, day: string): StatementFact[] {
  const course = catalogue.find((c) => c.id === courseId)!;
  return course.modules.map((m) => {
    const id = `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;
    const timestamp = `${day}T05:00:00.000Z`;
    return m.graded
      ? { id, actor, verb: VERB.passed, object: m.activityId, timestamp, stored: timestamp, mark: 8, success: true, completion: true }
      : { id, actor, verb: VERB.completed, object: m.activityId, timestamp, stored: timestamp, completion: true };
  });
}

async function reportFor(year: number, facts: StatementFact[], tax: Taxonomy = taxonomy): Promise<ComplianceReport> {
  return buildReport(facts, {
    roster,
    taxonomy: tax,
    catalogue,
    period: { from: `${year}-01-01`, to: `${year}-12-31` },
    generatedAt: `${year + 1}-01-05T00:00:00.000Z`,
  });
}

const learner = (r: ComplianceReport, id: string): LearnerReport => r.learners.find((l) => l.learner.id === id)!;
const check = (r: LearnerReport, kind: string) => r.checks.find((c) => c.kind === kind);

describe('dated rules over the sample data', () => {
  it('judges the same Chủ tịch HĐND xã by 2024 rules in 2024 and by 2026 rules in 2026', async () => {
    const [r2024, r2026] = [await reportFor(2024, []), await reportFor(2026, [])];
    const [a, b] = [learner(r2024, 'hv008'), learner(r2026, 'hv008')];
    // hv008 holds trung cấp: the requirement is trung cấp in both years (350-QĐ/TW is not a requirement).
    expect(check(a, 'tier')).toMatchObject({ subject: 'trung-cap', met: true, rule: 'nd33-can-bo-xa-trung-cap' });
    expect(check(b, 'tier')).toMatchObject({ subject: 'trung-cap', met: true, rule: 'khung-tieu-chuan-cap-xa-tu-2025' });
    // Eligibility for cao cấp exists only under 350-QĐ/TW (from 29/8/2025), and is not a check.
    expect(a.eligibleFor).toEqual([]);
    expect(b.eligibleFor).toEqual([{ tier: 'cao-cap', rule: 'qd350-cao-cap-cap-xa' }]);
    // Phú Thịnh was merged into Tân Phú on 1/7/2025.
    expect([a.unit, b.unit]).toEqual(['Xã Phú Thịnh', 'Xã Tân Phú']);
    expect(r2024.byUnit.map((g) => g.key)).toContain('Xã Phú Thịnh');
    expect(r2026.byUnit.map((g) => g.key)).not.toContain('Xã Phú Thịnh');
    expect(r2026.byUnit.find((g) => g.key === 'Xã Tân Phú')?.learners).toBe(12);
    expect(b.knowledgeUpdating).toEqual(['qd145-nhom-3']);
    // The learner table shows the unit of the period and, apart from the result, the eligibility.
    const rows = parseCsv(learnersCsv(r2026, taxonomy, 'vi'));
    const header = rows[0]!.fields;
    const row = rows.find((x) => x.fields[0] === 'hv008')!.fields;
    expect(row[header.indexOf('Đơn vị')]).toBe('Xã Tân Phú');
    expect(row[header.indexOf('Thuộc đối tượng được cử đi học')]).toBe('Cao cấp lý luận chính trị');
  });

  it('maps an old civil-servant title only after 1/7/2025, with the công chức minimum of each period', async () => {
    const [a, b] = [learner(await reportFor(2024, []), 'hv005'), learner(await reportFor(2026, []), 'hv005')];
    expect(a.positions).toEqual(['van-phong-thong-ke']);
    expect(check(a, 'annual-periods')).toMatchObject({ met: false, rule: 'cong-chuc-40-tiet-den-2025' });
    expect(b.positions).toEqual(['chuyen-vien-van-phong-hdnd-ubnd-xa']);
    expect(check(b, 'annual-periods')).toMatchObject({ met: false, rule: 'cong-chuc-40-tiet-tu-2025' });
  });

  it('keeps the Chỉ huy trưởng Ban CHQS xã a commune position after 2025', async () => {
    const r = learner(await reportFor(2026, []), 'hv021');
    expect(r.positions).toEqual(['chi-huy-truong-quan-su-xa']);
    expect(r.eligibleFor).toEqual([{ tier: 'cao-cap', rule: 'qd350-cao-cap-cap-xa' }]);
  });

  it('counts the 35-tiết Bí thư course as done yet short of the cán bộ 40-tiết minimum', async () => {
    const r = learner(await reportFor(2026, completes('hv013', 'boi-duong-bi-thu-dang-uy-xa', '2026-03-10')), 'hv013');
    expect(r.periodsCompleted).toBe(35);
    expect(check(r, 'required-course')).toMatchObject({ met: true });
    expect(check(r, 'annual-periods')).toMatchObject({ met: false, rule: 'can-bo-40-tiet' });
    expect(check(r, 'annual-periods')!.reasons[0]!.vi).toContain('còn thiếu 5 tiết');
    expect(r.compliant).toBe(false);
  });

  it('does not count two sample topics as the ten-topic new-member programme', async () => {
    const facts = completes('hv012', 'boi-duong-dang-vien-moi', '2025-06-01');
    // In the probation year the course is not yet due, and is still not counted as done.
    const during = check(learner(await reportFor(2025, facts), 'hv012'), 'required-course')!;
    expect(during.reasons.map((x) => x.vi)).toEqual([
      expect.stringContaining('Chưa đến hạn'),
      expect.stringContaining('mới có 2/10 chuyên đề của chương trình'),
    ]);
    // After the deadline (14/03/2026) it fails for the same reason.
    const r = learner(await reportFor(2026, facts), 'hv012');
    const after = check(r, 'required-course')!;
    expect(after.met).toBe(false);
    expect(after.reasons.map((x) => x.vi).join(' ')).toContain('2/10 chuyên đề');
    // Đảng viên: no yearly minimum of tiết.
    expect(check(r, 'annual-periods')).toBeUndefined();
  });

  it('sets no tiết minimum for a quần chúng ưu tú, and the one-module outline is not the programme', async () => {
    const r = learner(await reportFor(2026, completes('hv018', 'boi-duong-nhan-thuc-ve-dang', '2026-02-01')), 'hv018');
    expect(check(r, 'annual-periods')).toBeUndefined();
    expect(check(r, 'required-course')).toMatchObject({ subject: 'boi-duong-nhan-thuc-ve-dang', met: false });
  });
});

describe('a deadline tied to the admission date', () => {
  /** The sample rules with the programme length lifted, so that only the deadline decides. */
  const withoutProgramme = (): Taxonomy => ({
    ...taxonomy,
    rules: {
      ...taxonomy.rules,
      requiredCourses: {
        ...taxonomy.rules.requiredCourses,
        'dang-vien-moi': taxonomy.rules.requiredCourses['dang-vien-moi']!.map(({ programmeModules: _p, ...rc }) => rc),
      },
    },
  });

  it('is met in the probation year, not yet due before its end, overdue after', async () => {
    // hv012 admitted 15/03/2025: deadline 14/03/2026. hv024 admitted 02/09/2025: deadline 01/09/2026.
    // hv031 admitted 10/11/2024: deadline 09/11/2025.
    const facts = [...completes('hv012', 'boi-duong-dang-vien-moi', '2026-03-14'), ...completes('hv031', 'boi-duong-dang-vien-moi', '2025-12-01')];
    const r2025 = await reportFor(2025, facts, withoutProgramme());
    const r2026 = await reportFor(2026, facts, withoutProgramme());
    const c = (r: ComplianceReport, id: string) => check(learner(r, id), 'required-course')!;
    expect(c(r2026, 'hv012')).toMatchObject({ met: true });
    expect(c(r2026, 'hv012').reasons[0]!.vi).toContain('trong hạn');
    expect(c(r2025, 'hv024')).toMatchObject({ met: true });
    expect(c(r2025, 'hv024').reasons[0]!.vi).toContain('Chưa đến hạn: phải hoàn thành khóa "Bồi dưỡng đảng viên mới (hai chuyên đề mẫu)" chậm nhất ngày 01/09/2026');
    expect(c(r2026, 'hv024')).toMatchObject({ met: false });
    expect(c(r2026, 'hv024').reasons.at(-1)!.vi).toContain('Đã quá hạn 01/09/2026');
    expect(c(r2025, 'hv031')).toMatchObject({ met: false });
    expect(c(r2025, 'hv031').reasons[0]!.vi).toContain('ngày 01/12/2025, quá hạn 09/11/2025');
  });

  it('names the roster line when the admission date is missing', async () => {
    const noDate = roster.map((l) => (l.id === 'hv024' ? (({ admitted: _a, ...rest }) => rest)(l) : l));
    const r = await buildReport([], { roster: noDate, taxonomy: withoutProgramme(), catalogue, period: { from: '2026-01-01', to: '2026-12-31' } });
    const c = check(learner(r, 'hv024'), 'required-course')!;
    expect(c.met).toBe(false);
    expect(c.reasons.at(-1)!.vi).toContain('Thiếu ngày kết nạp (cột ngay_ket_nap, dòng 25');
  });
});

describe('the roster column ngay_ket_nap', () => {
  it('reads dd/mm/yyyy and names the line of a date that does not exist', () => {
    const { learners, diagnostics } = parseRoster(
      'id,ho_ten,chuc_danh,don_vi,ngay_ket_nap\nhv1,A,dang-vien-moi,Xã A,15/03/2025\nhv2,B,dang-vien-moi,Xã A,31/02/2025\n',
      'roster.csv',
    );
    expect(learners.map((l) => l.admitted)).toEqual(['2025-03-15', undefined]);
    expect(diagnostics.map((d) => `${d.file}:${d.line} ${d.code}`)).toEqual(['roster.csv:3 roster/bad-date']);
    expect(diagnostics[0]!.message['vi']).toContain('dd/mm/yyyy');
  });
});
