/** Checks that need the whole course: ids unique across modules, draws the banks can satisfy. */
import {
  diagnostic,
  type Diagnostic,
  type Course,
  type Draw,
  type Question,
  type TestSpec,
  nearest,
} from '../../core/index.js';
import { drawSource, eligibleFor } from '../../core/quiz/index.js';

/**
 * A plain draw takes auto-scored questions only: say so when its topic or module also holds
 * essays, which the author may have expected in the test, and show the line that draws them.
 */
function essaysLeftOut(test: TestSpec, d: Draw, questions: readonly Question[], at: { file: string; line: number }, what: string, whatEn: string): Diagnostic[] {
  // Essays another line of the same test already draws were not forgotten.
  const asked = new Set(test.draws.filter((e) => e.essay === true).flatMap((e) => eligibleFor(e, questions).map((q) => q.id)));
  const essays = drawSource(d, questions).filter((q) => q.kind === 'essay' && !asked.has(q.id));
  if (essays.length === 0) return [];
  const source = d.from === 'topic' ? `topic ${d.topic}` : `module ${d.module}`;
  const ids = essays.map((q) => q.id).join(', ');
  return [
    diagnostic(
      at,
      'quiz/essay-not-drawn',
      `${what} có ${essays.length} câu tự luận (${ids}); câu tự luận không được chấm tự động nên dòng này không rút chúng. Muốn đưa vào bài kiểm tra, thêm dòng "- 1 essay from ${source}".`,
      `${whatEn} holds ${essays.length} essay question(s) (${ids}); essays are not auto-scored, so this line does not draw them. To put one in the test, add a line "- 1 essay from ${source}".`,
      'warning',
    ),
  ];
}

/**
 * Auto-scored questions no test of the course can draw: they are knowledge checks only and count towards no
 * mark, which a trainee (and an author) may well assume they do. Each is pointed out where it is
 * written, with the two ways out: a test that draws it, or the `practice` flag that says it is
 * meant as practice.
 */
function ungradedQuestions(course: Pick<Course, 'modules'>, questions: readonly Question[]): Diagnostic[] {
  const drawable = new Set(course.modules.flatMap((m) => m.tests).flatMap((t) => t.draws.flatMap((d) => eligibleFor(d, questions).map((q) => q.id))));
  return questions
    // An essay is never scored by the package, drawn or not: it is recorded for an instructor either way.
    .filter((q) => q.kind !== 'essay' && !drawable.has(q.id) && q.practice !== true)
    .map((q) =>
      diagnostic(
        q,
        'quiz/not-graded',
        `Không bài kiểm tra nào rút câu hỏi "${q.id}" nên câu này không được tính điểm: học viên chỉ trả lời để ôn tập. Muốn tính điểm, hãy cho một bài kiểm tra rút câu này (ví dụ dòng "- all from module ${q.module}" trong :::test); nếu câu này chỉ để ôn tập, thêm cờ practice vào dòng :::question.`,
        `No test draws question "${q.id}", so it is never graded: trainees answer it as practice and the module mark does not count it. To grade it, have a test draw it (e.g. a line "- all from module ${q.module}" in a :::test); if it is meant as practice, add the practice flag to its :::question line.`,
        'warning',
      ),
    );
}

export function courseChecks(course: Pick<Course, 'modules'>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const questions = course.modules.flatMap((m) => m.questions);
  const firstSeen = new Map<string, { file: string; line: number }>();
  for (const q of questions) {
    const first = firstSeen.get(q.id);
    if (first) {
      out.push(
        diagnostic(q, 'quiz/duplicate-id', `id câu hỏi "${q.id}" đã dùng ở ${first.file}:${first.line}; mỗi câu hỏi cần id riêng trong cả khóa học.`, `Question id "${q.id}" is already used at ${first.file}:${first.line}; ids must be unique across the course.`),
      );
    } else firstSeen.set(q.id, { file: q.file, line: q.line });
  }
  const testSeen = new Map<string, { file: string; line: number }>();
  const topics = new Set(questions.map((q) => q.topic));
  const modules = new Set(course.modules.map((m) => m.meta.id));
  for (const t of course.modules.flatMap((m) => m.tests)) {
    const first = testSeen.get(t.id) ?? firstSeen.get(t.id);
    if (first) out.push(diagnostic(t, 'quiz/duplicate-id', `id "${t.id}" đã dùng ở ${first.file}:${first.line}.`, `Id "${t.id}" is already used at ${first.file}:${first.line}.`));
    else testSeen.set(t.id, { file: t.file, line: t.line });
    const used = new Set<string>();
    for (const d of t.draws) {
      const at = { file: t.file, line: d.line };
      if (d.from === 'topic' && !topics.has(d.topic)) {
        const hint = nearest(d.topic, topics);
        out.push(diagnostic(at, 'quiz/topic-without-questions', `Chưa có câu hỏi nào thuộc chủ đề "${d.topic}"${hint ? `; có phải "${hint}"?` : ''}.`, `No question has topic "${d.topic}"${hint ? `; did you mean "${hint}"?` : ''}.`));
        continue;
      }
      if (d.from === 'module' && !modules.has(d.module)) {
        const hint = nearest(d.module, modules);
        out.push(diagnostic(at, 'quiz/unknown-module', `Khóa học không có học phần "${d.module}"${hint ? `; có phải "${hint}"?` : ''}.`, `The course has no module "${d.module}"${hint ? `; did you mean "${hint}"?` : ''}.`));
        continue;
      }
      const bank = eligibleFor(d, questions).filter((q) => !used.has(q.id));
      if (d.count === 'all') for (const q of bank) used.add(q.id);
      const what = d.from === 'topic' ? `chủ đề "${d.topic}"` : `học phần "${d.module}"`;
      const whatEn = d.from === 'topic' ? `topic "${d.topic}"` : `module "${d.module}"`;
      if (d.essay !== true) out.push(...essaysLeftOut(t, d, questions, at, what, whatEn));
      if (bank.length === 0) out.push(diagnostic(at, 'quiz/bank-too-small', `${what} không còn câu hỏi nào để rút.`, `${whatEn} has no questions left to draw.`));
      else if (d.count !== 'all' && d.count > bank.length)
        out.push(diagnostic(at, 'quiz/bank-too-small', `Yêu cầu ${d.count} câu từ ${what} nhưng ngân hàng chỉ có ${bank.length} câu.`, `Asks for ${d.count} questions from ${whatEn} but the bank holds only ${bank.length}.`));
    }
  }
  out.push(...ungradedQuestions(course, questions));
  return out;
}
