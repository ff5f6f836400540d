/** `:::question KIND id=… points=… topic=…` → one Question, with line-accurate diagnostics. */
import {
  diagnostic,
  type Diagnostic,
  type Choice,
  type MatchItem,
  type Question,
  type QuestionBase,
  type QuestionKind,
  type ReviewMode,
  QUESTION_KINDS,
  isQuestionKind,
  assertNever,
  fold,
  isSlug,
  nearest,
  slugify,
} from '../../core/index.js';
import { hashString, rng, shuffle, parseDecimal } from '../../core/quiz/index.js';
import type { BlockInput, BlockOutput, BlockPlugin } from '../blocks.js';
import { splitBody, joinLines, type BodyMode, type Line, type QuestionBody } from './body.js';
import { htmlToText, parseHeader, unknownAttrs } from './header.js';
import { REVIEW_MODES } from './test-block.js';

export { QUESTION_KINDS };
const ATTRS = ['id', 'points', 'topic', 'max', 'attempts', 'review'];
const FLAGS = ['nocase', 'nodiacritics', 'practice'];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
/** Matching sources: digits first, as SCORM 1.2 examples write them (`1.a`). */
const SOURCE_IDS = '123456789abcdefghijklmnopqrstuvwxyz';

type Where = { file: string; line: number };

const MODES: Record<QuestionKind, BodyMode> = {
  single: 'choice',
  multiple: 'choice',
  truefalse: 'choice',
  fill: 'answer',
  numeric: 'answer',
  matching: 'matching',
  ordering: 'ordering',
  essay: 'essay',
};

/** Ids for matching targets and ordering steps, scrambled per question so a letter reveals no answer. */
function scrambledIds(questionId: string, count: number): string[] {
  return shuffle([...LETTERS.slice(0, count)], rng(hashString(`ids:${questionId}`)));
}

function isTrueWord(s: string): boolean | undefined {
  const f = fold(s).replace(/[.!]$/, '');
  if (['dung', 'd', 'true', 't', 'yes', 'co'].includes(f)) return true;
  if (['sai', 's', 'false', 'f', 'no', 'khong'].includes(f)) return false;
  return undefined;
}

export const questionPlugin: BlockPlugin = (input: BlockInput): BlockOutput => {
  const diags: Diagnostic[] = [];
  const at: Where = { file: input.file, line: input.line };
  const err: Err = (w, code, vi, en) => void diags.push(diagnostic({ file: input.file, line: w.line }, code, vi, en));
  const header = parseHeader(input.header);
  const kindWord = header.words[0];
  const kind = isQuestionKind(kindWord) ? kindWord : undefined;
  if (kind === undefined) {
    const hint = kindWord ? nearest(kindWord, QUESTION_KINDS) : undefined;
    err(
      at,
      'quiz/unknown-kind',
      `Thiếu hoặc sai loại câu hỏi "${kindWord ?? ''}"${hint ? `; có phải "${hint}"?` : ''}. Viết ngay sau :::question một trong: ${QUESTION_KINDS.join(', ')}.`,
      `Missing or unknown question kind "${kindWord ?? ''}"${hint ? `; did you mean "${hint}"?` : ''}. Write one of ${QUESTION_KINDS.join(', ')} right after :::question.`,
    );
    return { diagnostics: diags, html: '' };
  }
  diags.push(...unknownAttrs({ words: header.words.slice(1), attrs: header.attrs }, ATTRS, FLAGS, at));
  const { id, points, topic } = commonAttrs(header.attrs, input, at, err, diags);
  const body = splitBody(input.body, input.line + 1, MODES[kind]);
  bodyProblems(kind, body, at, err);
  const base = { ...questionBase(input, body, { id, points, topic }), ...checkAttrs(header, at, err) };
  const question = buildKind(kind, base, body, header.words, header.attrs, at, input, err);
  const failed = diags.filter((d) => d.severity === 'error').length > 0 || question === undefined;
  return {
    ...(failed ? {} : { questions: [question] }),
    diagnostics: diags,
    html: id && isSlug(id) ? `<div data-bd-question="${id}"></div>` : '',
  };
};

