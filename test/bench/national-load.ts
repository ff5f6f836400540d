/**
 * The shape of a "học tập nghị quyết" campaign for the national benchmark: 34 provinces of
 * uneven size, their communes (3,321 in all at full size), party members spread over them, each
 * studying the campaign's modules in sittings as the player sends them (test/support/
 * player-statements.ts), on days of four weeks with most sittings in the evening.
 */
import type { Learner } from '../../src/core/index.js';
import type { CatalogueCourse } from '../../src/report/index.js';
import { accountAgent, idMaker, random, sitting } from '../support/player-statements.js';

export const PROVINCES = 34;
export const COMMUNES = 3_321;
/** Statements per learner over the campaign (four modules of about twelve statements each). */
export const PER_LEARNER = 50;
export const CAMPAIGN_START = Date.parse('2026-03-01T17:00:00Z'); // 00:00 on 2 March, Vietnam time
export const CAMPAIGN_DAYS = 28;

const IRI = 'https://daotao.example.gov.vn/xapi/courses/hoc-tap-nghi-quyet';

export const CAMPAIGN_COURSE: CatalogueCourse = {
  id: 'hoc-tap-nghi-quyet',
  activityId: IRI,
  title: 'Học tập, quán triệt nghị quyết',
  modules: [1, 2, 3, 4].map((n) => ({
    id: `chuyen-de-${n}`,
    activityId: `${IRI}/modules/chuyen-de-${n}`,
    title: `Chuyên đề ${n}`,
    periods: 2,
    pass: 5,
    graded: n === 4,
  })),
};

/**
 * Province weights: a few large provinces, many middling ones (after the 2025 merger each holds
 * one to seven of the former ones), so the largest report is about three times the average.
 */
function provinceWeights(): number[] {
  return Array.from({ length: PROVINCES }, (_, p) => 1 / Math.sqrt(1 + p * 0.35));
}

export interface Campaign {
  readonly learners: number;
  /** Province (0-based) of learner i, and its commune (0-based, national numbering). */
  provinceOf(i: number): number;
  communeOf(i: number): number;
  /** The roster of one province, for its report. */
  roster(province: number): Learner[];
  /** Statements of learner i's sittings, in the order the browser sends them, with POST sizes. */
  posts(i: number): Record<string, unknown>[][];
}

/** Hour of a sitting's start in Vietnam: most between 19:00 and 22:00 (the evening peak). */
export function sittingHour(u: number): number {
  if (u < 0.55) return 19 + u / 0.55 * 3; // 55 % of sittings: 19:00–22:00
  if (u < 0.75) return 12 + ((u - 0.55) / 0.2) * 2; // lunch break
  return 7 + ((u - 0.75) / 0.25) * 10; // office hours and the rest
}

/** The share of a day's statements in its busiest hour (for the capacity plan). */
export const PEAK_HOUR_SHARE = 0.55 / 3;

export function campaign(statements: number, seed = 2026): Campaign {
  const learners = Math.max(1, Math.round(statements / PER_LEARNER));
  const weights = provinceWeights();
  const sum = weights.reduce((a, b) => a + b, 0);
  // Cumulative learner boundaries per province, and communes per province by the same weights.
  const bounds: number[] = [];
  const communeStart: number[] = [];
  let acc = 0;
  let communes = 0;
  for (const w of weights) {
    communeStart.push(communes);
    communes += Math.max(1, Math.round((w / sum) * COMMUNES));
    acc += w / sum;
    bounds.push(Math.round(acc * learners));
  }
  communeStart.push(communes);
  const provinceOf = (i: number): number => {
    let lo = 0;
    while (bounds[lo]! <= i) lo++;
    return lo;
  };
  const communeOf = (i: number): number => {
    const p = provinceOf(i);
    const span = communeStart[p + 1]! - communeStart[p]!;
    return communeStart[p]! + (i * 7919) % span;
  };
  const learnerId = (i: number): string => `dv${String(i).padStart(8, '0')}`;
  return {
    learners,
    provinceOf,
    communeOf,
    roster(province) {
      const from = province === 0 ? 0 : bounds[province - 1]!;
      const out: Learner[] = [];
      for (let i = from; i < bounds[province]!; i++) {
        out.push({
          id: learnerId(i),
          name: `Đảng viên ${i}`,
          position: i % 20 === 0 ? 'bi-thu-dang-uy-xa' : 'dang-vien-moi',
          unit: `Xã ${communeOf(i)}`,
          tier: i % 3 === 0 ? 'trung-cap' : 'so-cap',
          line: out.length + 2,
        });
      }
      return out;
    },
    posts(i) {
      const rnd = random(seed * 1_000_003 + i);
      const nextId = idMaker(i);
      const actor = accountAgent(learnerId(i), `Đảng viên ${i}`);
      const posts: Record<string, unknown>[][] = [];
      for (const m of CAMPAIGN_COURSE.modules) {
        const day = Math.floor(rnd() * CAMPAIGN_DAYS);
        const start = CAMPAIGN_START + day * 86_400_000 + sittingHour(rnd()) * 3_600_000;
        // A failed test is taken again the next evening: more attempts, as in a real campaign.
        const attempts = m.graded && rnd() < 0.2 ? 2 : 1;
        for (let a = 0; a < attempts; a++) {
          const mark = Math.round((a < attempts - 1 ? 2 + rnd() * 2.9 : 5 + rnd() * 5) * 10) / 10;
          const statements = sitting({
            actor,
            module: { courseActivityId: CAMPAIGN_COURSE.activityId, courseTitle: CAMPAIGN_COURSE.title, activityId: m.activityId, title: m.title, graded: m.graded },
            start: start + a * 86_400_000,
            pages: m.graded ? 3 : 6,
            questions: m.graded ? 5 : 3,
            mark,
            pass: m.pass,
            nextId,
          }) as unknown as Record<string, unknown>[];
          // Online, the player sends each statement as it happens; one sitting in five was
          // studied offline and its queue arrives in one POST when the connection returns.
          if (rnd() < 0.2) posts.push(statements);
          else for (const s of statements) posts.push([s]);
        }
      }
      return posts;
    },
  };
}
