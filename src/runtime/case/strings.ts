/** What the case player says to the learner, in Vietnamese (default) and English. */
import { formatNumber as writeNumber, outcomeLabel } from '../../core/index.js';
import { fill, text } from '../quiz/index.js';
import { HAS_ENGLISH as EN } from '../ui-only.js';

export const CASE_STRINGS = {
  situation: { vi: 'Bối cảnh', en: EN && 'Situation' },
  scene: { vi: 'Cảnh {n}', en: EN && 'Scene {n}' },
  choose: { vi: 'Đồng chí chọn cách xử lý nào?', en: EN && 'What do you do?' },
  youChose: { vi: 'Đồng chí đã chọn', en: EN && 'You chose' },
  consequence: { vi: 'Hệ quả', en: EN && 'What happened' },
  advice: { vi: 'Ý kiến của cán bộ có kinh nghiệm', en: EN && 'An experienced cadre’s view' },
  points: { vi: '{p} điểm', en: EN && '{p} points' },
  chosenAnnounce: { vi: 'Đã chọn: {c}. Tiếp theo: {s}.', en: EN && 'Chosen: {c}. Next: {s}.' },
  back: { vi: 'Quay lại để chọn cách khác', en: EN && 'Go back and choose again' },
  backAnnounce: { vi: 'Đã quay lại cảnh: {s}.', en: EN && 'Back at scene: {s}.' },
  restart: { vi: 'Làm lại từ đầu', en: EN && 'Start again' },
  path: { vi: 'Các bước đã đi', en: EN && 'Your path' },
  reflection: { vi: 'Câu hỏi suy ngẫm', en: EN && 'Reflection' },
  reflectionHint: { vi: 'Câu trả lời được gửi tới giảng viên.', en: EN && 'Your answer goes to the instructor.' },
  reflectionRequired: {
    vi: 'Đồng chí cần gửi câu trả lời thu hoạch này thì mới hoàn thành học phần; câu trả lời được gửi tới giảng viên.',
    en: EN && 'Send this reflection to complete the module; your answer goes to the instructor.',
  },
  send: { vi: 'Gửi câu trả lời', en: EN && 'Send answer' },
  sent: { vi: 'Đã gửi câu trả lời cho giảng viên.', en: EN && 'Your answer was sent to the instructor.' },
  sentButton: { vi: 'Đã gửi câu trả lời', en: EN && 'Answer sent' },
  alreadySent: {
    vi: 'Câu trả lời đã được gửi cho giảng viên; không gửi lại được.',
    en: EN && 'Your answer was sent to the instructor; it cannot be sent again.',
  },
  empty: { vi: 'Hãy viết câu trả lời trước khi gửi.', en: EN && 'Write an answer before sending.' },
  keptStart: {
    vi: 'Ở đây chỉ hiện lại {kept} ký tự đầu trong tổng số {n} ký tự đồng chí đã gửi: chỗ lưu tạm của hệ thống học tập không giữ được cả câu trả lời.',
    en: EN && 'Only the first {kept} of the {n} characters you sent are shown again here: the learning system’s space for unfinished work cannot hold the whole answer.',
  },
  sentEarlier: {
    vi: 'Đồng chí đã gửi câu trả lời này trong lần học trước; chỗ lưu tạm của hệ thống học tập không còn chỗ để hiện lại nội dung ở đây.',
    en: EN && 'You sent this answer in an earlier session; the learning system’s space for unfinished work has no room to show it again here.',
  },
  sentPart: {
    vi: 'Hệ thống học tập chỉ nhận {kept} ký tự đầu trong tổng số {n} ký tự; {cut} ký tự còn lại không được gửi.',
    en: EN && 'The learning system takes only the first {kept} of {n} characters; the other {cut} were not sent.',
  },
  ended: { vi: 'Kết thúc tình huống', en: EN && 'End of the case' },
  outcome: { vi: 'Kết quả xử lý', en: EN && 'Outcome' },
  mark: { vi: 'Điểm tình huống: {m}/10', en: EN && 'Case mark: {m}/10' },
  passed: { vi: 'Đạt', en: EN && 'Passed' },
  failed: { vi: 'Chưa đạt', en: EN && 'Not passed' },
  band: { vi: 'Xếp loại', en: EN && 'Grade' },
  notGraded: { vi: 'Chế độ xem: các lựa chọn không được ghi nhận và chấm điểm.', en: EN && 'Viewing only: choices are not recorded or graded.' },
  stuck: { vi: 'Không còn lựa chọn nào phù hợp ở cảnh này. Hãy báo cho giảng viên.', en: EN && 'No choice applies here. Please tell the instructor.' },
  missing: { vi: 'Không tìm thấy tình huống {id} trong gói.', en: EN && 'Case {id} is missing from the package.' },
} as const;

export type CaseStringKey = keyof typeof CASE_STRINGS;

export function ct(lang: 'vi' | 'en', key: CaseStringKey, vars: Record<string, string | number> = {}): string {
  return fill(text(CASE_STRINGS[key], lang), vars);
}

/** The name of an outcome label the guide suggests; other labels show as written. */
export function outcomeName(lang: 'vi' | 'en', id: string): string {
  const known = outcomeLabel(id);
  if (known) return known.name[lang];
  const words = id.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function formatNumber(lang: 'vi' | 'en', n: number): string {
  return writeNumber(n, lang);
}

export function signed(lang: 'vi' | 'en', n: number): string {
  return n > 0 ? `+${formatNumber(lang, n)}` : formatNumber(lang, n);
}