/** id, points and topic from the header, each checked (a wrong topic is a warning). */
function commonAttrs(attrs: ReadonlyMap<string, string>, input: BlockInput, at: Where, err: Err, diags: Diagnostic[]): { id: string; points: number; topic: string } {
  const id = attrs.get('id') ?? '';
  if (id === '') {
    err(at, 'quiz/missing-id', 'Câu hỏi thiếu id: thêm id=ten-cau-hoi (chữ thường không dấu, nối bằng "-").', 'The question has no id: add id=question-name (lowercase ASCII words joined by "-").');
  } else if (!isSlug(id)) {
    err(at, 'quiz/bad-id', `id "${id}" không hợp lệ; gợi ý: "${slugify(id)}".`, `Invalid id "${id}"; try "${slugify(id)}".`);
  }

  const pointsText = attrs.get('points');
  const points = pointsText === undefined ? 1 : parseDecimal(pointsText);
  if (!(points > 0)) err(at, 'quiz/bad-points', `points="${pointsText}" phải là số dương.`, `points="${pointsText}" must be a positive number.`);

  const topics = input.module.topics;
  const topic = attrs.get('topic') ?? topics[0] ?? input.module.id;
  if (attrs.has('topic') && topics.length > 0 && !topics.includes(topic)) {
    const hint = nearest(topic, topics);
    diags.push(
      diagnostic(
        at,
        'quiz/topic-not-in-module',
        `Chủ đề "${topic}" không có trong topics của học phần (${topics.join(', ')})${hint ? `; có phải "${hint}"?` : ''}.`,
        `Topic "${topic}" is not among the module's topics (${topics.join(', ')})${hint ? `; did you mean "${hint}"?` : ''}.`,
        'warning',
      ),
    );
  }
  return { id, points, topic };
}

/** How the question behaves as a knowledge check: `attempts=`, `review=` and the `practice` flag. */
function checkAttrs(header: { words: readonly string[]; attrs: ReadonlyMap<string, string> }, at: Where, err: Err): Pick<QuestionBase, 'attempts' | 'review' | 'practice'> {
  const out: { attempts?: number; review?: ReviewMode; practice?: true } = {};
  const attemptsText = header.attrs.get('attempts');
  if (attemptsText !== undefined) {
    const attempts = Number(attemptsText);
    if (Number.isInteger(attempts) && attempts >= 0) out.attempts = attempts;
    else err(at, 'quiz/bad-attempts', `attempts="${attemptsText}" phải là số nguyên ≥ 0: số lần được kiểm tra đáp án (0 = không giới hạn, mặc định 1).`, `attempts="${attemptsText}" must be a whole number ≥ 0: how many times the answer may be checked (0 = unlimited, default 1).`);
  }
  const reviewText = header.attrs.get('review');
  if (reviewText !== undefined) {
    const review = REVIEW_MODES.find((m) => m === reviewText);
    if (review !== undefined) out.review = review;
    else {
      const hint = nearest(reviewText, REVIEW_MODES);
      err(at, 'quiz/bad-review', `review="${reviewText}" không hợp lệ${hint ? `; có phải "${hint}"?` : ''} (${REVIEW_MODES.join(', ')}).`, `review="${reviewText}" is not valid${hint ? `; did you mean "${hint}"?` : ''} (${REVIEW_MODES.join(', ')}).`);
    }
  }
  if (header.words.includes('practice')) out.practice = true;
  return out;
}

/** Lines the body grammar of the kind could not place, and a missing prompt. */
function bodyProblems(kind: QuestionKind, body: QuestionBody, at: Where, err: Err): void {
  for (const s of body.stray) {
    const hint =
      kind === 'matching'
        ? ['Mỗi dòng ghép cặp viết: - vế trái -> vế phải.', 'Write each pair as: - left -> right.']
        : ['Sau phần đáp án chỉ có: > phản hồi, ? giải thích.', 'After the answers only "> feedback" and "? explanation" lines may follow.'];
    err(s, kind === 'matching' ? 'quiz/matching-unpaired' : 'quiz/unexpected-line', `Dòng không hiểu được: "${s.text.trim()}". ${hint[0]}`, `Cannot read this line: "${s.text.trim()}". ${hint[1]}`);
  }
  if (body.prompt.every((l) => l.text.trim() === '')) {
    err(at, 'quiz/no-prompt', 'Câu hỏi chưa có nội dung (đề bài) trước các đáp án.', 'The question has no prompt before its answers.');
  }
}

