import { describe, expect, it } from 'vitest';
import { Scorm12API, Scorm2004API } from 'scorm-again';
import { correctPatterns, formatResponse, interactionRecord, xapiDefinition } from '../../src/core/quiz/interaction.js';
import type { Question } from '../../src/core/quiz/model.js';
import type { Response } from '../../src/core/quiz/response.js';
import { interactionStatement } from '../../src/core/xapi/statement.js';
import { statementProblems } from '../../src/core/xapi/validate.js';
import { VERBS } from '../../src/core/xapi/verbs.js';
import { questionPlugin } from '../../src/author/quiz/index.js';
import { ALL_KINDS, parsed, type Kind } from './questions.js';
import { runBlock } from './support.js';

function rightAnswer(q: Question): Response | undefined {
  switch (q.kind) {
    case 'single':
    case 'multiple':
    case 'truefalse':
      return { kind: 'choice', choices: q.choices.filter((c) => c.correct).map((c) => c.id) };
    case 'fill':
      return { kind: 'text', text: 'ha noi' };
    case 'numeric':
      return { kind: 'number', text: '41,5' };
    case 'matching':
      return { kind: 'pairs', pairs: Object.fromEntries(q.pairs) };
    case 'ordering':
      return { kind: 'order', steps: q.steps.map((s) => s.id) };
    case 'essay':
      return { kind: 'text', text: 'Một, hai, ba [,] bốn' };
  }
}

const at = { id: 'kiem-tra.q', activityId: 'https://daotao.example.gov.vn/xapi/courses/c/questions/q', latencyMs: 12_345, timestamp: '2026-11-23T09:00:00.000Z' };

