import { describe, expect, it } from 'vitest';
import type { ModulePackage } from '../../../src/core/package.js';
import { gradeParts, knowledgeCheckCount } from '../../../src/runtime/player/grade-summary.js';

const data = {
  module: { title: 'Tiếp công dân' },
  pages: [
    { id: 'a', title: 'A', html: '<div data-bd-question="q1"></div><p>…</p><div data-bd-question="q2"></div>' },
    { id: 'b', title: 'B', html: '<div data-bd-case="th"></div><div data-bd-question="q3"></div>' },
    { id: 'c', title: 'C', html: '<div data-bd-test="kt"></div><div data-bd-question="q4"></div>' },
  ],
  questions: [{ id: 'q1', kind: 'single' }, { id: 'q2', kind: 'ordering' }, { id: 'q3', kind: 'fill' }, { id: 'q4', kind: 'essay' }],
  tests: [{ id: 'kt', title: 'Kiểm tra cuối học phần' }, { id: 'kt-2' }],
  cases: [{ id: 'th', title: 'Người dân mang đơn' }],
} as unknown as ModulePackage;

describe('what the module mark is made of', () => {
  it('names each graded part with its weight, its share and its mark once known', () => {
    const parts = gradeParts(data, [{ id: 'kt', weight: 1 }, { id: 'th', weight: 0.5 }], { th: { m: 8, p: 1, w: 0.5 } });
    expect(parts.map((p) => [p.kind, p.title, p.weight, Math.round(p.share * 1000) / 10, p.outcome?.m])).toEqual([
      ['test', 'Kiểm tra cuối học phần', 1, 66.7, undefined],
      ['case', 'Người dân mang đơn', 0.5, 33.3, 8],
    ]);
  });

  it('a test without a title goes by the module title; weights of 0 everywhere share equally, as the grade does', () => {
    const parts = gradeParts(data, [{ id: 'kt-2', weight: 0 }, { id: 'th', weight: 0 }], {});
    expect(parts.map((p) => [p.title, p.share])).toEqual([['Tiếp công dân', 0.5], ['Người dân mang đơn', 0.5]]);
  });

  it('counts the practice questions written on the pages, leaving out essays (they go to the instructor)', () => {
    expect(knowledgeCheckCount(data)).toBe(3);
  });
});