/** The fields every kind shares: prompt, feedback and explanation rendered at their lines. */
function questionBase(input: BlockInput, body: QuestionBody, attrs: { id: string; points: number; topic: string }): Base {
  const { id, points, topic } = attrs;
  const promptMd = joinLines(body.prompt);
  const promptHtml = input.renderMarkdown(promptMd, body.prompt[0]?.line ?? input.line + 1);
  const inline = (l: Line): string => input.renderInline(l.text);
  const fbBoth = body.feedback.both.map(inline).join(' ');
  const fbCorrect = [fbBoth, ...body.feedback.correct.map(inline)].filter(Boolean).join(' ');
  const fbIncorrect = [fbBoth, ...body.feedback.incorrect.map(inline)].filter(Boolean).join(' ');
  const feedback = {
    ...(fbCorrect ? { correct: fbCorrect } : {}),
    ...(fbIncorrect ? { incorrect: fbIncorrect } : {}),
  };
  const explanationMd = joinLines(body.explanation);
  return {
    id,
    module: input.module.id,
    file: input.file,
    line: input.line,
    points: points > 0 ? points : 1,
    topic,
    promptHtml,
    promptText: htmlToText(promptHtml),
    ...(Object.keys(feedback).length > 0 ? { feedback } : {}),
    ...(explanationMd.trim() ? { explanationHtml: input.renderMarkdown(explanationMd, body.explanation[0]?.line ?? input.line) } : {}),
    lang: input.module.language,
  };
}

type Base = QuestionBase;
type Err = (w: { line: number }, code: string, vi: string, en: string) => void;

function buildKind(
  kind: QuestionKind,
  base: Base,
  body: QuestionBody,
  words: readonly string[],
  attrs: ReadonlyMap<string, string>,
  at: Where,
  input: BlockInput,
  err: Err,
): Question | undefined {
  const noAnswerLines = (what: string, en: string): void => {
    for (const a of body.answers) err(a, 'quiz/unexpected-answer', `Câu hỏi ${what} không dùng dòng "= …".`, `A ${en} question takes no "= …" line.`);
  };
  switch (kind) {
    case 'single':
    case 'multiple':
    case 'truefalse':
      return choiceQuestion(kind, base, body, at, input, err);
    case 'fill': {
      const answers = body.answers.flatMap((a) => a.text.split('|').map((s) => s.trim())).filter(Boolean);
      if (answers.length === 0) err(at, 'quiz/no-correct-answer', 'Câu điền khuyết chưa có đáp án: thêm dòng "= đáp án | đáp án khác".', 'The fill-in question has no answer: add a line "= answer | other answer".');
      const maxLength = maxAttr(attrs, at, err);
      return {
        ...base,
        kind,
        answers,
        caseSensitive: !words.includes('nocase'),
        diacriticSensitive: !words.includes('nodiacritics'),
        ...(maxLength !== undefined ? { maxLength } : {}),
      };
    }
    case 'numeric':
      return numericQuestion(base, body, at, err);
    case 'matching':
      noAnswerLines('ghép cặp', 'matching');
      return matchingQuestion(base, body, at, input, err);
    case 'ordering': {
      noAnswerLines('sắp xếp', 'ordering');
      if (body.steps.length < 2) err(at, 'quiz/ordering-too-few', 'Câu sắp xếp cần ít nhất 2 bước, viết thành danh sách đánh số theo thứ tự đúng.', 'An ordering question needs at least 2 steps, as a numbered list in the right order.');
      if (body.steps.length > LETTERS.length) err(at, 'quiz/too-many-items', `Tối đa ${LETTERS.length} bước.`, `At most ${LETTERS.length} steps.`);
      const ids = scrambledIds(base.id, Math.min(body.steps.length, LETTERS.length));
      const steps: MatchItem[] = body.steps.slice(0, LETTERS.length).map((s, i) => {
        const html = input.renderInline(s.text);
        return { id: ids[i]!, html, text: htmlToText(html) };
      });
      return { ...base, kind, steps };
    }
    case 'essay': {
      const maxLength = maxAttr(attrs, at, err);
      return { ...base, kind, ...(maxLength !== undefined ? { maxLength } : {}) };
    }
    default:
      return assertNever(kind, 'question kind');
  }
}

/** `max=` on a fill-in or essay question: the most characters the learner may type. */
function maxAttr(attrs: ReadonlyMap<string, string>, at: Where, err: Err): number | undefined {
  const text = attrs.get('max');
  if (text === undefined) return undefined;
  const max = Number(text);
  if (!(Number.isInteger(max) && max > 0)) {
    err(at, 'quiz/bad-max', `max="${text}" phải là số nguyên dương (số ký tự).`, `max="${text}" must be a positive whole number of characters.`);
    return undefined;
  }
  return max;
}

