/** The preview LMS's UI text, Vietnamese by default. */
export type UiLang = 'vi' | 'en';

const STRINGS = {
  appName: ['Hệ thống học tập xem thử boiduong', 'boiduong preview LMS'],
  catalogue: ['Danh mục khóa học', 'Course catalogue'],
  statements: ['Bản ghi xAPI', 'xAPI statements'],
  transcript: ['Kết quả học tập', 'Transcript'],
  learner: ['Học viên', 'Learner'],
  switchLearner: ['Đổi học viên', 'Switch learner'],
  positions: ['Chức danh', 'Positions'],
  tier: ['Trình độ LLCT', 'Tier'],
  periods: ['Số tiết', 'Periods'],
  formats: ['Định dạng gói', 'Package formats'],
  module: ['Học phần', 'Module'],
  status: ['Trạng thái', 'Status'],
  launch: ['Học', 'Launch'],
  notAttempted: ['Chưa học', 'Not attempted'],
  inProgress: ['Đang học', 'In progress'],
  completed: ['Đã hoàn thành', 'Completed'],
  passed: ['Đạt', 'Passed'],
  failed: ['Chưa đạt', 'Failed'],
  mark: ['Điểm (thang 10)', 'Mark (of 10)'],
  grade: ['Xếp loại', 'Grade'],
  settledOn: ['Ngày có kết quả', 'Result date'],
  verb: ['Hành động', 'Verb'],
  object: ['Đối tượng', 'Object'],
  time: ['Thời điểm (giờ Việt Nam)', 'Time (Vietnam)'],
  answer: ['Trả lời', 'Answer'],
  rightAnswer: ['Đúng', 'Correct'],
  wrongAnswer: ['Chưa đúng', 'Not correct'],
  trueWord: ['Đúng', 'True'],
  falseWord: ['Sai', 'False'],
  markLabel: ['Điểm', 'Mark'],
  durationLabel: ['Thời gian', 'Time taken'],
  asRecorded: ['ghi nguyên văn, không đọc được theo câu hỏi', 'as recorded; it does not fit the question'],
  moreText: ['xem toàn bộ', 'show all'],
  lessText: ['thu gọn', 'show less'],
  result: ['Kết quả', 'Result'],
  all: ['Tất cả', 'All'],
  filter: ['Lọc', 'Filter'],
  course: ['Khóa học', 'Course'],
  back: ['Về danh mục', 'Back to the catalogue'],
  none: ['Chưa có bản ghi nào.', 'No statements yet.'],
  totalPeriods: ['Tổng số tiết đã hoàn thành', 'Total periods completed'],
  lintErrors: ['Học phần có lỗi, chưa build lại được', 'The module has errors and was not rebuilt'],
  language: ['English', 'Tiếng Việt'],
  noTier: ['không', 'none'],
} as const;

export type StringKey = keyof typeof STRINGS;

export function t(key: StringKey, lang: UiLang): string {
  return STRINGS[key][lang === 'en' ? 1 : 0];
}

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
