/** What the quiz says to the learner, in Vietnamese (default) and English. */
import { formatNumber } from '../../core/index.js';
import { HAS_ENGLISH as EN } from '../ui-only.js';

export const STRINGS = {
  check: { vi: 'Kiểm tra đáp án', en: EN && 'Check' },
  sendEssay: { vi: 'Gửi câu trả lời', en: EN && 'Send the answer' },
  checkAgain: { vi: 'Kiểm tra lại', en: EN && 'Check again' },
  checkAgainLeft: { vi: 'Kiểm tra lại (còn {n} lần)', en: EN && 'Check again ({n} left)' },
  checkSent: { vi: 'Đã gửi câu trả lời', en: EN && 'Answer sent' },
  checkDone: { vi: 'Đã kiểm tra đáp án', en: EN && 'Answer checked' },
  alreadySent: {
    vi: 'Câu trả lời đã được gửi; câu hỏi này không nhận gửi lại.',
    en: EN && 'Your answer has been sent; this question does not take another.',
  },
  alreadyChecked: { vi: 'Câu hỏi này đã được kiểm tra đáp án.', en: EN && 'This answer has already been checked.' },
  practiceNote: {
    vi: 'Câu hỏi ôn tập: không tính vào điểm học phần.',
    en: EN && 'Practice question: it does not count towards the module mark.',
  },
  questionOf: { vi: 'Câu {n}/{of}', en: EN && 'Question {n} of {of}' },
  orderHelp: {
    vi: 'Sắp xếp các bước theo đúng thứ tự bằng nút ↑ (đưa lên) và ↓ (đưa xuống) cạnh mỗi bước. Dùng bàn phím: nhấn Tab tới nút của bước cần chuyển rồi nhấn Enter hoặc phím cách; con trỏ ở lại trên bước vừa chuyển để đồng chí chuyển tiếp.',
    en: EN && 'Put the steps in the right order with the ↑ (move up) and ↓ (move down) buttons beside each step. With the keyboard: press Tab to reach the step’s button, then Enter or Space; focus stays on the moved step so you can keep moving it.',
  },
  correct: { vi: 'Đúng.', en: EN && 'Correct.' },
  incorrect: { vi: 'Chưa đúng.', en: EN && 'Not correct.' },
  recorded: { vi: 'Đã ghi nhận câu trả lời; giảng viên sẽ chấm.', en: EN && 'Answer recorded; an instructor will grade it.' },
  noAnswer: { vi: 'Hãy chọn hoặc nhập câu trả lời trước.', en: EN && 'Choose or type an answer first.' },
  notANumber: { vi: 'Đồng chí chỉ nhập số, ví dụ 25 hoặc 25,5 (có thể thêm dấu %).', en: EN && 'Please type a number only, for example 25 or 25.5 (a % sign may follow).' },
  ambiguousNumber: {
    vi: 'Đồng chí chỉ nhập số không có dấu ngăn cách hàng nghìn: “{text}” có thể là {a} hoặc {b}. Hãy viết {a} hoặc {b}.',
    en: EN && 'Please type the number without a thousands separator: “{text}” could be {a} or {b}. Write {a} or {b}.',
  },
  yourAnswer: { vi: 'Câu trả lời', en: EN && 'Your answer' },
  rightAnswer: { vi: 'Đáp án đúng', en: EN && 'Correct answer' },
  youChose: { vi: 'đã chọn', en: EN && 'your choice' },
  explanation: { vi: 'Giải thích', en: EN && 'Explanation' },
  choose: { vi: '— Chọn —', en: EN && '— Choose —' },
  moveUp: { vi: 'Đưa lên', en: EN && 'Move up' },
  moveDown: { vi: 'Đưa xuống', en: EN && 'Move down' },
  movedTo: { vi: 'Đã chuyển tới vị trí', en: EN && 'Moved to position' },
  question: { vi: 'Câu', en: EN && 'Question' },
  start: { vi: 'Bắt đầu làm bài', en: EN && 'Start the test' },
  resume: { vi: 'Làm tiếp', en: EN && 'Continue' },
  result: { vi: 'Kết quả', en: EN && 'Result' },
  mark: { vi: 'Điểm', en: EN && 'Mark' },
  passed: { vi: 'Đạt', en: EN && 'Passed' },
  failed: { vi: 'Chưa đạt', en: EN && 'Not passed' },
  band: { vi: 'Xếp loại', en: EN && 'Grade' },
  notGraded: { vi: 'Chế độ xem lại: bài làm không được chấm điểm.', en: EN && 'Review mode: this attempt is not graded.' },
  missing: { vi: 'Không tìm thấy câu hỏi {id} trong gói.', en: EN && 'Question {id} is missing from the package.' },
  charCount: { vi: '{n}/{max} ký tự', en: EN && '{n}/{max} characters' },
  atMax: { vi: 'Đã đạt số ký tự tối đa: {max}.', en: EN && 'Maximum length reached: {max} characters.' },
  lmsKeeps: {
    vi: 'Hệ thống học tập chỉ nhận {keep} ký tự đầu của câu trả lời; {cut} ký tự sau đó sẽ không được gửi.',
    en: EN && 'The learning system takes only the first {keep} characters of an answer; the {cut} characters after them will not be sent.',
  },
  sentPart: {
    vi: 'Đã gửi {kept} ký tự đầu trong tổng số {n} ký tự của câu trả lời; {cut} ký tự còn lại hệ thống học tập không nhận.',
    en: EN && 'Sent the first {kept} of {n} characters of the answer; the learning system does not take the other {cut}.',
  },
  resumeKeeps: {
    vi: 'Nếu đồng chí rời trang lúc này, chỗ lưu tạm của hệ thống học tập chỉ giữ được {kept} ký tự đầu trong tổng số {n} ký tự của câu trả lời này. Đồng chí nên gửi câu trả lời (nộp bài) trước khi rời trang.',
    en: EN && 'If you leave now, the learning system’s space for unfinished work keeps only the first {kept} of {n} characters of this answer. Send the answer (submit) before you leave.',
  },
} as const;

export type StringKey = keyof typeof STRINGS;

export function t(lang: 'vi' | 'en', key: StringKey, vars: Record<string, string | number> = {}): string {
  return fill(text(STRINGS[key], lang), vars);
}

/** An entry's text in `lang`; Vietnamese where the bundle carries no English. */
export function text(entry: { readonly vi: string; readonly en: string | false }, lang: 'vi' | 'en'): string {
  return entry[lang] || entry.vi;
}

/** A string's {name} places filled from vars (an absent one left empty). */
export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

/** A mark, points or a count as the trainee's language writes it (7,5 · 4.000). */
export function formatMark(lang: 'vi' | 'en', n: number): string {
  return formatNumber(n, lang);
}
