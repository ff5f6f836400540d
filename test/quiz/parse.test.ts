import { describe, expect, it } from 'vitest';
import { courseChecks, parseDuration, questionPlugin, testPlugin } from '../../src/author/quiz/index.js';
import type { Module } from '../../src/core/model.js';
import { sortDiagnostics } from '../../src/core/diagnostic.js';
import { META, runBlock } from './support.js';
import { ALL_KINDS, parsed } from './questions.js';
import { maxTextLength } from '../../src/core/quiz/response.js';

const codes = (src: string, plugin = questionPlugin, line = 10): string[] =>
  sortDiagnostics(runBlock(plugin, src, line).diagnostics).map((d) => `${d.line}:${d.code}`);

describe(':::question', () => {
  it('parses every kind from the authoring syntax without diagnostics', () => {
    for (const kind of ALL_KINDS) expect(parsed(kind).kind).toBe(kind);
  });

  it('keeps feedback per choice, overall feedback and the explanation', () => {
    const q = parsed('single');
    if (q.kind !== 'single') throw new Error('kind');
    expect(q.choices.map((c) => [c.id, c.correct])).toEqual([['a', false], ['b', true], ['c', false]]);
    expect(q.choices[1]!.feedbackHtml).toContain('nắm trước kiến nghị');
    expect(q.explanationHtml).toContain('Tổng hợp kiến nghị trước');
    expect(q.promptHtml).toContain('<strong>trước</strong>');
    expect(q.promptText).toBe('Việc nào cần làm trước buổi đối thoại?');
    expect(q.line).toBe(10);
    const out = runBlock(questionPlugin, ':::question truefalse id=x\nĐúng hay sai?\n- [x] Đúng\n- [ ] Sai\n>+ Chính xác.\n>- Xem lại mục 2.\n:::');
    expect(out.questions![0]!.feedback).toEqual({ correct: 'Chính xác.', incorrect: 'Xem lại mục 2.' });
  });

  it('defaults: 1 point, the module\'s first topic, its language', () => {
    const out = runBlock(questionPlugin, ':::question single id=mac-dinh\nHỏi?\n- [x] A\n- [ ] B\n:::');
    expect(out.questions![0]).toMatchObject({ points: 1, topic: 'dan-van', lang: 'vi', module: META.id });
    expect(out.html).toBe('<div data-bd-question="mac-dinh"></div>');
  });

  it('"= C" / "Đáp án: …" names the answer; a letter that is no choice is reported on its line', () => {
    const ok = runBlock(questionPlugin, ':::question single id=dap-an\nHỏi?\n- [ ] Một\n- [ ] Hai\n- [ ] Ba\nĐáp án: C\n:::');
    expect(ok.diagnostics).toEqual([]);
    const q = ok.questions![0]!;
    expect(q.kind === 'single' && q.choices.filter((c) => c.correct).map((c) => c.id)).toEqual(['c']);
    const bad = runBlock(questionPlugin, ':::question single id=dap-an\nHỏi?\n- [ ] Một\n- [ ] Hai\n= D\n:::', 40);
    expect(bad.diagnostics.map((d) => `${d.line}:${d.code}`)).toContain('44:quiz/answer-not-choice');
    expect(bad.diagnostics[0]!.message.vi).toContain('"D" không phải là một lựa chọn (các lựa chọn: A–B)');
    expect(bad.questions).toBeUndefined();
  });

  it('lint: no correct answer, several for single, unknown kind, missing id, bad id', () => {
    expect(codes(':::question single id=x\nHỏi?\n- [ ] A\n- [ ] B\n:::')).toEqual(['10:quiz/no-correct-answer']);
    expect(codes(':::question single id=x\nHỏi?\n- [x] A\n- [x] B\n:::')).toEqual(['10:quiz/several-correct']);
    expect(codes(':::question singel id=x\nHỏi?\n:::')).toEqual(['10:quiz/unknown-kind']);
    expect(runBlock(questionPlugin, ':::question singel id=x\nHỏi?\n:::').diagnostics[0]!.message.en).toContain('did you mean "single"');
    expect(codes(':::question single\nHỏi?\n- [x] A\n- [ ] B\n:::')).toEqual(['10:quiz/missing-id']);
    expect(codes(':::question single id=Câu_1\nHỏi?\n- [x] A\n- [ ] B\n:::')).toEqual(['10:quiz/bad-id']);
    expect(codes(':::question fill id=x\nHỏi?\n:::')).toEqual(['10:quiz/no-correct-answer']);
    expect(codes(':::question truefalse id=x\nHỏi?\n- [x] Có lẽ\n- [ ] Sai\n:::')).toEqual(['12:quiz/truefalse-choice']);
  });

  it('max= sets the most characters for fill-in and essay; without it the defaults apply; a bad one is an error on its line', () => {
    const fill = runBlock(questionPlugin, ':::question fill id=x max=40\nThủ đô?\n= Hà Nội\n:::').questions![0]!;
    const essay = runBlock(questionPlugin, ':::question essay id=y max=6000\nViết.\n:::').questions![0]!;
    expect(fill.kind === 'fill' && fill.maxLength).toBe(40);
    expect(essay.kind === 'essay' && essay.maxLength).toBe(6000);
    const plain = runBlock(questionPlugin, ':::question fill id=z\nThủ đô?\n= Hà Nội\n:::').questions![0]!;
    expect(plain.kind === 'fill' && maxTextLength(plain)).toBe(250);
    const plainEssay = runBlock(questionPlugin, ':::question essay id=w\nViết.\n:::').questions![0]!;
    expect(plainEssay.kind === 'essay' && maxTextLength(plainEssay)).toBe(4000);
    expect(codes(':::question fill id=x max=0\nThủ đô?\n= Hà Nội\n:::', questionPlugin, 7)).toEqual(['7:quiz/bad-max']);
  });

  it('lint: numeric empty ranges and unreadable numbers point at the answer line', () => {
    expect(codes(':::question numeric id=x\nBao nhiêu?\n= 50..30\n:::', questionPlugin, 7)).toEqual(['9:quiz/empty-range']);
    expect(codes(':::question numeric id=x\nBao nhiêu?\n= 40 ± -2\n:::', questionPlugin, 7)).toEqual(['9:quiz/empty-range']);
    expect(codes(':::question numeric id=x\nBao nhiêu?\n= bốn mươi\n:::', questionPlugin, 7)).toEqual(['9:quiz/bad-number']);
    const q = runBlock(questionPlugin, ':::question numeric id=x\nBao nhiêu?\n= 2,5..3,5\n:::').questions![0]!;
    expect(q.kind === 'numeric' && [q.min, q.max]).toEqual([2.5, 3.5]);
  });

  it('lint: matching sides that cannot pair, duplicates, too few pairs', () => {
    expect(codes(':::question matching id=x\nGhép.\n- A -> 1\n- B\n- C -> 3\n:::', questionPlugin, 20)).toEqual(['23:quiz/matching-unpaired']);
    expect(codes(':::question matching id=x\nGhép.\n- A -> 1\n- A -> 2\n- C ->\n:::', questionPlugin, 20)).toEqual([
      '20:quiz/matching-too-few',
      '23:quiz/matching-duplicate',
      '24:quiz/matching-unpaired',
    ]);
  });

  it('matching: several sources may share a target; a target without source is a distractor', () => {
    const q = runBlock(questionPlugin, ':::question matching id=x\nGhép.\n- A -> Một\n- B -> Một\n- C -> Hai\n- -> Ba\n:::').questions![0]!;
    if (q.kind !== 'matching') throw new Error('kind');
    expect(q.targets).toHaveLength(3);
    expect(q.pairs[0]![1]).toBe(q.pairs[1]![1]);
  });

  it('lint: stray lines after the answers, with their own line number', () => {
    expect(codes(':::question single id=x\nHỏi?\n- [x] A\n- [ ] B\nlạc đề\n:::', questionPlugin, 3)).toEqual(['7:quiz/unexpected-line']);
  });

  it('warns about unknown attributes and topics outside the module, with suggestions', () => {
    const out = runBlock(questionPlugin, ':::question single id=x point=2 topic=dan-vn\nHỏi?\n- [x] A\n- [ ] B\n:::');
    expect(sortDiagnostics(out.diagnostics).map((d) => [d.code, d.severity])).toEqual([
      ['quiz/topic-not-in-module', 'warning'],
      ['quiz/unknown-attribute', 'warning'],
    ]);
    expect(out.diagnostics.map((d) => d.message.en).join()).toContain('did you mean "points"');
    expect(out.diagnostics.map((d) => d.message.en).join()).toContain('did you mean "dan-van"');
    expect(out.questions).toHaveLength(1);
  });
});