describe('SCORM 1.2 formats', () => {
  it('per kind: type, student_response and correct_responses as the 1.2 spec writes them', () => {
    const expected: Record<Kind, { type: string; response: RegExp; pattern: RegExp | null }> = {
      single: { type: 'choice', response: /^b$/, pattern: /^b$/ },
      multiple: { type: 'choice', response: /^a,b,d$/, pattern: /^a,b,d$/ },
      truefalse: { type: 'true-false', response: /^t$/, pattern: /^t$/ },
      fill: { type: 'fill-in', response: /^ha noi$/, pattern: /^Hà Nội$/ },
      numeric: { type: 'numeric', response: /^41\.5$/, pattern: null },
      matching: { type: 'matching', response: /^1\.[a-z],2\.[a-z],3\.[a-z]$/, pattern: /^1\.[a-z],2\.[a-z],3\.[a-z]$/ },
      ordering: { type: 'sequencing', response: /^[a-d](,[a-d]){3}$/, pattern: /^[a-d](,[a-d]){3}$/ },
      essay: { type: 'performance', response: /^Một, hai/, pattern: null },
    };
    for (const kind of ALL_KINDS) {
      const q = parsed(kind);
      const rec = interactionRecord(q, rightAnswer(q), at);
      const want = expected[kind];
      expect(rec.scorm12.type, kind).toBe(want.type);
      expect(rec.scorm12.studentResponse, kind).toMatch(want.response);
      if (want.pattern) expect(rec.scorm12.correctPatterns[0], kind).toMatch(want.pattern);
      else expect(rec.scorm12.correctPatterns, kind).toEqual([]);
      expect(rec.result, kind).toBe(kind === 'essay' ? 'neutral' : 'correct');
      if (kind === 'matching' || kind === 'ordering') expect(rec.scorm12.studentResponse).toBe(rec.scorm12.correctPatterns[0]);
    }
  });

  it('a question with 12 choices answers with letters, so choice 10 is "j" not "10"', () => {
    const lines = Array.from({ length: 12 }, (_, i) => `- [${i === 11 ? 'x' : ' '}] Lựa chọn ${i + 1}`);
    const out = runBlock(questionPlugin, `:::question multiple id=nhieu-lua-chon\nChọn đáp án.\n${lines.join('\n')}\n:::`);
    const q = out.questions![0]!;
    const rec = interactionRecord(q, { kind: 'choice', choices: ['j', 'l'] }, at);
    expect(rec.scorm12.studentResponse).toBe('j,l');
    expect(rec.scorm12.correctPatterns).toEqual(['l']);
    expect(rec.result).toBe('incorrect');
    expect(rec.scorm12.studentResponse).toMatch(/^[0-9a-z](,[0-9a-z])*$/);
  });

  it('an exact numeric answer has a 1.2 pattern; a range has none (1.2 takes one number)', () => {
    const exact = { ...parsed('numeric'), min: 40, max: 40 } as Question;
    expect(correctPatterns(exact).scorm12).toEqual(['40']);
    expect(correctPatterns(parsed('numeric')).scorm12).toEqual([]);
  });

  it('an essay in paragraphs is one line for 1.2, which scorm-again accepts; xAPI keeps the paragraphs', () => {
    const text = 'Thứ nhất, lắng nghe dân.\nThứ hai, trả lời ngay.\r\n\nThứ ba, công khai kết luận.';
    const rec = interactionRecord(parsed('essay'), { kind: 'text', text }, at);
    expect(rec.scorm12.studentResponse).toBe('Thứ nhất, lắng nghe dân. / Thứ hai, trả lời ngay. / Thứ ba, công khai kết luận.');
    expect(rec.scorm2004.learnerResponse).toBe(rec.scorm12.studentResponse);
    expect(rec.xapiResult.response).toBe(text);
    const api = new Scorm12API({ autocommit: false, lmsCommitUrl: false, logLevel: 5 });
    api.LMSInitialize('');
    api.LMSSetValue('cmi.interactions.0.id', 'q');
    api.LMSSetValue('cmi.interactions.0.type', rec.scorm12.type);
    expect(api.LMSSetValue('cmi.interactions.0.student_response', rec.scorm12.studentResponse)).toBe('true');
  });

  it('long text is cut to 255 characters for 1.2', () => {
    const rec = interactionRecord(parsed('essay'), { kind: 'text', text: 'x'.repeat(5000) }, at);
    expect(rec.scorm12.studentResponse).toHaveLength(255);
    expect(rec.scorm2004.learnerResponse).toHaveLength(4000);
  });
});

describe('SCORM 2004 formats', () => {
  it('per kind: the exact learner_response and patterns', () => {
    const fill = interactionRecord(parsed('fill'), rightAnswer(parsed('fill')), at);
    expect(fill.scorm2004.correctPatterns).toEqual(['{case_matters=false}{lang=vi}Hà Nội', '{case_matters=false}{lang=vi}Thành phố Hà Nội']);
    expect(fill.scorm2004.learnerResponse).toBe('ha noi');
    expect(interactionRecord(parsed('numeric'), rightAnswer(parsed('numeric')), at).scorm2004).toEqual({ learnerResponse: '41.5', correctPatterns: ['38[:]42'] });
    expect(interactionRecord(parsed('truefalse'), { kind: 'choice', choices: ['f'] }, at).scorm2004).toEqual({ learnerResponse: 'false', correctPatterns: ['true'] });
    expect(interactionRecord(parsed('multiple'), { kind: 'choice', choices: ['d', 'a'] }, at).scorm2004).toEqual({ learnerResponse: 'a[,]d', correctPatterns: ['a[,]b[,]d'] });
    const m = parsed('matching');
    expect(interactionRecord(m, rightAnswer(m), at).scorm2004.learnerResponse).toMatch(/^1\[\.\][a-d]\[,\]2\[\.\][a-d]\[,\]3\[\.\][a-d]$/);
    const essay = interactionRecord(parsed('essay'), rightAnswer(parsed('essay')), at);
    expect(essay.type).toBe('long-fill-in');
    expect(essay.scorm2004.learnerResponse).toBe('Một, hai, ba (,) bốn');
  });

  it('scorm-again accepts every learner_response and pattern for its interaction type', () => {
    const api = new Scorm2004API({ logLevel: 5 });
    expect(api.Initialize('')).toBe('true');
    ALL_KINDS.forEach((kind, n) => {
      const q = parsed(kind);
      const rec = interactionRecord(q, rightAnswer(q), at);
      const set = (el: string, v: string): void => {
        expect(api.SetValue(`cmi.interactions.${n}.${el}`, v), `${kind} ${el}=${v} → ${api.GetLastError()}`).toBe('true');
      };
      set('id', rec.id.replace('.q', `.q${n}`));
      set('type', rec.type);
      rec.scorm2004.correctPatterns.forEach((p, i) => set(`correct_responses.${i}.pattern`, p));
      set('learner_response', rec.scorm2004.learnerResponse);
      set('result', rec.result === 'incorrect' ? 'incorrect' : String(rec.result));
      set('weighting', String(rec.weighting));
      set('description', rec.description['vi']!);
      expect(api.GetValue(`cmi.interactions.${n}.learner_response`)).toBe(rec.scorm2004.learnerResponse);
    });
  });
});

