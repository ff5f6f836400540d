/** What the player asks the case before completing the module: the end scene's reflections of a case that counts. */
import { describe, expect, it } from 'vitest';
import { packCaseState, EMPTY_CASE_STATE } from '../../src/core/case/state.js';
import type { CaseStudy } from '../../src/core/case/model.js';
import type { ModulePackage } from '../../src/core/package.js';
import type { RuntimeContext } from '../../src/runtime/context.js';
import { caseOwes } from '../../src/runtime/case/owes.js';
import { caseOf } from './helpers.js';

const CASE = caseOf(`:::case id=th start=a weight=0.5
**Người dân mang đơn**
### a: Mở đầu
- [Tiếp](#ket) +1
- [Hẹn](#khac) -1
### ket: Kết thúc {outcome=tot}
??? Đồng chí sẽ theo dõi thế nào?
### khac: Kết thúc khác {outcome=chua-tot}
:::`);

function owes(cs: CaseStudy, letters: string, reflections: string[], mode: RuntimeContext['mode'] = 'normal'): readonly string[] {
  const state = packCaseState({ ...EMPTY_CASE_STATE, letters, reflections });
  const ctx = { lang: 'vi', mode, data: { cases: [cs] } as unknown as ModulePackage, loadState: (key: string) => (key === 'walk' ? state : undefined) } as unknown as RuntimeContext;
  return caseOwes(cs.id, ctx);
}

describe('the reflection a case owes the module', () => {
  it('is owed once the walk ends at a scene that asks for it, and no longer once sent', () => {
    expect(owes(CASE, '', [])).toEqual([]);
    expect(owes(CASE, 'a', [])).toEqual(['câu trả lời thu hoạch của tình huống “Người dân mang đơn”']);
    const id = CASE.scenes.find((s) => s.id === 'ket')!.reflections[0]!.id;
    expect(owes(CASE, 'a', [id])).toEqual([]);
    expect(owes(CASE, 'b', [])).toEqual([]);
  });

  it('is not owed by a practice case (weight 0), nor when nothing is recorded (browse, review)', () => {
    expect(owes({ ...CASE, weight: 0 }, 'a', [])).toEqual([]);
    expect(owes(CASE, 'a', [], 'browse')).toEqual([]);
  });
});
