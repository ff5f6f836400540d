/**
 * The figures an officer files, on a fixture of classes held in person and e-learning, computed
 * by hand (see the comments) and checked in full: per learner, per unit, per position, total.
 * Class statements are made by the real `class import` code, as they would reach the LRS.
 */
import { describe, expect, it } from 'vitest';
import { parseRoster } from '../../src/core/roster.js';
import { classStatements, type ClassRecord } from '../../src/report/classes/statements.js';
import { buildReport, toFact, type CatalogueCourse, type ComplianceReport } from '../../src/report/index.js';
import { fixtureTaxonomy } from './fixture.js';

const base = 'https://daotao.example.vn/xapi/courses';
const c1: CatalogueCourse = {
  id: 'c1',
  activityId: `${base}/c1`,
  title: 'Khóa 1',
  modules: [
    { id: 'm1', activityId: `${base}/c1/modules/m1`, title: 'Học phần 1', periods: 4, pass: 5, graded: false },
    { id: 'm2', activityId: `${base}/c1/modules/m2`, title: 'Học phần 2', periods: 6, pass: 5, graded: true },
  ],
};
const c2: CatalogueCourse = {
  id: 'c2',
  activityId: `${base}/c2`,
  title: 'Bồi dưỡng nhận thức về Đảng',
  modules: [{ id: 'n1', activityId: `${base}/c2/modules/n1`, title: 'Chuyên đề 1', periods: 4, pass: 5, graded: false }],
};

const roster = parseRoster(
  `id,ho_ten,chuc_danh,don_vi,trinh_do_llct,nam_sinh,gioi_tinh
a1,Nguyễn Văn Một,bi-thu-dang-uy-xa,Xã A,cao-cap,1990,nam
a2,Trần Thị Hai,van-phong-thong-ke,Xã A,trung-cap,1995,nữ
a3,Lê Thị Ba,bi-thu-dang-uy-xa,xã A,so-cap,1980,nữ
b1,Phạm Văn Bốn,bi-thu-dang-uy-xa,Xã B,cu-nhan-chinh-tri,1970,nam
b2,Hoàng Thị Năm,chuyen-vien-van-phong-hdnd-ubnd-xa,Xã B,,2001,nữ
b3,Vũ Văn Sáu,van-phong-thong-ke,Xã B,trung-cap,1985,nam
`,
  'roster.csv',
);

const online = (id: string, actor: string, verb: string, object: string, at: string, mark?: number): Record<string, unknown> => ({
  id,
  actor: { account: { homePage: 'https://daotao.example.vn', name: actor } },
  verb: { id: `http://adlnet.gov/expapi/verbs/${verb}` },
  object: { id: object },
  timestamp: at,
  stored: at,
  ...(mark !== undefined ? { result: { success: mark >= 5, score: { scaled: mark / 10 } } } : {}),
});

const klass = (id: string, periods: number, sessions: number): ClassRecord => ({
  id,
  title: `Lớp ${id}`,
  course: c2,
  modules: ['n1'],
  from: '2026-05-04',
  to: '2026-05-08',
  place: 'Hội trường',
  organiser: 'Trung tâm Chính trị',
  periods,
  sessions,
  sessionsNeeded: Math.ceil(sessions * 0.8),
  pass: 5,
  homePage: 'https://daotao.example.vn',
});

function statements(): Record<string, unknown>[] {
  const l1 = classStatements(klass('l1', 40, 5), [
    { line: 2, id: 'a2', sessions: 5, mark: 8.5 },
    { line: 3, id: 'a3', sessions: 3 }, // 3 of 5 < 4 needed: not completed, no tiết, no lượt
  ], roster.learners, 'l1.csv');
  const l2 = classStatements(klass('l2', 32, 4), [
    { line: 2, id: 'b1', sessions: 4, mark: 4 }, // failed the class test: Chưa đạt
    { line: 3, name: 'Hoàng Thị Năm', sessions: 4, mark: 7 },
  ], roster.learners, 'l2.csv');
  expect([...l1.diagnostics, ...l2.diagnostics]).toEqual([]);
  return [
    online('e1', 'a1', 'completed', c1.modules[0]!.activityId, '2026-02-01T08:00:00+07:00'),
    online('e2', 'a1', 'passed', c1.modules[1]!.activityId, '2026-02-02T08:00:00+07:00', 9.2),
    online('e3', 'a3', 'completed', c1.modules[0]!.activityId, '2026-03-01T08:00:00+07:00'),
    online('e4', 'b2', 'completed', c1.modules[0]!.activityId, '2026-06-01T08:00:00+07:00'),
    ...l1.statements,
    ...l2.statements,
  ];
}

async function report(): Promise<ComplianceReport> {
  return buildReport(statements().map((s) => toFact(s)!), {
    roster: roster.learners,
    taxonomy: fixtureTaxonomy,
    catalogue: [c1, c2],
    period: { from: '2026-01-01', to: '2026-12-31' },
  });
}