function choiceQuestion(kind: 'single' | 'multiple' | 'truefalse', base: Base, body: QuestionBody, at: Where, input: BlockInput, err: Err): Question {
  let raw = body.choices;
  if (kind === 'truefalse' && raw.length === 0 && body.answers.length === 1) {
    // `= Đúng` / `= Sai` alone: the two choices are implied.
    const t = isTrueWord(body.answers[0]!.text);
    if (t === undefined) err(body.answers[0]!, 'quiz/answer-not-choice', `Đáp án "${body.answers[0]!.text}" phải là Đúng hoặc Sai.`, `The answer "${body.answers[0]!.text}" must be Đúng (true) or Sai (false).`);
    const [yes, no] = base.lang === 'en' ? ['True', 'False'] : ['Đúng', 'Sai'];
    const line = body.answers[0]!.line;
    raw = [
      { text: yes, line, marked: t === true, feedback: [] },
      { text: no, line, marked: t === false, feedback: [] },
    ];
    body = { ...body, answers: [] };
  }
  if (raw.length > LETTERS.length) err(raw[LETTERS.length]!, 'quiz/too-many-items', `Tối đa ${LETTERS.length} lựa chọn.`, `At most ${LETTERS.length} choices.`);
  const marked = raw.map((c) => c.marked);
  // `= B` / `Đáp án: a, c` name the correct choices by letter (or by their text).
  for (const a of body.answers) {
    const names = a.text.split(/[,;]\s*|\s+và\s+|\s+and\s+/).map((s) => s.trim()).filter(Boolean);
    if (names.length === 0) err(a, 'quiz/no-correct-answer', 'Dòng đáp án đang trống.', 'The answer line is empty.');
    for (const name of names) {
      const byLetter = /^[a-z]$/i.test(name) ? LETTERS.indexOf(name.toLowerCase()) : -1;
      const index = byLetter >= 0 && byLetter < raw.length ? byLetter : raw.findIndex((c) => fold(c.text) === fold(name));
      if (index < 0) {
        const letters = raw.length > 0 ? `${LETTERS[0]!.toUpperCase()}–${LETTERS[raw.length - 1]!.toUpperCase()}` : '—';
        err(a, 'quiz/answer-not-choice', `Đáp án "${name}" không phải là một lựa chọn (các lựa chọn: ${letters}).`, `The answer "${name}" is not one of the choices (${letters}).`);
      } else marked[index] = true;
    }
  }
  const choices: Choice[] = raw.slice(0, LETTERS.length).map((c, i) => {
    const html = input.renderInline(c.text);
    let id = LETTERS[i]!;
    if (kind === 'truefalse') {
      const t = isTrueWord(htmlToText(html));
      if (t === undefined) err(c, 'quiz/truefalse-choice', `Lựa chọn "${c.text}" của câu đúng/sai phải là "Đúng" hoặc "Sai".`, `A true/false choice must read "Đúng" (true) or "Sai" (false), not "${c.text}".`);
      id = t === false ? 'f' : 't';
    }
    const fb = c.feedback.map((l) => input.renderInline(l.text)).join(' ');
    return { id, html, text: htmlToText(html), correct: marked[i] === true, ...(fb ? { feedbackHtml: fb } : {}) };
  });
  const correct = choices.filter((c) => c.correct).length;
  if (choices.length < 2) err(at, 'quiz/too-few-choices', 'Câu trắc nghiệm cần ít nhất 2 lựa chọn dạng "- [ ] …".', 'A choice question needs at least 2 choices written "- [ ] …".');
  if (correct === 0 && choices.length > 0) err(at, 'quiz/no-correct-answer', 'Chưa đánh dấu đáp án đúng: viết "- [x] …" cho lựa chọn đúng.', 'No correct answer marked: write "- [x] …" for the right choice.');
  if (kind !== 'multiple' && correct > 1) err(at, 'quiz/several-correct', `Câu ${kind} chỉ có một đáp án đúng nhưng đang đánh dấu ${correct}; dùng "multiple" nếu có nhiều đáp án.`, `A ${kind} question has one right answer but ${correct} are marked; use "multiple" for several.`);
  if (kind === 'truefalse' && choices.length === 2 && choices[0]!.id === choices[1]!.id) err(at, 'quiz/truefalse-choice', 'Câu đúng/sai cần một lựa chọn "Đúng" và một lựa chọn "Sai".', 'A true/false question needs one "Đúng" and one "Sai" choice.');
  return { ...base, kind, choices };
}

const RANGE = /^(.+?)\s*\.\.\s*(.+)$/;
const TOLERANCE = /^(.+?)\s*(?:±|\+-|\+\/-)\s*(.+)$/;

