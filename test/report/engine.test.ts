import { describe, expect, it } from 'vitest';
import { buildReport, toFact, type ComplianceReport } from '../../src/report/index.js';
import { fixtureCatalogue, fixtureRoster, fixtureStatements, fixtureTaxonomy } from './fixture.js';

async function fixtureReport(): Promise<ComplianceReport> {
  const facts = fixtureStatements.map((s) => toFact(s)!);
  const voided = new Set(facts.flatMap((f) => (f.voids ? [f.voids] : [])));
  return buildReport(facts, {
    roster: fixtureRoster.learners,
    taxonomy: fixtureTaxonomy,
    catalogue: fixtureCatalogue,
    period: { from: '2026-01-01', to: '2026-12-31' },
    voided,
    generatedAt: '2027-01-06T00:00:00.000Z',
  });
}

describe('compliance engine on the hand-computed fixture', () => {
  it('reads the roster without problems', () => {
    expect(fixtureRoster.diagnostics).toEqual([]);
    expect(fixtureRoster.learners.map((l) => l.id)).toEqual(['hv1', 'hv2', 'hv3', 'hv4']);
  });

  it('passes a learner at exactly the pass mark, with tier by equivalence', async () => {
    const r = (await fixtureReport()).learners.find((l) => l.learner.id === 'hv1')!;
    expect(r.periodsCompleted).toBe(10);
    expect(r.courses).toEqual([
      { course: 'c1', modulesCompleted: 2, modulesTotal: 2, mark: 5, gradeBand: 'trung-binh', classification: 'trung-binh', certificate: true, attended: true, classes: [] },
    ]);
    expect(r.checks.map((c) => [c.kind, c.subject, c.met])).toEqual([
      ['required-course', 'c1', true],
      ['annual-periods', '2026-01-01..2026-12-31', true],
      ['tier', 'cao-cap', true],
      ['certificate', 'c1', true],
    ]);
    expect(r.checks[0]!.statementIds).toEqual(['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002']);
    expect(r.compliant).toBe(true);
  });

  it('maps an old title to its new position and drops the voided statement', async () => {
    const r = (await fixtureReport()).learners.find((l) => l.learner.id === 'hv2')!;
    expect(r.positions).toEqual(['chuyen-vien-van-phong-hdnd-ubnd-xa']);
    expect(r.periodsCompleted).toBe(4);
    expect(r.courses[0]).toMatchObject({ modulesCompleted: 1, certificate: false });
    expect(r.courses[0]!.mark).toBeUndefined();
    const required = r.checks.find((c) => c.kind === 'required-course')!;
    expect(required.met).toBe(true);
    const periods = r.checks.find((c) => c.kind === 'annual-periods')!;
    expect(periods.met).toBe(false);
    expect(periods.reasons[0]!.vi).toContain('còn thiếu 6 tiết');
    expect(r.compliant).toBe(false);
  });

  it('writes the numbers in its reasons as each language does', async () => {
    // Half a tiết more on the first module: 4,5 of 10 tiết, 5,5 short.
    const catalogue = fixtureCatalogue.map((c) => ({ ...c, modules: c.modules.map((m) => (m.id === 'm1' ? { ...m, periods: 4.5 } : m)) }));
    const facts = fixtureStatements.map((s) => toFact(s)!);
    const report = await buildReport(facts, {
      roster: fixtureRoster.learners,
      taxonomy: fixtureTaxonomy,
      catalogue,
      period: { from: '2026-01-01', to: '2026-12-31' },
      voided: new Set(facts.flatMap((f) => (f.voids ? [f.voids] : []))),
      generatedAt: '2027-01-06T00:00:00.000Z',
    });
    const periods = report.learners.find((l) => l.learner.id === 'hv2')!.checks.find((c) => c.kind === 'annual-periods')!;
    expect(periods.reasons[0]).toEqual({ vi: 'Mới học 4,5/10 tiết, còn thiếu 5,5 tiết.', en: 'Only 4.5/10 periods completed, 5.5 short.' });
  });

  it('counts days in Vietnam time and ignores statements after the period', async () => {
    const r = (await fixtureReport()).learners.find((l) => l.learner.id === 'hv3')!;
    expect(r.periodsCompleted).toBe(0);
    expect(r.courses[0]).toMatchObject({ mark: 4, gradeBand: 'khong-dat', certificate: false, attended: true });
    expect(r.checks.find((c) => c.kind === 'tier')!.met).toBe(false);
    expect(r.checks.find((c) => c.kind === 'required-course')!.met).toBe(false);
    expect(r.compliant).toBe(false);
  });

  it('lists unknown positions and actors instead of dropping them', async () => {
    const report = await fixtureReport();
    expect(report.unknownPositions).toEqual([{ learner: 'hv4', position: 'thu-ky-xa', line: 5 }]);
    expect(report.unknownActors).toEqual([{ actor: 'hv9', statements: 2 }]);
    const hv4 = report.learners.find((l) => l.learner.id === 'hv4')!;
    expect(hv4.compliant).toBe(false);
    expect(report.statementsRead).toBe(10);
    expect(report.statementsVoided).toBe(1);
  });

  it('aggregates per unit and per position like the articles figures', async () => {
    const report = await fixtureReport();
    expect(report.byUnit).toEqual([
      {
        key: 'Xã A',
        label: 'Xã A',
        learners: 2,
        compliant: 1,
        compliantPercent: 50,
        attendances: 2,
        classes: 0,
        certificates: 1,
        periodsTotal: 14,
        periodsAverage: 7,
        // hv1 finished c1 at 5: Trung bình; hv2's m2 pass was voided: c1 unfinished, not classified.
        grades: { 'trung-binh': 1 },
        trained: 2,
        notTrained: 0,
        learnersWithCertificate: 1,
        tiers: { 'cu-nhan-chinh-tri': 1, 'so-cap': 1 },
        tierIntermediateOrAbovePercent: 50,
        women: 1,
        womenPercent: 50,
        under35: 0,
        under35Percent: 0,
        perCourse: { c1: { attendances: 2, classes: 0 } },
      },
      {
        key: 'Xã B',
        label: 'Xã B',
        learners: 2,
        compliant: 0,
        compliantPercent: 0,
        attendances: 1,
        classes: 0,
        certificates: 0,
        periodsTotal: 0,
        periodsAverage: 0,
        // hv3 failed m2 (4 < 5): c1 is classified Chưa đạt even though unfinished in the period.
        grades: { 'khong-dat': 1 },
        trained: 0,
        notTrained: 2,
        learnersWithCertificate: 0,
        tiers: { 'trung-cap': 1, none: 1 },
        tierIntermediateOrAbovePercent: 50,
        women: 0,
        womenPercent: 0,
        under35: 0,
        under35Percent: 0,
        perCourse: { c1: { attendances: 1, classes: 0 } },
      },
    ]);
    expect(report.total).toMatchObject({ learners: 4, compliant: 1, compliantPercent: 25, attendances: 3, certificates: 1 });
    expect(report.byPosition.map((g) => [g.key, g.learners, g.compliant])).toEqual([
      ['bi-thu-dang-uy-xa', 2, 1],
      // hv2's old title (văn phòng – thống kê) counts under the position it maps to after 1/7/2025.
      ['chuyen-vien-van-phong-hdnd-ubnd-xa', 1, 0],
      ['thu-ky-xa', 1, 0],
    ]);
  });
});

describe('a custom period and the annual minimum', () => {
  it('asks a quarter of a year for its share of the yearly tiết, rounded up', async () => {
    const facts = fixtureStatements.map((s) => toFact(s)!);
    const report = await buildReport(facts, {
      roster: fixtureRoster.learners,
      taxonomy: fixtureTaxonomy,
      catalogue: fixtureCatalogue,
      period: { from: '2026-04-01', to: '2026-06-30' },
      voided: new Set(['00000000-0000-4000-8000-000000000004']),
    });
    const hv2 = report.learners.find((l) => l.learner.id === 'hv2')!;
    // 91 of 365 days at 10 tiết a year: 2.49, rounded up to 3; hv2 completed m1 (4 tiết) in April.
    expect(hv2.periodsRequired).toBe(3);
    expect(hv2.periodsCompleted).toBe(4);
    expect(hv2.checks.find((c) => c.kind === 'annual-periods')!.met).toBe(true);
    const whole = await fixtureReport();
    expect(whole.learners.find((l) => l.learner.id === 'hv2')!.periodsRequired).toBe(10);
  });
});
