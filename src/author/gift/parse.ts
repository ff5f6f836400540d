/**
 * Moodle GIFT → a neutral list of questions. Covers what Moodle exports: true/false,
 * multiple choice (one right or weighted), short answer, numeric (tolerance, range),
 * matching, essay, missing-word, per-answer and general feedback, categories, escapes.
 */
import { diagnostic, type Diagnostic } from '../../core/index.js';

export interface GiftAnswer {
  readonly text: string;
  /** Credit in percent: 100 for "=", 0 for "~", or the "%n%" weight. */
  readonly weight: number;
  readonly feedback?: string;
  /** Matching: right-hand side. */
  readonly match?: string;
}

/** `description`: text without answers, kept as a paragraph; `raw`: unreadable GIFT, kept verbatim. */
export type GiftKind = 'truefalse' | 'single' | 'multiple' | 'fill' | 'numeric' | 'matching' | 'essay' | 'description' | 'raw';

export interface GiftQuestion {
  readonly kind: GiftKind;
  readonly line: number;
  readonly title?: string;
  /** Question text with "___" where a missing word was. */
  readonly text: string;
  readonly category?: string;
  readonly answers: readonly GiftAnswer[];
  readonly truth?: boolean;
  /** truefalse: feedback for a wrong and for a right answer. */
  readonly tfFeedback?: { readonly wrong?: string; readonly right?: string };
  readonly numeric?: { readonly min: number; readonly max: number };
  readonly generalFeedback?: string;
}

/** Splits on an unescaped character. */
function splitUnescaped(s: string, chars: string): { sep: string; text: string }[] {
  const out: { sep: string; text: string }[] = [];
  let cur = '';
  let sep = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length) {
      cur += c + s[i + 1];
      i++;
    } else if (chars.includes(c)) {
      out.push({ sep, text: cur });
      cur = '';
      sep = c;
    } else cur += c;
  }
  out.push({ sep, text: cur });
  return out;
}

export function unescapeGift(s: string): string {
  return s.replace(/\\n/g, '\n').replace(/\\([~=#{}:\\])/g, '$1').trim();
}

function stripFormat(s: string): string {
  return s.replace(/^\s*\[(markdown|html|moodle|plain)\]/i, '');
}

function findUnescaped(s: string, c: string, from = 0): number {
  for (let i = from; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === c) return i;
  }
  return -1;
}

interface Chunk {
  readonly text: string;
  readonly line: number;
}

/** Questions are separated by blank lines; comments and blank lines between them are dropped. */
function chunks(source: string): Chunk[] {
  const out: Chunk[] = [];
  let cur: string[] = [];
  let start = 0;
  let depth = 0;
  const flush = (): void => {
    if (cur.some((l) => l.trim() !== '')) out.push({ text: cur.join('\n'), line: start });
    cur = [];
  };
  source.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/^\uFEFF/, '');
    if (depth === 0 && /^\s*\/\//.test(line)) return;
    if (depth === 0 && line.trim() === '') {
      flush();
      return;
    }
    if (cur.length === 0) start = i + 1;
    cur.push(line);
    for (let j = 0; j < line.length; j++) {
      if (line[j] === '\\') j++;
      else if (line[j] === '{') depth++;
      else if (line[j] === '}') depth = Math.max(0, depth - 1);
    }
  });
  flush();
  return out;
}

function parseNumber(s: string): number {
  return Number(s.trim().replace(',', '.'));
}

export function parseGift(source: string, file: string): { questions: GiftQuestion[]; diagnostics: Diagnostic[] } {
  const questions: GiftQuestion[] = [];
  const diagnostics: Diagnostic[] = [];
  let category: string | undefined;
  for (const chunk of chunks(source)) {
    const cat = categoryOf(chunk.text);
    if (cat !== undefined) category = cat;
    else questions.push(chunkQuestion(chunk, file, category, diagnostics));
  }
  return { questions, diagnostics };
}