describe('the figures of the annual report, classes and e-learning together', () => {
  it('per learner: tiết, lượt, classification, certificates, compliance', async () => {
    const r = await report();
    const rows = r.learners.map((l) => [
      l.learner.id,
      l.unit,
      l.positions.join(' '),
      l.periodsCompleted,
      l.courses.map((c) => `${c.course}:${c.classification ?? '-'}:${c.certificate ? 'cc' : ''}:${c.attended ? 'online' : ''}:${c.classes.join('+')}`).join(' '),
      l.compliant,
    ]);
    expect(rows).toEqual([
      // c1 online, m2 mark 9.2: Xuất sắc, certificate; 4 + 6 tiết; required c1, 10 tiết, cao cấp: compliant.
      ['a1', 'Xã A', 'bi-thu-dang-uy-xa', 10, 'c1:xuat-sac:cc:online:', true],
      // Old title → chuyên viên; class l1, 40 tiết (not the module's 4), 8.5: Giỏi; c1 m1 not done.
      ['a2', 'Xã A', 'chuyen-vien-van-phong-hdnd-ubnd-xa', 40, 'c2:gioi:cc::l1', false],
      // "xã A" is Xã A; 3 of 5 sessions: the class counts nothing; c1 unfinished, not classified.
      ['a3', 'Xã A', 'bi-thu-dang-uy-xa', 4, 'c1:-::online:', false],
      // Class l2 completed (32 tiết) but the test 4 < 5: Chưa đạt, no certificate; c1 missing.
      ['b1', 'Xã B', 'bi-thu-dang-uy-xa', 32, 'c2:khong-dat:::l2', false],
      // Matched by name; 4 tiết online + 32 in class; c1 m1 is all a chuyên viên needs: compliant.
      ['b2', 'Xã B', 'chuyen-vien-van-phong-hdnd-ubnd-xa', 36, 'c1:-::online: c2:kha:cc::l2', true],
      ['b3', 'Xã B', 'chuyen-vien-van-phong-hdnd-ubnd-xa', 0, '', false],
    ]);
  });

  it('per unit, per position and in total', async () => {
    const r = await report();
    expect(r.byUnit).toEqual([
      {
        key: 'Xã A', label: 'Xã A', learners: 3, compliant: 1, compliantPercent: 33.3,
        attendances: 3, classes: 1, certificates: 2, periodsTotal: 54, periodsAverage: 18,
        grades: { 'xuat-sac': 1, gioi: 1 }, trained: 3, notTrained: 0, learnersWithCertificate: 2,
        tiers: { 'cao-cap': 1, 'trung-cap': 1, 'so-cap': 1 }, tierIntermediateOrAbovePercent: 66.7,
        women: 2, womenPercent: 66.7, under35: 1, under35Percent: 33.3,
        perCourse: { c1: { attendances: 2, classes: 0 }, c2: { attendances: 1, classes: 1 } },
      },
      {
        key: 'Xã B', label: 'Xã B', learners: 3, compliant: 1, compliantPercent: 33.3,
        attendances: 3, classes: 1, certificates: 1, periodsTotal: 68, periodsAverage: 22.7,
        grades: { 'khong-dat': 1, kha: 1 }, trained: 2, notTrained: 1, learnersWithCertificate: 1,
        tiers: { 'cu-nhan-chinh-tri': 1, none: 1, 'trung-cap': 1 }, tierIntermediateOrAbovePercent: 66.7,
        women: 1, womenPercent: 33.3, under35: 1, under35Percent: 33.3,
        perCourse: { c1: { attendances: 1, classes: 0 }, c2: { attendances: 2, classes: 1 } },
      },
    ]);
    // Old titles counted under the position after the reform.
    expect(r.byPosition.map((g) => [g.key, g.learners, g.compliant, g.periodsTotal, g.grades])).toEqual([
      ['bi-thu-dang-uy-xa', 3, 1, 46, { 'xuat-sac': 1, 'khong-dat': 1 }],
      ['chuyen-vien-van-phong-hdnd-ubnd-xa', 3, 1, 76, { gioi: 1, kha: 1 }],
    ]);
    expect(r.total).toEqual({
      key: '*', label: '*', learners: 6, compliant: 2, compliantPercent: 33.3,
      attendances: 6, classes: 2, certificates: 3, periodsTotal: 122, periodsAverage: 20.3,
      grades: { 'xuat-sac': 1, gioi: 1, kha: 1, 'khong-dat': 1 }, trained: 5, notTrained: 1, learnersWithCertificate: 3,
      tiers: { 'cao-cap': 1, 'trung-cap': 2, 'so-cap': 1, 'cu-nhan-chinh-tri': 1, none: 1 }, tierIntermediateOrAbovePercent: 66.7,
      women: 3, womenPercent: 50, under35: 2, under35Percent: 33.3,
      perCourse: { c1: { attendances: 3, classes: 0 }, c2: { attendances: 3, classes: 2 } },
    });
  });
});
