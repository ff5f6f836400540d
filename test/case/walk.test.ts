import { describe, expect, it } from 'vitest';
import { exploreCase, markOf } from '../../src/core/case/best.js';
import {
  availableChoices,
  backInCase,
  chooseInCase,
  replayCase,
  startCaseWalk,
  walkLetters,
} from '../../src/core/case/walk.js';
import { reflectionsOwed } from '../../src/core/case/owed.js';
import { EMPTY_CASE_STATE } from '../../src/core/case/state.js';
import { caseOf } from './helpers.js';

// The AUTHORING.md example, completed: a gathering over a land decision.
const GATHERING = caseOf(`:::case id=tap-trung start=mo-dau weight=0.4 back=true
**Người dân tập trung trước trụ sở**
Khoảng 40 hộ dân phản đối phương án bồi thường.

### mo-dau: Người dân tập trung trước trụ sở UBND xã
- [Mời đại diện vào làm việc, lắng nghe](#lang-nghe) +2
- [Đề nghị lực lượng công an giải tán](#giai-tan) -2
  > Dễ làm căng thẳng leo thang.

### giai-tan: Căng thẳng leo thang
- [Dừng lại, mời đại diện vào làm việc](#lang-nghe) +1
- [Tiếp tục cứng rắn](#ket-sai) -2

### lang-nghe: Làm việc với đại diện
- [Hứa giải quyết ngay trong ngày](#hua-suong) -1
- [Hẹn lịch đối thoại, giao rà soát hồ sơ](#ket-tot) +2 if score >= 2
- [Ghi nhận, báo cáo Thường trực Đảng ủy](#ket-chap-nhan) +1 if chose giai-tan

### hua-suong: Lời hứa không thực hiện được
- [Nhận khuyết điểm, hẹn lịch đối thoại](#ket-chap-nhan) +1
- [Im lặng chờ người dân quên](#ket-sai) -2

### ket-tot: Kết thúc tốt {outcome=tot}
Bài học.

??? Đồng chí sẽ báo cáo cấp trên những nội dung gì? Vì sao?

### ket-chap-nhan: Chấp nhận được {outcome=chap-nhan-duoc}
### ket-sai: Sai nguyên tắc {outcome=sai-nguyen-tac}
:::`);

function walk(letters: string) {
  const { walk, applied } = replayCase(GATHERING, letters);
  expect(applied).toBe(letters.length);
  return walk;
}

describe('walking a case', () => {
  it('scores the best path and finds it by search', () => {
    const found = exploreCase(GATHERING);
    expect(found.best).toBe(4);
    expect(found.bestLetters).toBe('ab');
    expect(found.worst).toBe(-4);
    expect(found.stuck.size).toBe(0);
    expect([...found.endsReached].sort()).toEqual(['ket-chap-nhan', 'ket-sai', 'ket-tot']);
    const best = walk('ab');
    expect(best.ended).toBe(true);
    expect(best.scene.outcome).toBe('tot');
    expect(best.score).toBe(4);
    expect(markOf(best.score, found.best)).toBe(10);
  });

  it('sums negative points and never marks below zero', () => {
    const w = walk('bb');
    expect(w.path).toEqual(['mo-dau', 'giai-tan', 'ket-sai']);
    expect(w.score).toBe(-4);
    expect(markOf(w.score, 4)).toBe(0);
  });

  it('scales a middle path to the 10-point scale', () => {
    const w = walk('aaa'); // +2 -1 +1
    expect(w.score).toBe(2);
    expect(w.scene.id).toBe('ket-chap-nhan');
    expect(markOf(w.score, 4)).toBe(5);
    expect(markOf(1, 3)).toBe(3.33);
  });

  it('hides a choice until the score so far meets its condition', () => {
    const viaForce = walk('ba'); // -2 +1 = -1 at lang-nghe
    expect(viaForce.score).toBe(-1);
    expect(availableChoices(GATHERING, viaForce).map((c) => c.id)).toEqual(['a', 'c']);
    expect(chooseInCase(GATHERING, viaForce, 'b')).toBeUndefined();
  });

  it('shows a choice only after an earlier choice', () => {
    const direct = walk('a');
    expect(availableChoices(GATHERING, direct).map((c) => c.id)).toEqual(['a', 'b']);
    const end = chooseInCase(GATHERING, walk('ba'), 'c')!;
    expect(end.scene.id).toBe('ket-chap-nhan');
    expect(end.score).toBe(0);
  });

  it('goes back by replaying all but the last decision', () => {
    const w = walk('aa');
    const back = backInCase(GATHERING, w)!;
    expect(back.scene.id).toBe('lang-nghe');
    expect(back.score).toBe(2);
    expect(walkLetters(back)).toBe('a');
    expect(backInCase(GATHERING, startCaseWalk(GATHERING))).toBeUndefined();
  });

  it('replays a stored walk up to the first step that no longer applies', () => {
    const { walk: w, applied } = replayCase(GATHERING, 'azz');
    expect(applied).toBe(1);
    expect(w.scene.id).toBe('lang-nghe');
  });

  it('refuses choices after an end scene', () => {
    expect(chooseInCase(GATHERING, walk('ab'), 'a')).toBeUndefined();
  });
});

