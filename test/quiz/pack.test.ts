import { describe, expect, it } from 'vitest';
import { packQuestions, unpackQuestion } from '../../src/core/quiz/pack.js';
import { ALL_KINDS, parsed } from './questions.js';

describe('answer keys in a package', () => {
  const questions = ALL_KINDS.map(parsed);
  const packed = packQuestions(questions);
  const json = JSON.stringify(packed);

  it('round-trips every kind (apart from the author-side file and line)', () => {
    packed.forEach((p, i) => {
      const back = unpackQuestion(JSON.parse(JSON.stringify(p)));
      expect(back).toEqual({ ...questions[i]!, file: '', line: 0 });
    });
  });

  it('carries how a knowledge check behaves in the open, and leaves the author-side practice flag behind', () => {
    const q = { ...parsed('single'), attempts: 2, review: 'never' as const, practice: true as const };
    const [p] = packQuestions([q]);
    expect([p!['attempts'], p!['review'], p!['practice']]).toEqual([2, 'never', undefined]);
    const { practice: _left, ...rest } = q;
    expect(unpackQuestion(JSON.parse(JSON.stringify(p)))).toEqual({ ...rest, file: '', line: 0 });
  });

  it('keeps answers, correct flags, choice feedback and explanations out of the plain JSON', () => {
    expect(json).not.toContain('"correct"');
    expect(json).not.toContain('Hà Nội');
    expect(json).not.toContain('nắm trước kiến nghị');
    expect(json).not.toContain('Tổng hợp kiến nghị trước giúp');
    expect(json).not.toContain('"pairs"');
    expect(json).not.toContain('"min"');
    expect(json).not.toContain('file');
    // What the learner must see is still there.
    expect(json).toContain('Việc nào cần làm');
    expect(json).toContain('Mời báo chí');
  });

  it('lists ordering steps and matching targets by scrambled id, never in answer order', () => {
    const ordering = packed[ALL_KINDS.indexOf('ordering')] as unknown as { steps: { id: string; text: string }[] };
    const ids = ordering.steps.map((s) => s.id);
    expect(ids).toEqual([...ids].sort());
    expect(ordering.steps.map((s) => s.text)).not.toEqual(['Xây dựng kế hoạch', 'Thông báo thời gian, địa điểm', 'Tổ chức đối thoại', 'Thông báo kết luận']);
  });

  it('needs the question id to open the key: under another id it does not decode', () => {
    for (const p of packed) expect(() => unpackQuestion({ ...p, id: `${p.id}-khac` }), p.id).toThrow();
  });
});
