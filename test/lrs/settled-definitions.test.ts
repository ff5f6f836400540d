/**
 * The writer's memory of the definitions it merged lately (settled-definitions.ts): a repeated
 * definition is skipped only within the bound, only when it is exactly the one last merged for
 * its activity, and the memory stays within its size.
 */
import { describe, expect, it } from 'vitest';
import { SettledDefinitions } from '../../src/lrs/store/postgres/settled-definitions.js';

const text = (vi: string) => JSON.stringify({ name: { vi } });

describe('definitions merged lately', () => {
  it('skips a definition repeated exactly within the bound, and none after it', () => {
    let now = 1_000;
    const s = new SettledDefinitions(5_000, 100, () => now);
    expect(s.settled('a', text('Bài 1'))).toBe(false);
    s.settle('a', text('Bài 1'));
    expect(s.settled('a', text('Bài 1'))).toBe(true);
    expect(s.settled('a', text('Bài một'))).toBe(false);
    expect(s.settled('b', text('Bài 1'))).toBe(false);
    now += 4_999;
    expect(s.settled('a', text('Bài 1'))).toBe(true);
    now += 1;
    expect(s.settled('a', text('Bài 1'))).toBe(false);
    expect(s.size).toBe(0);
  });

  it('remembers only the definition last merged for an activity', () => {
    const s = new SettledDefinitions(5_000, 100, () => 0);
    s.settle('a', text('Bài 1'));
    s.settle('a', text('Bài một'));
    expect(s.settled('a', text('Bài 1'))).toBe(false);
    expect(s.settled('a', text('Bài một'))).toBe(true);
  });

  it('forgets the least recently merged activities first when full', () => {
    const s = new SettledDefinitions(5_000, 3, () => 0);
    for (const id of ['a', 'b', 'c']) s.settle(id, text(id));
    s.settle('a', text('a'));
    s.settle('d', text('d'));
    expect(s.size).toBe(3);
    expect(['a', 'b', 'c', 'd'].map((id) => s.settled(id, text(id)))).toEqual([true, false, true, true]);
  });

  it('remembers nothing with a bound of 0', () => {
    const s = new SettledDefinitions(0, 100, () => 0);
    s.settle('a', text('Bài 1'));
    expect(s.settled('a', text('Bài 1'))).toBe(false);
  });
});