describe('xAPI cmi.interaction definitions', () => {
  it('per kind: interactionType, correctResponsesPattern and its lists, text in the module language', () => {
    const single = xapiDefinition(parsed('single'));
    expect(single).toMatchObject({
      type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
      interactionType: 'choice',
      correctResponsesPattern: ['b'],
      description: { vi: 'Việc nào cần làm trước buổi đối thoại?' },
    });
    expect((single['choices'] as unknown[])[1]).toEqual({ id: 'b', description: { vi: 'Tổng hợp ý kiến, kiến nghị của người dân' } });
    const m = xapiDefinition(parsed('matching'));
    expect((m['source'] as unknown[]).length).toBe(3);
    expect((m['target'] as unknown[]).length).toBe(4);
    const o = xapiDefinition(parsed('ordering'));
    expect(o['interactionType']).toBe('sequencing');
    expect((o['choices'] as unknown[]).length).toBe(4);
    expect(xapiDefinition(parsed('essay'))['correctResponsesPattern']).toBeUndefined();
    expect(xapiDefinition(parsed('truefalse'))['choices']).toBeUndefined();
  });

  it('every kind, right, wrong or unanswered, makes an answered statement that passes the statement schema', () => {
    const scope = {
      actor: { objectType: 'Agent' as const, account: { homePage: 'https://daotao.example.gov.vn', name: 'hv-001' } },
      lang: 'vi',
      course: { activityId: 'https://daotao.example.gov.vn/xapi/courses/c', title: 'Khóa học' },
      module: { activityId: 'https://daotao.example.gov.vn/xapi/courses/c/modules/m', title: 'Mô-đun', version: '1.0.0' },
    };
    let n = 0;
    for (const kind of ALL_KINDS) {
      const q = parsed(kind);
      const right = rightAnswer(q);
      for (const r of [right, undefined, { kind: 'choice', choices: ['z'] } as Response]) {
        const rec = interactionRecord(q, r, { ...at, parentActivityId: 'https://daotao.example.gov.vn/xapi/courses/c/tests/t' });
        const st = interactionStatement(scope, VERBS.answered, rec, { id: `0b1c2d3e-4f50-4a6b-8c7d-${String(++n).padStart(12, '0')}`, now: Date.parse(at.timestamp) });
        expect(statementProblems(st), `${kind} ${JSON.stringify(r)}`).toEqual([]);
        if (kind !== 'essay') expect(st.result?.success).toBe(r === right);
      }
    }
  });
});

describe('responses the learner never gave', () => {
  it('format as empty strings and score wrong', () => {
    for (const kind of ALL_KINDS) {
      const f = formatResponse(parsed(kind), undefined);
      expect(f).toEqual({ scorm12: '', scorm2004: '' });
    }
  });
});