describe('best path search', () => {
  it('counts a loop once, so retries cannot inflate the maximum', () => {
    const loop = caseOf(`:::case id=vong start=a
### a: Họp
- [Họp lại](#b) +1
- [Kết luận](#ket) +1
### b: Họp lại lần nữa
- [Quay lại](#a) +1
- [Kết luận](#ket) 0
### ket: Xong {outcome=tot}
:::`);
    // a→b (+1), b→a (+1), a→ket (+1): each choice once at most.
    expect(exploreCase(loop).best).toBe(3);
  });

  it('respects a scene condition on every way into the scene', () => {
    const gated = caseOf(`:::case id=cua start=a
### a: Mở đầu
- [Đúng](#b) +1
- [Sai](#b) -1
### b: Giữa
- [Vào phòng họp kín](#kin) +5
- [Kết thúc](#ket) 0
### kin: Họp kín {if="score >= 1"}
- [Kết luận](#ket) 0
- [Ra về](#ket) 0
### ket: Xong {outcome=tot}
:::`);
    expect(exploreCase(gated).best).toBe(6);
    expect(availableChoices(gated, replayCase(gated, 'b').walk).map((c) => c.id)).toEqual(['b']);
  });
});

describe('what a case still asks before the module is complete', () => {
  const cs = caseOf(`:::case id=th start=a
### a: Mở đầu
??? Câu hỏi giữa đường, không bắt buộc
- [Tốt](#ket) +1
- [Chưa tốt](#khac) -1
### ket: Kết thúc {outcome=tot}
??? Thu hoạch một
??? Thu hoạch hai
### khac: Kết thúc khác {outcome=chua-tot}
:::`);
  const owed = (letters: string, reflections: string[] = []): string[] =>
    reflectionsOwed(cs, { ...EMPTY_CASE_STATE, letters, reflections }).map((r) => r.promptText);

  it('nothing while the walk is under way, even with a reflection on the way', () => {
    expect(owed('')).toEqual([]);
  });

  it('the end scene’s reflections not sent yet, and nothing once they are', () => {
    expect(owed('a')).toEqual(['Thu hoạch một', 'Thu hoạch hai']);
    const [one, two] = cs.scenes.find((s) => s.id === 'ket')!.reflections.map((r) => r.id);
    expect(owed('a', [one!])).toEqual(['Thu hoạch hai']);
    expect(owed('a', [one!, two!])).toEqual([]);
  });

  it('an end that asks for none owes nothing', () => {
    expect(owed('b')).toEqual([]);
  });
});
