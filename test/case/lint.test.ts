import { describe, expect, it } from 'vitest';
import { fixture, readCases } from './helpers.js';

function codes(name: string): string[] {
  return readCases(fixture(`lint/${name}`), `lint/${name}`).diagnostics.map((d) => `${d.line} ${d.severity} ${d.code}`);
}

describe('case lint, one fixture per structural error', () => {
  it('a link to a missing scene points at the choice and suggests the near id', () => {
    const { diagnostics } = readCases(fixture('lint/missing-target.md'), 'lint/missing-target.md');
    expect(diagnostics.map((d) => `${d.file}:${d.line} ${d.code}`)).toEqual(['lint/missing-target.md:8 case/missing-target']);
    expect(diagnostics[0]!.message['vi']).toContain('Có phải "ket-tot"');
  });

  it('an unreachable scene', () => {
    expect(codes('unreachable.md')).toEqual(['11 error case/unreachable-scene']);
  });

  it('a non-end scene where conditions leave no way out', () => {
    expect(codes('no-way-out.md')).toEqual(['6 error case/stuck', '5 error case/no-complete-walk']);
  });

  it('a loop that cannot reach an end', () => {
    expect(codes('cycle.md')).toEqual(['9 error case/no-way-to-end', '12 error case/no-way-to-end']);
  });

  it('conditions naming unknown scenes and choices', () => {
    const { diagnostics } = readCases(fixture('lint/unknown-condition.md'));
    expect(diagnostics.map((d) => `${d.line} ${d.code}`)).toEqual([
      '8 case/condition-unknown-scene',
      '10 case/condition-unknown-choice',
    ]);
    expect(diagnostics[1]!.message['en']).toContain('chose lang-nghe');
  });

  it('a decision scene with fewer than two choices is a warning', () => {
    expect(codes('one-choice.md')).toEqual(['6 warning case/single-choice']);
  });

  it('a loop that gains points each time round is a warning', () => {
    expect(codes('positive-loop.md')).toEqual(['6 warning case/loop-gains-points']);
  });

  it('a sound case carries the points of its best walk for the player', () => {
    const { cases } = readCases(fixture('lint/one-choice.md'));
    expect(cases[0]!.maxPoints).toBe(2);
    expect(readCases(fixture('lint/no-way-out.md')).cases[0]!.maxPoints).toBeUndefined();
  });

  it('checks the start scene, outcome labels and "chose … at …"', () => {
    const text = `:::case id=t start=mo-dau
### a: Mở đầu {outcome=tot}
- [Đi](#b) +1 if chose b at ket
- [Về](#ket) 0 if chose ket at a
### b: Giữa
- [Xong](#ket) +1
- [Xong nữa](#ket) 0
### ket: Hết
:::`;
    expect(readCases(text).diagnostics.map((d) => `${d.line} ${d.severity} ${d.code}`)).toEqual([
      '1 error case/missing-start',
      '2 error case/outcome-on-decision',
      '3 error case/condition-unknown-choice',
      '8 warning case/end-without-outcome',
    ]);
  });

  it('syntax errors each carry their line', () => {
    expect(codes('syntax.md')).toEqual([
      '5 warning case/unknown-attribute',
      '7 error case/bad-condition',
      '8 error case/bad-choice-tail',
      '9 error case/bad-choice',
      '10 error case/bad-scene-heading',
      '13 error case/duplicate-scene',
    ]);
  });

  it('the sample course cases are clean', () => {
    for (const file of ['01-ky-nang-lanh-dao.md', '02-kiem-tra-giam-sat.md']) {
      const text = fixture(`../../../content/courses/boi-duong-bi-thu-dang-uy-xa/modules/${file}`);
      const { cases, diagnostics } = readCases(text, file);
      expect(cases.length).toBeGreaterThan(0);
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    }
  });
});
