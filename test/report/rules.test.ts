/** The two rules where two readings existed (docs/report.md, "Two readings, one rule"). */
import { describe, expect, it } from 'vitest';
import type { Taxonomy } from '../../src/core/taxonomy.js';
import { buildReport, toFact, type CatalogueCourse } from '../../src/report/index.js';
import { fixtureCatalogue, fixtureRoster, fixtureTaxonomy } from './fixture.js';

const actor = { account: { homePage: 'https://daotao.example.vn', name: 'hv1' } };
const at = (id: string, verb: string, object: string, timestamp: string, mark?: number) =>
  toFact({
    id,
    actor,
    verb: { id: `http://adlnet.gov/expapi/verbs/${verb}` },
    object: { id: object },
    timestamp,
    stored: timestamp,
    ...(mark !== undefined ? { result: { success: mark >= 5, score: { scaled: mark / 10 } } } : {}),
  })!;

const m1 = fixtureCatalogue[0]!.modules[0]!.activityId;
const year = (y: number) => ({ from: `${y}-01-01`, to: `${y}-12-31` });

describe('tiết of a module first completed in one year and done again the next', () => {
  it('count once, in the year of the first completion', async () => {
    const facts = [at('f1', 'completed', m1, '2025-11-03T08:00:00+07:00'), at('f2', 'completed', m1, '2026-03-02T08:00:00+07:00')];
    const input = { roster: fixtureRoster.learners, taxonomy: fixtureTaxonomy, catalogue: fixtureCatalogue };
    const in2025 = await buildReport(facts, { ...input, period: year(2025) });
    const in2026 = await buildReport(facts, { ...input, period: year(2026) });
    expect(in2025.learners.find((l) => l.learner.id === 'hv1')!.periodsCompleted).toBe(4);
    expect(in2026.learners.find((l) => l.learner.id === 'hv1')!.periodsCompleted).toBe(0);
  });
});

describe("a course's mark", () => {
  const base = 'https://daotao.example.vn/xapi/courses/c1';
  const catalogue: CatalogueCourse[] = [
    {
      id: 'c1',
      activityId: base,
      title: 'Khóa 1',
      modules: [
        { id: 'm2', activityId: `${base}/modules/m2`, title: 'Học phần 2', periods: 6, pass: 5, graded: true },
        { id: 'kt', activityId: `${base}/modules/kt`, title: 'Kiểm tra cuối khóa', periods: 2, pass: 5, graded: true },
      ],
    },
  ];
  const facts = [at('g1', 'passed', `${base}/modules/m2`, '2026-03-01T08:00:00+07:00', 9), at('g2', 'passed', `${base}/modules/kt`, '2026-03-05T08:00:00+07:00', 6)];
  const run = (taxonomy: Taxonomy) =>
    buildReport(facts, { roster: fixtureRoster.learners, taxonomy, catalogue, period: year(2026) }).then((r) => r.learners.find((l) => l.learner.id === 'hv1')!.courses[0]!);

  it('is the mean of its graded modules by default', async () => {
    expect(await run(fixtureTaxonomy)).toMatchObject({ mark: 7.5, classification: 'kha' });
  });

  it("is the final test's mark when rules.yaml says so for the course", async () => {
    const taxonomy = { ...fixtureTaxonomy, rules: { ...fixtureTaxonomy.rules, courseMarks: [{ course: 'c1', mark: 'final' as const }] } };
    expect(await run(taxonomy)).toMatchObject({ mark: 6, classification: 'trung-binh' });
    const named = { ...fixtureTaxonomy, rules: { ...fixtureTaxonomy.rules, courseMarks: [{ course: 'c1', mark: 'final' as const, module: 'm2' }] } };
    expect(await run(named)).toMatchObject({ mark: 9, classification: 'xuat-sac' });
  });
});
