/** `:::test id=… pass=5 attempts=2 time=45m review=after-pass` with draw lines → a TestSpec. */
import {
  diagnostic,
  type Diagnostic,
  type Draw,
  type ReviewMode,
  type TestSpec,
  isSlug,
  nearest,
  slugify,
} from '../../core/index.js';
import { parseDecimal } from '../../core/quiz/index.js';
import type { BlockInput, BlockOutput, BlockPlugin } from '../blocks.js';
import { parseHeader, unknownAttrs } from './header.js';

const ATTRS = ['id', 'title', 'pass', 'attempts', 'time', 'review', 'shuffle', 'shuffle-choices', 'weight'];
export const REVIEW_MODES: readonly ReviewMode[] = ['always', 'after-pass', 'after-last-attempt', 'never'];

// "- 3 from topic dan-van", "- all from module x", "- 3 câu từ chuyên đề dan-van", "- tất cả từ mô-đun x";
// essays only when asked for: "- 1 essay from topic thu-hoach", "- 1 câu tự luận từ chuyên đề thu-hoach"
const DRAW =
  /^\s{0,3}[-*+]\s+(all|tất cả|\d+)\s+(?:(essays?|(?:câu\s+|bài\s+)?tự\s+luận)\s+|câu\s+|questions?\s+)?(?:from|từ)\s+(topic|module|chủ đề|chuyên đề|mô-đun|mô đun|học phần)\s+(\S+)\s*$/iu;

/** "45m", "1h30m", "90" (minutes), "30s" → seconds; NaN when unreadable. */
export function parseDuration(text: string): number {
  const t = text.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(t)) return Math.round(Number(t) * 60);
  const m = /^(?:(\d+)h)?(?:(\d+)(?:m|min|ph|phút))?(?:(\d+)s)?$/.exec(t.replace(/\s+/g, ''));
  if (!m || (m[1] === undefined && m[2] === undefined && m[3] === undefined)) return NaN;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

function bool(v: string | undefined, dflt: boolean): boolean | undefined {
  if (v === undefined) return dflt;
  if (['true', 'yes', 'co', 'có', '1'].includes(v.toLowerCase())) return true;
  if (['false', 'no', 'khong', 'không', '0'].includes(v.toLowerCase())) return false;
  return undefined;
}

