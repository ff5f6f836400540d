import { describe, expect, it } from 'vitest';
import { displayOrder, drawAttempt, resolvePools } from '../../src/core/quiz/draw.js';
import type { Question, TestSpec } from '../../src/core/quiz/model.js';
import { parsed } from './questions.js';

function bank(topic: string, n: number, module = 'm1'): Question[] {
  const base = parsed('single');
  return Array.from({ length: n }, (_, i) => ({ ...base, id: `${topic}-${i + 1}`, topic, module }));
}

const questions = [...bank('dan-van', 10), ...bank('kiem-tra', 6), ...bank('to-chuc', 5, 'm2')];
const draws: TestSpec['draws'] = [
  { from: 'topic', topic: 'dan-van', count: 3, line: 2 },
  { from: 'topic', topic: 'kiem-tra', count: 2, line: 3 },
  { from: 'module', module: 'm2', count: 'all', line: 4 },
];

describe('draws', () => {
  const pools = resolvePools({ draws }, questions);

  it('resolves one pool per draw with its count', () => {
    expect(pools.map((p) => [p.questionIds.length, p.count])).toEqual([[10, 3], [6, 2], [5, 5]]);
  });

  it('the same seed gives the same questions in the same order; another seed usually differs', () => {
    const a = drawAttempt(pools, 12345, true);
    expect(drawAttempt(pools, 12345, true)).toEqual(a);
    expect(a).toHaveLength(10);
    expect(new Set(a).size).toBe(10);
    const others = [1, 2, 3, 4, 5].map((s) => drawAttempt(pools, s, true).join());
    expect(others.some((o) => o !== a.join())).toBe(true);
  });

  it('takes n per topic: 3 from dan-van, 2 from kiem-tra, all of module m2', () => {
    for (let seed = 1; seed < 200; seed++) {
      const ids = drawAttempt(pools, seed, true);
      expect(ids.filter((id) => id.startsWith('dan-van'))).toHaveLength(3);
      expect(ids.filter((id) => id.startsWith('kiem-tra'))).toHaveLength(2);
      expect(ids.filter((id) => id.startsWith('to-chuc'))).toHaveLength(5);
    }
  });

  it('without shuffling keeps bank order inside each pool', () => {
    const ids = drawAttempt(pools, 7, false);
    const dv = ids.slice(0, 3).map((id) => Number(id.split('-').pop()));
    expect(dv).toEqual([...dv].sort((x, y) => x - y));
    expect(ids.slice(5)).toEqual(['to-chuc-1', 'to-chuc-2', 'to-chuc-3', 'to-chuc-4', 'to-chuc-5']);
  });

  it('never repeats a question an earlier "all" draw took', () => {
    const p = resolvePools({ draws: [{ from: 'module', module: 'm1', count: 'all', line: 1 }, { from: 'topic', topic: 'dan-van', count: 2, line: 2 }] }, questions);
    expect(p[1]!.questionIds).toEqual([]);
    const ids = drawAttempt(p, 3, true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('display order: choices shuffled per seed and stable; ordering steps never start solved', () => {
    const q = parsed('single');
    expect(displayOrder(q, 99, true)).toEqual(displayOrder(q, 99, true));
    expect(displayOrder(q, 99, false)).toEqual(['a', 'b', 'c']);
    const o = parsed('ordering');
    if (o.kind !== 'ordering') throw new Error('kind');
    for (let seed = 0; seed < 300; seed++) {
      const order = displayOrder(o, seed, true);
      expect([...order].sort()).toEqual(o.steps.map((s) => s.id).sort());
      expect(order).not.toEqual(o.steps.map((s) => s.id));
    }
  });
});

describe('essays and draws', () => {
  const essays: Question[] = [1, 2].map((i) => ({ ...parsed('essay'), id: `tu-luan-${i}`, topic: 'dan-van', module: 'm1' }));
  const mixed = [...bank('dan-van', 3), ...essays];

  it('a plain draw never takes an essay, even asking for the whole topic', () => {
    const [some, all] = resolvePools({ draws: [{ from: 'topic', topic: 'dan-van', count: 5, line: 1 }, { from: 'module', module: 'm1', count: 'all', line: 2 }] }, mixed);
    expect(some).toEqual({ questionIds: ['dan-van-1', 'dan-van-2', 'dan-van-3'], count: 3 });
    expect(all!.questionIds).not.toContain('tu-luan-1');
    for (let seed = 0; seed < 50; seed++) expect(drawAttempt([some!], seed, true).some((id) => id.startsWith('tu-luan'))).toBe(false);
  });

  it('an essay draw takes essays only', () => {
    const [pool] = resolvePools({ draws: [{ from: 'topic', topic: 'dan-van', count: 1, line: 1, essay: true }] }, mixed);
    expect(pool).toEqual({ questionIds: ['tu-luan-1', 'tu-luan-2'], count: 1 });
  });
});
