/**
 * Which questions a test may draw (resolved at build time across the course), and the seeded
 * draw of one attempt (done in the browser).
 */
import type { Draw, Question, TestSpec } from './model.js';
import { rng, shuffle, subSeed } from './random.js';

export interface Pool {
  readonly questionIds: readonly string[];
  readonly count: number;
}

/** Questions of the draw's topic or module, whatever their kind, in course order. */
export function drawSource(draw: Draw, questions: readonly Question[]): Question[] {
  return questions.filter((q) => (draw.from === 'topic' ? q.topic === draw.topic : q.module === draw.module));
}

/**
 * Questions a draw may take, in course order: the auto-scored ones, or only the essays when the
 * draw asks for essays. An essay has no key, so drawn by a plain line it would stand in for a
 * scored question and the test could not be passed on merit.
 */
export function eligibleFor(draw: Draw, questions: readonly Question[]): Question[] {
  const wantEssay = draw.essay === true;
  return drawSource(draw, questions).filter((q) => (q.kind === 'essay') === wantEssay);
}

/**
 * One pool per draw. A question already taken by an earlier "all" draw is not offered again, so
 * "all from module x" followed by "2 from topic y" never shows a question twice. Counts are
 * clipped to what the pool holds (the lint reports a bank that is too small).
 */
export function resolvePools(test: Pick<TestSpec, 'draws'>, questions: readonly Question[]): Pool[] {
  const pools: Pool[] = [];
  const takenByAll = new Set<string>();
  for (const d of test.draws) {
    const ids = eligibleFor(d, questions)
      .map((q) => q.id)
      .filter((id) => !takenByAll.has(id));
    const count = d.count === 'all' ? ids.length : Math.min(d.count, ids.length);
    if (d.count === 'all') for (const id of ids) takenByAll.add(id);
    pools.push({ questionIds: ids, count });
  }
  return pools;
}

/** The question ids of one attempt: each pool drawn with the seed, never the same id twice. */
export function drawAttempt(pools: readonly Pool[], seed: number, shuffleQuestions: boolean): string[] {
  const taken = new Set<string>();
  const drawn: string[] = [];
  pools.forEach((pool, i) => {
    const candidates = pool.questionIds.filter((id) => !taken.has(id));
    const picked =
      pool.count >= candidates.length
        ? candidates
        : shuffle(candidates, rng(subSeed(seed, `pool:${i}`))).slice(0, pool.count);
    // Without question shuffling, keep the bank's order inside each pool.
    const ordered = shuffleQuestions ? picked : candidates.filter((id) => picked.includes(id));
    for (const id of ordered) {
      taken.add(id);
      drawn.push(id);
    }
  });
  return shuffleQuestions ? shuffle(drawn, rng(subSeed(seed, 'order'))) : drawn;
}

/**
 * The order a question's options are shown in for this attempt: choices (when shuffling),
 * ordering steps (always, and never already in the right order), matching targets.
 */
export function displayOrder(q: Question, seed: number, shuffleChoices: boolean): string[] {
  const random = rng(subSeed(seed, `q:${q.id}`));
  switch (q.kind) {
    case 'single':
    case 'multiple':
      return shuffleChoices ? shuffle(q.choices.map((c) => c.id), random) : q.choices.map((c) => c.id);
    case 'truefalse':
      return q.choices.map((c) => c.id);
    case 'ordering': {
      const right = q.steps.map((s) => s.id);
      let order = shuffle(right, random);
      if (right.length > 1 && order.join('') === right.join('')) order = [...order.slice(1), order[0]!];
      return order;
    }
    case 'matching':
      return shuffle(q.targets.map((t) => t.id), random);
    case 'fill':
    case 'numeric':
    case 'essay':
      return [];
  }
}