export const testPlugin: BlockPlugin = (input: BlockInput): BlockOutput => {
  const diags: Diagnostic[] = [];
  const at = { file: input.file, line: input.line };
  const err = (w: { file: string; line: number }, code: string, vi: string, en: string): void => void diags.push(diagnostic(w, code, vi, en));
  const h = parseHeader(input.header);
  diags.push(...unknownAttrs(h, ATTRS, [], at));

  const id = h.attrs.get('id') ?? '';
  if (id === '') err(at, 'quiz/missing-id', 'Bài kiểm tra thiếu id: thêm id=kiem-tra-cuoi-khoa.', 'The test has no id: add id=final-test.');
  else if (!isSlug(id)) err(at, 'quiz/bad-id', `id "${id}" không hợp lệ; gợi ý: "${slugify(id)}".`, `Invalid id "${id}"; try "${slugify(id)}".`);

  const passText = h.attrs.get('pass');
  const pass = passText === undefined ? input.module.pass : parseDecimal(passText);
  if (!(pass >= 0 && pass <= 10)) err(at, 'quiz/bad-pass', `pass="${passText}" phải là điểm đạt trên thang 10 (0–10).`, `pass="${passText}" must be a pass mark on the 10-point scale (0–10).`);

  const attemptsText = h.attrs.get('attempts');
  const attempts = attemptsText === undefined ? 0 : Number(attemptsText);
  if (!(Number.isInteger(attempts) && attempts >= 0)) err(at, 'quiz/bad-attempts', `attempts="${attemptsText}" phải là số nguyên ≥ 0 (0 = không giới hạn).`, `attempts="${attemptsText}" must be a whole number ≥ 0 (0 = unlimited).`);

  const timeText = h.attrs.get('time');
  const time = timeText === undefined ? undefined : parseDuration(timeText);
  if (time !== undefined && !(time > 0)) err(at, 'quiz/bad-time', `time="${timeText}" không đọc được; viết ví dụ 45m, 1h30m hoặc 90 (phút).`, `Cannot read time="${timeText}"; write e.g. 45m, 1h30m or 90 (minutes).`);

  const reviewText = h.attrs.get('review') ?? 'after-last-attempt';
  const review = REVIEW_MODES.find((m) => m === reviewText);
  if (review === undefined) {
    const hint = nearest(reviewText, REVIEW_MODES);
    err(at, 'quiz/bad-review', `review="${reviewText}" không hợp lệ${hint ? `; có phải "${hint}"?` : ''} (${REVIEW_MODES.join(', ')}).`, `review="${reviewText}" is not valid${hint ? `; did you mean "${hint}"?` : ''} (${REVIEW_MODES.join(', ')}).`);
  }
  const shuffleQuestions = bool(h.attrs.get('shuffle'), true);
  const shuffleChoices = bool(h.attrs.get('shuffle-choices'), true);
  if (shuffleQuestions === undefined || shuffleChoices === undefined) err(at, 'quiz/bad-flag', 'shuffle và shuffle-choices nhận true hoặc false.', 'shuffle and shuffle-choices take true or false.');
  const weightText = h.attrs.get('weight');
  const weight = weightText === undefined ? 1 : parseDecimal(weightText);
  if (!(weight >= 0)) err(at, 'quiz/bad-weight', `weight="${weightText}" phải là số ≥ 0.`, `weight="${weightText}" must be a number ≥ 0.`);

  const draws: Draw[] = [];
  input.body.split(/\r?\n/).forEach((text, i) => {
    const line = input.line + 1 + i;
    if (text.trim() === '') return;
    const m = DRAW.exec(text);
    if (!m) {
      err({ file: input.file, line }, 'quiz/bad-draw', `Không hiểu dòng "${text.trim()}"; viết ví dụ "- 3 from topic dan-van" hoặc "- all from module tiep-xuc-doi-thoai".`, `Cannot read "${text.trim()}"; write e.g. "- 3 from topic dan-van" or "- all from module tiep-xuc-doi-thoai".`);
      return;
    }
    const count = /^\d+$/.test(m[1]!) ? Number(m[1]) : 'all';
    if (count === 0) err({ file: input.file, line }, 'quiz/bad-draw', 'Số câu phải lớn hơn 0.', 'The count must be more than 0.');
    const from = /^(topic|chủ đề|chuyên đề)$/i.test(m[3]!) ? 'topic' : 'module';
    const essay = m[2] !== undefined ? { essay: true as const } : {};
    draws.push(from === 'topic' ? { from, topic: m[4]!, count, line, ...essay } : { from, module: m[4]!, count, line, ...essay });
  });
  if (draws.length === 0) err(at, 'quiz/no-draws', 'Bài kiểm tra chưa có câu hỏi: thêm dòng "- 3 from topic …".', 'The test draws no questions: add lines such as "- 3 from topic …".');

  const failed = diags.some((d) => d.severity === 'error');
  const title = h.attrs.get('title');
  const test: TestSpec = {
    id,
    module: input.module.id,
    file: input.file,
    line: input.line,
    ...(title !== undefined ? { title } : {}),
    pass,
    attempts,
    ...(time !== undefined ? { timeLimitSeconds: time } : {}),
    review: review ?? 'after-last-attempt',
    shuffleQuestions: shuffleQuestions ?? true,
    shuffleChoices: shuffleChoices ?? true,
    draws,
    weight,
  };
  return {
    ...(failed ? {} : { tests: [test] }),
    diagnostics: diags,
    html: id && isSlug(id) ? `<div data-bd-test="${id}"></div>` : '',
  };
};
