import { describe, expect, it } from 'vitest';
import type { GradeBand } from '../../../src/core/taxonomy.js';
import { moduleResult } from '../../../src/runtime/player/grade.js';
import {
  decodeSeen,
  emptyState,
  encodeSeen,
  foreignOwner,
  parseState,
  serializeState,
  serializeWithin,
  stateOwnerOf,
} from '../../../src/runtime/player/state.js';

const bands: GradeBand[] = [
  { id: 'xuat-sac', name: { vi: 'Xuất sắc' }, min: 9, passing: true, source: { assumption: 't' } },
  { id: 'gioi', name: { vi: 'Giỏi' }, min: 8, passing: true, source: { assumption: 't' } },
  { id: 'kha', name: { vi: 'Khá' }, min: 7, passing: true, source: { assumption: 't' } },
  { id: 'trung-binh', name: { vi: 'Trung bình' }, min: 5, passing: true, source: { assumption: 't' } },
  { id: 'khong-dat', name: { vi: 'Không đạt' }, min: 0, passing: false, source: { assumption: 't' } },
];

describe('player resume state', () => {
  it('round-trips page, pages seen, component state and outcomes', () => {
    const s = emptyState(9);
    s.page = 4;
    s.seen[0] = s.seen[1] = s.seen[4] = s.seen[8] = true;
    s.components['t:kt:a'] = { n: 1, r: [0, 2] };
    s.outcomes['kt'] = { m: 7.5, p: 1, w: 2 };
    const text = serializeState(s);
    expect(parseState(text, 9)).toEqual(s);
  });

  it('keeps 200 pages seen in a few characters', () => {
    const seen = Array.from({ length: 200 }, (_, i) => i % 3 === 0);
    const hex = encodeSeen(seen);
    expect(hex).toHaveLength(50);
    expect(decodeSeen(hex, 200)).toEqual(seen);
  });

  it('starts fresh from damaged, foreign or out-of-range data', () => {
    expect(parseState('{not json', 3)).toEqual(emptyState(3));
    expect(parseState('{"v":2,"p":1}', 3)).toEqual(emptyState(3));
    expect(parseState('legacy-lms-data', 3)).toEqual(emptyState(3));
    expect(parseState('{"v":1,"p":99,"s":"1"}', 3).page).toBe(0);
  });
});

describe('module grade', () => {
  const graded = [
    { id: 'kiem-tra', weight: 2 },
    { id: 'tinh-huong', weight: 1 },
  ];

  it('waits until every graded component has an outcome', () => {
    expect(moduleResult(graded, { 'kiem-tra': { m: 8, p: 1, w: 2 } }, 5, bands)).toBeUndefined();
    expect(moduleResult([], {}, 5, bands)).toBeUndefined();
  });

  it('is the weighted mean on the 10-point scale, with band and pass mark', () => {
    const r = moduleResult(graded, { 'kiem-tra': { m: 9, p: 1, w: 2 }, 'tinh-huong': { m: 6, p: 1, w: 1 } }, 5, bands);
    expect(r).toEqual({ mark: 8, scaled: 0.8, passed: true, gradeBand: 'gioi' });
    const low = moduleResult(graded, { 'kiem-tra': { m: 4, p: 0, w: 2 }, 'tinh-huong': { m: 5, p: 1, w: 1 } }, 5, bands);
    expect(low).toMatchObject({ mark: 4.33, passed: false, gradeBand: 'khong-dat' });
  });

  it('treats the pass mark as inclusive and honours a stricter one', () => {
    const outcomes = { 'kiem-tra': { m: 5, p: 1 as const, w: 2 }, 'tinh-huong': { m: 5, p: 1 as const, w: 1 } };
    expect(moduleResult(graded, outcomes, 5, bands)?.passed).toBe(true);
    expect(moduleResult(graded, outcomes, 6, bands)?.passed).toBe(false);
  });
});

describe('resume state within an LMS limit', () => {
  it('drops the largest component states first and keeps page, pages seen and outcomes', () => {
    const s = emptyState(4);
    s.page = 3;
    s.seen = [true, true, true, true];
    s.outcomes['kt'] = { m: 8, p: 1, w: 1 };
    s.components['q:small:x'] = 'a';
    s.components['t:big:x'] = 'x'.repeat(5000);
    const { text, dropped } = serializeWithin(s, 4096);
    expect(text.length).toBeLessThanOrEqual(4096);
    expect(dropped).toEqual(['t:big:x']);
    const back = parseState(text, 4);
    expect(back.page).toBe(3);
    expect(back.outcomes).toEqual(s.outcomes);
    expect(back.components).toEqual({ 'q:small:x': 'a' });
  });

  it('leaves a state that fits untouched', () => {
    const s = emptyState(2);
    s.components['q:a:x'] = [1, 2];
    expect(serializeWithin(s, 4096)).toEqual({ text: serializeState(s), dropped: [] });
  });
});

describe('resume state names its owner', () => {
  const mine = { id: 'tiep-xuc-doi-thoai', version: '1.2.0' };
  const other = { id: 'kiem-tra-giam-sat', version: '1.0.0' };

  it("carries the module id and version, and reads back as that module's", () => {
    const s = emptyState(3);
    s.page = 2;
    const text = serializeState(s, mine);
    expect(JSON.parse(text)).toMatchObject({ v: 1, m: 'tiep-xuc-doi-thoai@1.2.0', p: 2 });
    expect(stateOwnerOf(text)).toEqual(mine);
    expect(foreignOwner(text, mine)).toBeUndefined();
    expect(parseState(text, 3, mine)).toEqual(s);
    expect(serializeWithin(s, 4096, mine).text).toBe(text);
  });

  it("gives a fresh state for another module's, and names that module", () => {
    const s = emptyState(3);
    s.page = 2;
    s.seen = [true, true, true];
    const text = serializeState(s, other);
    expect(foreignOwner(text, mine)).toEqual(other);
    expect(parseState(text, 3, mine)).toEqual(emptyState(3));
  });

  it('keeps a state from a new version of the same module, and one written before owners were kept', () => {
    const s = emptyState(3);
    s.page = 1;
    expect(parseState(serializeState(s, { ...mine, version: '1.1.0' }), 3, mine)).toEqual(s);
    expect(parseState(serializeState(s), 3, mine)).toEqual(s);
  });
});
