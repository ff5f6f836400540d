/**
 * What only the test runner says (attempts, time, submitting, review), apart from the strings
 * every knowledge check needs: a page's player bundle carries those, the test bundle these.
 */
import { fill, STRINGS, text } from './strings.js';
import { HAS_ENGLISH as EN } from '../ui-only.js';

export const TEST_STRINGS = {
  retryLeft: { vi: 'Làm lại (còn {n} lần)', en: EN && 'Try again ({n} left)' },
  questionN: { vi: 'Câu {n}: {message}', en: EN && 'Question {n}: {message}' },
  point: { vi: 'điểm', en: EN && 'pt' },
  retry: { vi: 'Làm lại', en: EN && 'Try again' },
  submit: { vi: 'Nộp bài', en: EN && 'Submit' },
  confirmSubmit: { vi: 'Còn {n} câu chưa trả lời. Nhấn “Nộp bài” lần nữa để nộp.', en: EN && '{n} questions are unanswered. Press “Submit” again to submit.' },
  questions: { vi: 'Số câu hỏi', en: EN && 'Questions' },
  passMark: { vi: 'Điểm đạt', en: EN && 'Pass mark' },
  timeLimit: { vi: 'Thời gian', en: EN && 'Time limit' },
  minutes: { vi: 'phút', en: EN && 'min' },
  attempts: { vi: 'Số lần làm bài', en: EN && 'Attempts' },
  unlimited: { vi: 'không giới hạn', en: EN && 'unlimited' },
  best: { vi: 'Điểm cao nhất', en: EN && 'Best mark' },
  noAttemptsLeft: { vi: 'Đồng chí đã dùng hết số lần làm bài.', en: EN && 'You have used all your attempts.' },
  timeLeft: { vi: 'Thời gian còn lại', en: EN && 'Time left' },
  timeAlmostUp: { vi: 'Còn {n} phút.', en: EN && '{n} minutes left.' },
  timeUp: { vi: 'Hết giờ: bài đã được nộp.', en: EN && 'Time is up: the test was submitted.' },
  answered: { vi: 'Đã trả lời {a}/{n} câu', en: EN && '{a} of {n} answered' },
  reviewHidden: { vi: 'Đáp án không được hiển thị cho bài kiểm tra này.', en: EN && 'Answers are not shown for this test.' },
  reviewAfterPass: { vi: 'Đáp án sẽ hiển thị khi đồng chí đạt.', en: EN && 'Answers are shown once you pass.' },
  reviewAfterLast: { vi: 'Đáp án sẽ hiển thị khi đồng chí đã dùng hết số lần làm bài.', en: EN && 'Answers are shown after your last attempt.' },
  notAnswered: { vi: '(chưa trả lời)', en: EN && '(not answered)' },
} as const;

export type TestStringKey = keyof typeof STRINGS | keyof typeof TEST_STRINGS;

export function t(lang: 'vi' | 'en', key: TestStringKey, vars: Record<string, string | number> = {}): string {
  // Looked up at call time, not merged at load: a merged table would be code every page's bundle runs.
  const entry = key in TEST_STRINGS ? TEST_STRINGS[key as keyof typeof TEST_STRINGS] : STRINGS[key as keyof typeof STRINGS];
  return fill(text(entry, lang), vars);
}