/** `$CATEGORY: $course$/a/b` names the category of the questions after it. */
function categoryOf(text: string): string | undefined {
  const cat = /^\s*\$CATEGORY:\s*(.+)$/m.exec(text);
  return cat && text.trim().startsWith('$CATEGORY') ? cat[1]!.trim().replace(/^\$(course|system|module)\$\//, '') : undefined;
}

type GiftBase = Pick<GiftQuestion, 'line' | 'text' | 'title' | 'category' | 'generalFeedback'>;
type Where = { readonly file: string; readonly line: number };

/** One question: `::title::` text `{answers}` text. Nothing is dropped: text without answers stays a paragraph, unreadable GIFT stays verbatim. */
function chunkQuestion(chunk: { text: string; line: number }, file: string, category: string | undefined, diagnostics: Diagnostic[]): GiftQuestion {
  const at = { file, line: chunk.line };
  let body = chunk.text.trim();
  let title: string | undefined;
  const tm = /^::((?:\\.|[^:])*)::/.exec(body);
  if (tm) {
    title = unescapeGift(tm[1]!);
    body = body.slice(tm[0].length);
  }
  const raw: GiftQuestion = { kind: 'raw', line: chunk.line, text: chunk.text, answers: [] };
  const open = findUnescaped(body, '{');
  if (open < 0) {
    diagnostics.push(diagnostic(at, 'gift/no-answers', 'Không có phần đáp án {…}: giữ lại thành đoạn văn (mô tả), không phải câu hỏi.', 'No {…} answer part: kept as a paragraph (description), not a question.', 'warning'));
    return { kind: 'description', line: chunk.line, text: unescapeGift(stripFormat(body)), answers: [], ...(title ? { title } : {}) };
  }
  const close = findUnescaped(body, '}', open);
  if (close < 0) {
    diagnostics.push(diagnostic(at, 'gift/unclosed', 'Thiếu dấu "}" đóng phần đáp án; nội dung được giữ nguyên trong chú thích để sửa tay.', 'The answer part has no closing "}"; the text is kept verbatim in a comment to fix by hand.'));
    return raw;
  }
  const before = stripFormat(body.slice(0, open));
  const after = body.slice(close + 1);
  const text = unescapeGift(after.trim() ? `${before.trim()} ___ ${after.trim()}` : before);
  let inner = body.slice(open + 1, close).trim();
  let generalFeedback: string | undefined;
  const gf = inner.indexOf('####');
  if (gf >= 0) {
    generalFeedback = unescapeGift(inner.slice(gf + 4));
    inner = inner.slice(0, gf).trim();
  }
  const base: GiftBase = { line: chunk.line, text, ...(title ? { title } : {}), ...(category ? { category } : {}), ...(generalFeedback ? { generalFeedback } : {}) };
  return answerPart(inner, base, raw, at, diagnostics);
}

/** The kind is read from the answer part: empty (essay), T/F, `#` (numeric), else a list of answers. */
function answerPart(inner: string, base: GiftBase, raw: GiftQuestion, at: Where, diagnostics: Diagnostic[]): GiftQuestion {
  if (inner === '') return { ...base, kind: 'essay', answers: [] };
  const tf = /^(T|TRUE|F|FALSE)\s*(#.*)?$/is.exec(inner);
  if (tf) {
    const parts = splitUnescaped(tf[2] ?? '', '#').slice(1).map((p) => unescapeGift(p.text));
    const truth = /^t/i.test(tf[1]!);
    return { ...base, kind: 'truefalse', truth, answers: [], tfFeedback: { ...(parts[0] ? { wrong: parts[0] } : {}), ...(parts[1] ? { right: parts[1] } : {}) } };
  }
  if (inner.startsWith('#')) return numericAnswer(inner, base, at, diagnostics) ?? raw;
  return listedAnswers(answerList(inner, at, diagnostics), inner, base, at, diagnostics);
}

/** `{#40:2}`, `{#30..50}`, `{#40}`: the first answer as a range; undefined when it is not a number. */
function numericAnswer(inner: string, base: GiftBase, at: Where, diagnostics: Diagnostic[]): GiftQuestion | undefined {
  const first = splitUnescaped(inner.slice(1), '=').map((p) => p.text.trim()).find((p) => p !== '') ?? '';
  const spec = first.replace(/^%\d+%/, '').split('#')[0]!.trim();
  const range = /^(.+?)\.\.(.+)$/.exec(spec);
  const tol = /^(.+?):(.+)$/.exec(spec);
  const [min, max] = range
    ? [parseNumber(range[1]!), parseNumber(range[2]!)]
    : tol
      ? [parseNumber(tol[1]!) - Math.abs(parseNumber(tol[2]!)), parseNumber(tol[1]!) + Math.abs(parseNumber(tol[2]!))]
      : [parseNumber(spec), parseNumber(spec)];
  if (!Number.isFinite(min) || !Number.isFinite(max)) {
    diagnostics.push(diagnostic(at, 'gift/bad-number', `Không đọc được đáp án số "${spec}"; nội dung được giữ nguyên trong chú thích.`, `Cannot read the numeric answer "${spec}"; the text is kept verbatim in a comment.`));
    return undefined;
  }
  if (splitUnescaped(inner.slice(1), '=').filter((p) => p.text.trim()).length > 1)
    diagnostics.push(diagnostic(at, 'gift/partial-credit', 'Chỉ giữ đáp án số đầu tiên; điểm từng phần không được hỗ trợ.', 'Only the first numeric answer is kept; partial credit is not supported.', 'warning'));
  return { ...base, kind: 'numeric', answers: [], numeric: { min, max } };
}

/** `=right ~wrong ~%50%half #feedback =a -> b`: each answer with its weight, feedback or match. */
function answerList(inner: string, at: Where, diagnostics: Diagnostic[]): GiftAnswer[] {
  const answers: GiftAnswer[] = [];
  for (const part of splitUnescaped(inner, '=~')) {
    if (part.sep === '') {
      if (part.text.trim() !== '') diagnostics.push(diagnostic(at, 'gift/stray-text', `Bỏ qua "${part.text.trim()}" trước đáp án đầu tiên.`, `Ignoring "${part.text.trim()}" before the first answer.`, 'warning'));
      continue;
    }
    let raw = part.text;
    let weight = part.sep === '=' ? 100 : 0;
    const w = /^\s*%(-?\d+(?:\.\d+)?)%/.exec(raw);
    if (w) {
      weight = Number(w[1]);
      raw = raw.slice(w[0].length);
    }
    const fbAt = findUnescaped(raw, '#');
    const feedback = fbAt >= 0 ? unescapeGift(raw.slice(fbAt + 1)) : undefined;
    const main = fbAt >= 0 ? raw.slice(0, fbAt) : raw;
    const arrow = main.indexOf('->');
    if (part.sep === '=' && arrow >= 0) {
      answers.push({ text: unescapeGift(main.slice(0, arrow)), match: unescapeGift(main.slice(arrow + 2)), weight: 100 });
    } else answers.push({ text: unescapeGift(main), weight, ...(feedback ? { feedback } : {}) });
  }
  return answers;
}

/** Which kind a list of answers makes: pairs are matching, only right answers a fill-in, else choices. */
function listedAnswers(answers: GiftAnswer[], inner: string, base: GiftBase, at: Where, diagnostics: Diagnostic[]): GiftQuestion {
  if (answers.some((a) => a.match !== undefined)) return { ...base, kind: 'matching', answers };
  if (answers.length > 0 && answers.every((a) => a.weight > 0) && !inner.includes('~')) return { ...base, kind: 'fill', answers };
  if (answers.filter((a) => a.weight > 0).length > 1 || answers.some((a) => a.weight > 0 && a.weight < 100)) return { ...base, kind: 'multiple', answers };
  if (answers.some((a) => a.weight >= 100)) return { ...base, kind: 'single', answers };
  // Written out with no [x], so the module's lint keeps pointing at it until the author marks one.
  diagnostics.push(diagnostic(at, 'gift/no-correct-answer', 'Câu hỏi không có đáp án đúng ("=" hoặc trọng số dương); đã chuyển nhưng cần đánh dấu [x].', 'The question has no right answer ("=" or a positive weight); converted, but mark one [x].'));
  return { ...base, kind: 'single', answers };
}