function numericQuestion(base: Base, body: QuestionBody, at: Where, err: Err): Question {
  let min = NaN;
  let max = NaN;
  if (body.answers.length === 0) err(at, 'quiz/no-correct-answer', 'Câu hỏi số chưa có đáp án: thêm "= 40", "= 40 ± 2" hoặc "= 30..50".', 'The numeric question has no answer: add "= 40", "= 40 ± 2" or "= 30..50".');
  if (body.answers.length > 1) err(body.answers[1]!, 'quiz/several-answers', 'Câu hỏi số chỉ có một dòng đáp án; dùng khoảng "= 30..50" cho nhiều giá trị.', 'A numeric question takes one answer line; use a range "= 30..50" for several values.');
  const a = body.answers[0];
  if (a) {
    const range = RANGE.exec(a.text);
    const tol = TOLERANCE.exec(a.text);
    if (range) {
      min = parseDecimal(range[1]!);
      max = parseDecimal(range[2]!);
    } else if (tol) {
      const v = parseDecimal(tol[1]!);
      const d = parseDecimal(tol[2]!);
      if (d < 0) err(a, 'quiz/empty-range', `Sai số "${tol[2]}" âm: khoảng đáp án rỗng.`, `Negative tolerance "${tol[2]}": the answer range is empty.`);
      min = v - Math.abs(d);
      max = v + Math.abs(d);
    } else min = max = parseDecimal(a.text);
    if (Number.isNaN(min) || Number.isNaN(max)) err(a, 'quiz/bad-number', `"${a.text}" không phải là số; viết "= 40", "= 40 ± 2" hoặc "= 30..50" (dấu thập phân "," hoặc ".").`, `"${a.text}" is not a number; write "= 40", "= 40 ± 2" or "= 30..50".`);
    else if (min > max) err(a, 'quiz/empty-range', `Khoảng ${range?.[1]}..${range?.[2]} rỗng: số đầu phải nhỏ hơn hoặc bằng số sau.`, `The range ${range?.[1]}..${range?.[2]} is empty: the first number must not exceed the second.`);
  }
  return { ...base, kind: 'numeric', min, max };
}

function matchingQuestion(base: Base, body: QuestionBody, at: Where, input: BlockInput, err: Err): Question {
  const targetIds = new Map<string, number>();
  const targetTexts: string[] = [];
  const sources: { text: string; line: number; target: string }[] = [];
  const seen = new Map<string, number>();
  for (const p of body.pairs) {
    if (!p.hasArrow || p.target === '') {
      err(p, 'quiz/matching-unpaired', `"${p.source}" chưa được ghép với vế nào: viết "- ${p.source || 'vế trái'} -> vế phải".`, `"${p.source}" is not paired with anything: write "- ${p.source || 'left'} -> right".`);
      continue;
    }
    if (!targetIds.has(fold(p.target))) {
      targetIds.set(fold(p.target), targetTexts.length);
      targetTexts.push(p.target);
    }
    // "- -> X" adds a distractor on the right that pairs with nothing.
    if (p.source === '') continue;
    const prev = seen.get(fold(p.source));
    if (prev !== undefined) {
      err(p, 'quiz/matching-duplicate', `Vế trái "${p.source}" đã có ở dòng ${prev}; mỗi vế trái ghép với một vế phải.`, `"${p.source}" already appears on line ${prev}; each left item pairs with one right item.`);
      continue;
    }
    seen.set(fold(p.source), p.line);
    sources.push({ text: p.source, line: p.line, target: p.target });
  }
  if (sources.length < 2) err(at, 'quiz/matching-too-few', 'Câu ghép cặp cần ít nhất 2 cặp "- vế trái -> vế phải".', 'A matching question needs at least 2 pairs "- left -> right".');
  if (sources.length > SOURCE_IDS.length || targetTexts.length > LETTERS.length) err(at, 'quiz/too-many-items', `Tối đa ${SOURCE_IDS.length} vế trái và ${LETTERS.length} vế phải.`, `At most ${SOURCE_IDS.length} left and ${LETTERS.length} right items.`);
  const tIds = scrambledIds(base.id, Math.min(targetTexts.length, LETTERS.length));
  const item = (id: string, text: string): MatchItem => {
    const html = input.renderInline(text);
    return { id, html, text: htmlToText(html) };
  };
  const targets = targetTexts.slice(0, LETTERS.length).map((t, i) => item(tIds[i]!, t));
  const srcItems = sources.slice(0, SOURCE_IDS.length).map((s, i) => item(SOURCE_IDS[i]!, s.text));
  const pairs = sources
    .slice(0, SOURCE_IDS.length)
    .map((s, i) => [SOURCE_IDS[i]!, tIds[targetIds.get(fold(s.target)) ?? 0] ?? 'a'] as const);
  return { ...base, kind: 'matching', sources: srcItems, targets, pairs };
}
