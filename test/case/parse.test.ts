import { describe, expect, it } from 'vitest';
import { parseCondition } from '../../src/author/case/condition.js';
import { caseInputsOf, casePlugin } from '../../src/author/case/index.js';
import { caseOf, readCases } from './helpers.js';

describe(':::case block', () => {
  const cs = caseOf(`:::case id=hop-dan start=mo weight=0,25 back=true
**Họp dân về _đường liên thôn_**
Tình huống: nhân dân góp đất làm đường.

### mo: Mở đầu cuộc họp
Trưởng thôn báo cáo.

- [Để dân **bàn** trước](#ket) +2 if score >= 0 and not visited ket
  Người dân phát biểu sôi nổi.

  > Dân bàn trước thì dân làm.
  > Kinh nghiệm của nhiều xã.
- [Đọc quyết định](#ket) -1.5

??? Đồng chí sẽ chuẩn bị gì?
??? Ai chủ trì?

### ket: Kết thúc {outcome=tot}
:::`);

  it('reads header attributes, title and situation', () => {
    expect(cs.id).toBe('hop-dan');
    expect(cs.start).toBe('mo');
    expect(cs.weight).toBe(0.25);
    expect(cs.allowBack).toBe(true);
    expect(cs.title).toBe('Họp dân về đường liên thôn');
    expect(cs.titleHtml).toContain('<em>');
    expect(cs.situationHtml).toContain('nhân dân góp đất');
    expect(cs.module).toBe('m');
    expect(cs.lang).toBe('vi');
  });

  it('reads choices with points, conditions, consequence and feedback', () => {
    const [a, b] = cs.scenes[0]!.choices;
    expect(a).toMatchObject({ id: 'a', target: 'ket', points: 2, labelText: 'Để dân bàn trước', line: 12 });
    expect(a!.labelHtml).toContain('<strong>bàn</strong>');
    expect(a!.condition).toEqual({
      kind: 'all',
      conditions: [
        { kind: 'score', op: '>=', value: 0 },
        { kind: 'not', condition: { kind: 'visited', scene: 'ket' } },
      ],
    });
    expect(a!.consequenceHtml).toContain('phát biểu sôi nổi');
    expect(a!.consequenceHtml).not.toContain('Dân bàn trước');
    expect(a!.feedbackHtml).toContain('Dân bàn trước thì dân làm.');
    expect(a!.feedbackHtml).toContain('Kinh nghiệm');
    expect(b).toMatchObject({ id: 'b', points: -1.5 });
    expect(b!.consequenceHtml).toBeUndefined();
  });

  it('reads scene prose, reflections and outcomes', () => {
    const [mo, ket] = cs.scenes;
    expect(mo!.html).toContain('Trưởng thôn báo cáo');
    expect(mo!.html).not.toContain('Đọc quyết định');
    expect(mo!.reflections.map((r) => [r.id, r.promptText, r.line])).toEqual([
      ['mo-r1', 'Đồng chí sẽ chuẩn bị gì?', 19],
      ['mo-r2', 'Ai chủ trì?', 20],
    ]);
    expect(ket).toMatchObject({ id: 'ket', title: 'Kết thúc', outcome: 'tot', choices: [] });
  });

  it('hands the renderer the line each piece of Markdown starts on', () => {
    const seen: [string, number][] = [];
    const text = `---\nid: m\ntitle: M\n---\n:::case id=x\n**Tên**\n\nBối cảnh.\n### a: A\nCảnh.\n- [Đi](#b) +1\n  Hệ quả.\n- [Về](#b)\n### b: B {outcome=tot}\n:::\n`;
    const [input] = caseInputsOf(text, 'm.md', 'm');
    casePlugin({ ...input!, renderMarkdown: (md, line) => (seen.push([md, line]), md) });
    expect(seen).toEqual([
      ['Hệ quả.', 12],
      ['Cảnh.', 10],
      ['Bối cảnh.', 8],
    ]);
  });

  it('replaces the block with a placeholder the runtime mounts', () => {
    const text = `---\nid: m\ntitle: M\n---\n:::case id=x\n### a: A {outcome=tot}\n:::\n`;
    const [input] = caseInputsOf(text, 'm.md', 'm');
    const out = casePlugin(input!);
    expect(out.html).toBe('<div data-bd-case="x"></div>');
    expect(out.cases?.[0]?.start).toBe('a');
  });

  it('reports a case without an id', () => {
    const { cases, diagnostics } = readCases(`:::case start=a\n### a: A\n:::\n`);
    expect(cases).toEqual([]);
    expect(diagnostics.map((d) => `${d.line} ${d.code}`)).toEqual(['1 case/missing-id']);
  });
});

describe('conditions', () => {
  it('parses the documented forms, English and Vietnamese', () => {
    expect(parseCondition('score >= 2')).toEqual({ ok: true, condition: { kind: 'score', op: '>=', value: 2 } });
    expect(parseCondition('điểm = -1,5')).toEqual({ ok: true, condition: { kind: 'score', op: '==', value: -1.5 } });
    expect(parseCondition('chose lang-nghe at mo-dau')).toEqual({
      ok: true,
      condition: { kind: 'chose', target: 'lang-nghe', scene: 'mo-dau' },
    });
    expect(parseCondition('chọn a hoặc (qua b và không chọn c)')).toEqual({
      ok: true,
      condition: {
        kind: 'any',
        conditions: [
          { kind: 'chose', target: 'a' },
          {
            kind: 'all',
            conditions: [
              { kind: 'visited', scene: 'b' },
              { kind: 'not', condition: { kind: 'chose', target: 'c' } },
            ],
          },
        ],
      },
    });
  });

  it('explains what is wrong', () => {
    expect(parseCondition('score 2')).toMatchObject({ ok: false });
    expect(parseCondition('chose')).toMatchObject({ ok: false, en: '"chose" needs a scene id (e.g. lang-nghe)' });
    expect(parseCondition('score >= 2 extra')).toMatchObject({ ok: false, en: 'unexpected "extra"' });
    expect(parseCondition('(score > 1')).toMatchObject({ ok: false, en: 'missing ")"' });
  });
});