describe(':::test', () => {
  it('reads every attribute and draw line, English and Vietnamese', () => {
    const out = runBlock(testPlugin, ':::test id=kiem-tra-cuoi-khoa pass=6.5 attempts=2 time=1h30m review=after-pass shuffle-choices=false title="Kiểm tra cuối khóa"\n- 3 from topic dan-van\n- 2 câu từ chuyên đề kiem-tra-giam-sat\n- all from module tiep-xuc-doi-thoai\n- tất cả từ mô-đun khac\n:::', 5);
    expect(out.diagnostics).toEqual([]);
    expect(out.tests![0]).toMatchObject({
      id: 'kiem-tra-cuoi-khoa',
      pass: 6.5,
      attempts: 2,
      timeLimitSeconds: 5400,
      review: 'after-pass',
      shuffleQuestions: true,
      shuffleChoices: false,
      title: 'Kiểm tra cuối khóa',
      draws: [
        { from: 'topic', topic: 'dan-van', count: 3, line: 6 },
        { from: 'topic', topic: 'kiem-tra-giam-sat', count: 2, line: 7 },
        { from: 'module', module: 'tiep-xuc-doi-thoai', count: 'all', line: 8 },
        { from: 'module', module: 'khac', count: 'all', line: 9 },
      ],
    });
    expect(out.html).toBe('<div data-bd-test="kiem-tra-cuoi-khoa"></div>');
  });

  it('defaults: module pass mark, unlimited attempts, review after the last attempt', () => {
    const t = runBlock(testPlugin, ':::test id=t\n- 1 from topic dan-van\n:::').tests![0]!;
    expect(t).toMatchObject({ pass: 5, attempts: 0, review: 'after-last-attempt', weight: 1 });
    expect(t.timeLimitSeconds).toBeUndefined();
  });

  it('lint with lines: bad values and unreadable draws', () => {
    expect(codes(':::test id=t pass=11 review=sau-khi-dat time=abc attempts=-1\n- 3 from topic x\n- ba câu\n:::', testPlugin, 30)).toEqual([
      '30:quiz/bad-attempts',
      '30:quiz/bad-pass',
      '30:quiz/bad-review',
      '30:quiz/bad-time',
      '32:quiz/bad-draw',
    ]);
    expect(codes(':::test id=t\n:::', testPlugin)).toEqual(['10:quiz/no-draws']);
  });

  it('durations', () => {
    expect(parseDuration('45m')).toBe(2700);
    expect(parseDuration('90')).toBe(5400);
    expect(parseDuration('1h')).toBe(3600);
    expect(parseDuration('45 phút')).toBe(2700);
    expect(Number.isNaN(parseDuration('soon'))).toBe(true);
  });
});

