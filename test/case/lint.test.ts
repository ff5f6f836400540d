import { describe, expect, it } from 'vitest';
import { lintCase } from '../../src/author/case/lint.js';
import type { GradeBand } from '../../src/core/taxonomy.js';
import { caseOf, fixture, readCases } from './helpers.js';

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

  describe('an outcome label and the marks of the walks that reach it', () => {
    const assumed = { assumption: 'kiểm thử' };
    const BANDS: GradeBand[] = [
      { id: 'gioi', name: { vi: 'Giỏi', en: 'Very good' }, min: 8, passing: true, source: assumed },
      { id: 'trung-binh', name: { vi: 'Trung bình', en: 'Pass' }, min: 5, passing: true, source: assumed },
      { id: 'khong-dat', name: { vi: 'Chưa đạt', en: 'Not passed' }, min: 0, passing: false, source: assumed },
    ];
    const mismatches = (ends: string, passMark = 5): string[] => {
      const cs = caseOf(`:::case id=th start=a
### a: Mở đầu
- [Tốt](#b) +2
- [Kém](#b) -1
### b: Quyết định
${ends}
### ket-1: Một {outcome=tot}
### ket-2: Hai {outcome=sai-nguyen-tac}
### ket-3: Ba {outcome=tam-on}
:::`);
      return lintCase(cs, { passMark, bands: BANDS })
        .diagnostics.filter((d) => d.code === 'case/outcome-mark-mismatch')
        .map((d) => d.message['vi'] ?? '');
    };

    it('a positive label some walk reaches with a failing mark is a warning naming the mark, its band and the pass mark', () => {
      const [message, ...rest] = mismatches('- [Đi](#ket-1) +2\n- [Về](#ket-2) -2\n- [Khác](#ket-3)');
      expect(rest).toEqual([]);
      // Best walk 2 + 2 = 4; "Kém" then "Đi": 1 point, 2,5/10.
      expect(message).toBe(
        'Kết quả xử lý "Tốt" của cảnh "ket-1" nói rằng xử lý đạt, nhưng có cách đi tới cảnh này chỉ được 2,5/10 (mức "Chưa đạt"), dưới điểm đạt 5/10 của học phần: học viên sẽ đọc "Tốt" bên cạnh "Chưa đạt". Hãy tăng điểm các lựa chọn dẫn tới cảnh này, hoặc đổi nhãn (ví dụ {outcome=chua-tot}).',
      );
    });

    it('a negative label some walk reaches with a passing mark is a warning too', () => {
      const messages = mismatches('- [Đi](#ket-1) +2 if score >= 2\n- [Đi nữa](#ket-3) if score < 2\n- [Về](#ket-2) +1');
      expect(messages).toHaveLength(1);
      expect(messages[0]).toContain('Kết quả xử lý "Sai nguyên tắc" của cảnh "ket-2" nói rằng xử lý chưa đạt, nhưng có cách đi tới cảnh này được 7,5/10 (mức "Trung bình"), từ điểm đạt 5/10');
    });

    it('labels that agree with every walk, and labels that judge nothing, pass; the module pass mark decides', () => {
      const agree = '- [Đi](#ket-1) +2 if score >= 2\n- [Đi nữa](#ket-3) if score < 2\n- [Về](#ket-2) -2';
      expect(mismatches(agree)).toEqual([]);
      // With a pass mark of 8, the 2 + 2 = 4 best walk still passes, and nothing else reaches "Tốt".
      expect(mismatches(agree, 8)).toEqual([]);
      expect(mismatches(agree, 10.5)).toHaveLength(1);
    });
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