describe(':::question as a knowledge check', () => {
  it('reads attempts=, review= and the practice flag', () => {
    const q = runBlock(questionPlugin, ':::question single id=x attempts=2 review=never practice\nHỏi?\n- [x] A\n- [ ] B\n:::').questions![0]!;
    expect([q.attempts, q.review, q.practice]).toEqual([2, 'never', true]);
    const plain = runBlock(questionPlugin, ':::question single id=y\nHỏi?\n- [x] A\n- [ ] B\n:::').questions![0]!;
    expect([plain.attempts, plain.review, plain.practice]).toEqual([undefined, undefined, undefined]);
  });

  it('refuses attempts and review it cannot read, at the block line', () => {
    expect(codes(':::question single id=x attempts=-1 review=sometimes\nHỏi?\n- [x] A\n- [ ] B\n:::')).toEqual(['10:quiz/bad-attempts', '10:quiz/bad-review']);
  });
});

describe('courseChecks', () => {
  const q = (id: string, topic: string, module: string, line: number) => ({ ...parsed('single'), id, topic, module, file: `modules/${module}.md`, line });
  const mod = (id: string, questions: ReturnType<typeof q>[], tests: Module['tests'] = []): Module =>
    ({ file: `modules/${id}.md`, meta: { ...META, id }, pages: [], questions, tests, cases: [], assets: [] });
  const test = runBlock(testPlugin, ':::test id=cuoi-khoa\n- 3 from topic dan-van\n- 1 from topic dan-vann\n- all from module m3\n- 2 from module m2\n:::', 50).tests![0]!;

  it('reports duplicate ids across modules, banks too small and topics no question has, each at its line', () => {
    const course = {
      modules: [
        mod('m1', [q('a', 'dan-van', 'm1', 12), q('b', 'dan-van', 'm1', 20)]),
        mod('m2', [q('a', 'kiem-tra', 'm2', 7), q('c', 'kiem-tra', 'm2', 15)], [test]),
      ],
    };
    const out = courseChecks(course).map((d) => `${d.file}:${d.line}:${d.code}`);
    expect(out).toEqual([
      'modules/m2.md:7:quiz/duplicate-id',
      'modules/tiep-xuc.md:51:quiz/bank-too-small',
      'modules/tiep-xuc.md:52:quiz/topic-without-questions',
      'modules/tiep-xuc.md:53:quiz/unknown-module',
    ]);
    const msgs = courseChecks(course).map((d) => d.message.vi);
    expect(msgs[0]).toContain('modules/m1.md:12');
    expect(msgs[1]).toContain('Yêu cầu 3 câu từ chủ đề "dan-van" nhưng ngân hàng chỉ có 2 câu');
    expect(msgs[2]).toContain('có phải "dan-van"?');
  });

  it('names each auto-scored question no test draws, unless it is marked practice; essays are left alone', () => {
    const drawnByTopic = runBlock(testPlugin, ':::test id=t\n- 1 from topic dan-van\n:::').tests![0]!;
    const essay = { ...parsed('essay'), id: 'viet', topic: 'x', module: 'm1', file: 'modules/m1.md', line: 40 };
    const course = {
      modules: [mod('m1', [q('a', 'dan-van', 'm1', 5), q('b', 'x', 'm1', 12), { ...q('c', 'x', 'm1', 20), practice: true as const }, essay], [drawnByTopic])],
    };
    const out = courseChecks(course);
    expect(out.map((d) => `${d.file}:${d.line}:${d.severity}:${d.code}`)).toEqual(['modules/m1.md:12:warning:quiz/not-graded']);
    expect(out[0]!.message.vi).toContain('Không bài kiểm tra nào rút câu hỏi "b" nên câu này không được tính điểm');
    expect(out[0]!.message.vi).toContain('- all from module m1');
    expect(out[0]!.message.vi).toContain('thêm cờ practice');
  });

  it('a course whose draws fit reports nothing', () => {
    const ok = runBlock(testPlugin, ':::test id=t\n- 2 from topic dan-van\n- all from module m2\n:::').tests![0]!;
    expect(courseChecks({ modules: [mod('m1', [q('a', 'dan-van', 'm1', 1), q('b', 'dan-van', 'm1', 2)]), mod('m2', [q('c', 'x', 'm2', 1)], [ok])] })).toEqual([]);
  });
});
