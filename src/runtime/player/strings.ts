/** The player's own words, Vietnamese first. */

/**
 * Set by the build for a package whose modules are all in Vietnamese (build/build.mjs, the
 * ".vi" bundles): the English table is then left out of the script, ~4 KB less on every page.
 */
declare const BD_UI_ONLY: string | undefined;

const VI = {
  previous: 'Trang trước',
  next: 'Trang sau',
  pages: 'Các trang của học phần',
  pageOf: (n: number, total: number) => `Trang ${n}/${total}`,
  seen: 'đã xem',
  nowOn: (title: string) => `Đang ở trang: ${title}`,
  completed: 'Đồng chí đã hoàn thành học phần.',
  passed: (mark: string) => `Đạt: ${mark}/10.`,
  failed: (mark: string) => `Chưa đạt: ${mark}/10.`,
  unavailable: 'Thành phần này chưa hiển thị được trong bản này.',
  badData: 'Không đọc được dữ liệu học phần.',
  standalone: 'Chế độ xem thử: tiến độ chỉ lưu trên trình duyệt này.',
  menu: 'Mục lục',
  pager: 'Chuyển trang',
  exit: 'Thoát học phần',
  step: {
    toTest: 'Đến bài kiểm tra',
    toCase: 'Đến tình huống',
    doTest: 'Làm bài kiểm tra ở trang này',
    doCase: 'Xử lý tình huống ở trang này',
    toUnseen: (title: string) => `Đến trang chưa xem: ${title}`,
    finish: 'Kết thúc học phần',
    finishExit: 'Kết thúc và quay về hệ thống học tập',
  },
  end: {
    title: 'Đồng chí đã học hết học phần này',
    next: (title: string, test: boolean) => `Tiếp theo trong khóa học: học phần “${title}”${test ? ' (có bài kiểm tra)' : ''}.`,
    left: (items: string) => `Còn lại trong khóa học: ${items}.`,
    withTest: (title: string) => `“${title}” (có bài kiểm tra)`,
    last: 'Đây là học phần cuối của khóa học.',
    courseDone: 'Khóa học được ghi nhận hoàn thành khi mọi học phần đều hoàn thành, và đạt với học phần có bài kiểm tra.',
    lms: 'Hệ thống học tập ghi nhận riêng từng học phần (hoàn thành, điểm). Đồng chí mở học phần tiếp theo từ trang khóa học của hệ thống học tập.',
    lmsInPackage: 'Hệ thống học tập ghi nhận riêng từng học phần (hoàn thành, điểm). Đồng chí chuyển sang học phần tiếp theo bằng mục lục hoặc nút chuyển tiếp của hệ thống học tập, bên cạnh khung bài học này.',
    lrs: 'Kết quả học phần này được gửi về hệ thống học tập; mỗi học phần được ghi nhận riêng. Đồng chí mở học phần tiếp theo từ trang khóa học của hệ thống học tập.',
    standalone: 'Chế độ xem thử: kết quả chỉ lưu trên trình duyệt này, không gửi về hệ thống học tập nào.',
    notYet: 'Học phần chưa hoàn thành: đồng chí xem hết các trang và làm xong bài được chấm điểm để hệ thống học tập ghi nhận.',
  },
  notice: {
    answer: 'Hệ thống học tập chưa nhận câu trả lời vừa gửi của đồng chí. Nội dung vẫn còn trên trang này; đồng chí vui lòng báo cán bộ quản lý lớp học.',
    progress: 'Hệ thống học tập chưa lưu được vị trí và tiến độ học của đồng chí; lần sau đồng chí có thể phải bắt đầu lại từ trang đầu.',
    result: 'Hệ thống học tập chưa ghi nhận kết quả học phần của đồng chí. Đồng chí vui lòng báo cán bộ quản lý lớp học.',
    saving: 'Hệ thống học tập chưa lưu được dữ liệu vừa gửi. Đồng chí vui lòng kiểm tra kết nối mạng và báo cán bộ quản lý lớp học nếu thông báo này còn hiện.',
    resume: 'Chỗ lưu tạm của hệ thống học tập đã đầy: phần làm dở có thể không được giữ nếu đồng chí rời học phần lúc này.',
  },
  noticeDetail: (detail: string) => `Chi tiết cho cán bộ hỗ trợ: ${detail}.`,
  undelivered: (n: number) => `${n} bản ghi học tập bị hệ thống từ chối, đang giữ trên trình duyệt này`,
  undeliveredHelp: 'Nếu kết quả học tập của đồng chí chưa được ghi nhận, hãy báo bộ phận hỗ trợ kèm danh sách dưới đây.',
  undeliveredStatus: (status: number) => (status === 0 ? 'phiên học đã kết thúc' : `mã ${status}`),
  passedPercent: (mark: string, percent: string) => `Đạt: ${mark}/10 (${percent} %).`,
  failedPercent: (mark: string, percent: string) => `Chưa đạt: ${mark}/10 (${percent} %).`,
  summaryTitle: 'Cách tính điểm học phần',
  summaryHow: (pass: string) => `Điểm học phần là trung bình có trọng số của các phần dưới đây; điểm đạt: ${pass}/10.`,
  summaryHowOne: (pass: string) => `Điểm học phần là điểm của phần dưới đây; điểm đạt: ${pass}/10.`,
  partWhole: 'toàn bộ điểm học phần',
  summaryUngraded: 'Học phần này không có bài kiểm tra hay tình huống tính điểm: đồng chí hoàn thành học phần khi đã xem hết các trang.',
  partName: (kind: 'test' | 'case', title: string) => (kind === 'test' ? `Bài kiểm tra “${title}”` : `Tình huống “${title}”`),
  partWeight: (weight: string, share: string) => `trọng số ${weight} (chiếm ${share} % điểm học phần)`,
  partMark: (mark: string, passed: boolean, band: string) => {
    const verdict = passed ? 'Đạt' : 'Chưa đạt';
    return `${mark}/10, ${verdict}${band && band !== verdict ? ` (xếp loại ${band})` : ''}`;
  },
  partPending: 'chưa làm',
  summaryChecks: (n: number) => `${n} câu hỏi ôn tập trên các trang của học phần không tính vào điểm học phần.`,
  summaryTotal: (mark: string, passed: boolean, band: string) => {
    const verdict = passed ? 'Đạt' : 'Chưa đạt';
    return `Điểm học phần: ${mark}/10, ${verdict}${band && band !== verdict ? ` (xếp loại ${band})` : ''}.`;
  },
  summaryTotalPending: 'Điểm học phần: chưa có, vì còn phần tính điểm chưa làm.',
  summaryOwed: (owed: string) => `Để hoàn thành học phần, đồng chí còn phải gửi ${owed}.`,
  owedStatus: (owed: string) => `Đồng chí đã xem hết các trang; để hoàn thành học phần, đồng chí còn phải gửi ${owed}.`,
} as const;

const EN = {
  previous: 'Previous page',
  next: 'Next page',
  pages: 'Pages of this module',
  pageOf: (n: number, total: number) => `Page ${n} of ${total}`,
  seen: 'seen',
  nowOn: (title: string) => `Now on page: ${title}`,
  completed: 'You have completed this module.',
  passed: (mark: string) => `Passed: ${mark}/10.`,
  failed: (mark: string) => `Not passed: ${mark}/10.`,
  unavailable: 'This component cannot be shown in this build.',
  badData: 'The module data could not be read.',
  standalone: 'Preview mode: progress is kept in this browser only.',
  menu: 'Contents',
  pager: 'Page navigation',
  exit: 'Exit module',
  step: {
    toTest: 'Go to the test',
    toCase: 'Go to the case study',
    doTest: 'Take the test on this page',
    doCase: 'Work through the case study on this page',
    toUnseen: (title: string) => `Go to an unseen page: ${title}`,
    finish: 'Finish the module',
    finishExit: 'Finish and return to the learning system',
  },
  end: {
    title: 'You have reached the end of this module',
    next: (title: string, test: boolean) => `Next in the course: the module “${title}”${test ? ' (with a test)' : ''}.`,
    left: (items: string) => `Still to do in the course: ${items}.`,
    withTest: (title: string) => `“${title}” (with a test)`,
    last: 'This is the last module of the course.',
    courseDone: 'The course is recorded as completed when every module is completed, and passed where it has a test.',
    lms: 'The learning system records each module on its own (completion, score). Open the next module from the course page of the learning system.',
    lmsInPackage: 'The learning system records each module on its own (completion, score). Go on to the next module with the learning system’s table of contents or its next button, beside this lesson.',
    lrs: 'This module’s result is sent to the learning system; each module is recorded on its own. Open the next module from the course page of the learning system.',
    standalone: 'Preview mode: results are kept in this browser only and sent to no learning system.',
    notYet: 'The module is not completed yet: view every page and finish the graded work so the learning system records it.',
  },
  notice: {
    answer: 'The learning system did not accept the answer you just sent. It is still on this page; please tell your course administrator.',
    progress: 'The learning system could not save your place and progress; next time you may have to start again from the first page.',
    result: 'The learning system did not record your module result. Please tell your course administrator.',
    saving: 'The learning system could not save what was just sent. Please check your connection, and tell your course administrator if this message stays.',
    resume: 'The learning system’s space for unfinished work is full: work in progress may not be kept if you leave the module now.',
  },
  noticeDetail: (detail: string) => `Details for support staff: ${detail}.`,
  undelivered: (n: number) => `${n} learning records refused by the learning system, kept in this browser`,
  undeliveredHelp: 'If your results have not been recorded, tell your support team and include the list below.',
  undeliveredStatus: (status: number) => (status === 0 ? 'session already ended' : `code ${status}`),
  passedPercent: (mark: string, percent: string) => `Passed: ${mark}/10 (${percent}%).`,
  failedPercent: (mark: string, percent: string) => `Not passed: ${mark}/10 (${percent}%).`,
  summaryTitle: 'How the module mark is made',
  summaryHow: (pass: string) => `The module mark is the weighted mean of the parts below; the pass mark is ${pass}/10.`,
  summaryHowOne: (pass: string) => `The module mark is the mark of the part below; the pass mark is ${pass}/10.`,
  partWhole: 'the whole module mark',
  summaryUngraded: 'This module has no graded test or case: you complete it once you have seen every page.',
  partName: (kind: 'test' | 'case', title: string) => (kind === 'test' ? `Test “${title}”` : `Case “${title}”`),
  partWeight: (weight: string, share: string) => `weight ${weight} (${share}% of the module mark)`,
  partMark: (mark: string, passed: boolean, band: string) => {
    const verdict = passed ? 'Passed' : 'Not passed';
    return `${mark}/10, ${verdict}${band && band !== verdict ? ` (grade: ${band})` : ''}`;
  },
  partPending: 'not done yet',
  summaryChecks: (n: number) => `The ${n} practice questions on the module’s pages do not count towards the module mark.`,
  summaryTotal: (mark: string, passed: boolean, band: string) => {
    const verdict = passed ? 'Passed' : 'Not passed';
    return `Module mark: ${mark}/10, ${verdict}${band && band !== verdict ? ` (grade: ${band})` : ''}.`;
  },
  summaryTotalPending: 'Module mark: none yet, as a graded part is still to be done.',
  summaryOwed: (owed: string) => `To complete the module, you still have to send ${owed}.`,
  owedStatus: (owed: string) => `You have seen every page; to complete the module, you still have to send ${owed}.`,
} as const;

// One expression the build folds, so the unused table goes; behind a pure call, so a bundle that
// never reads the tables (the test and case bundles) drops them whole.
export const STRINGS = /* @__PURE__ */ (() => ({ vi: VI, en: typeof BD_UI_ONLY === 'string' && BD_UI_ONLY === 'vi' ? VI : EN }))();

/** The UI languages this build can speak: an LMS asking for another is answered in the module's own. */
export const UI_LANGS: readonly ('vi' | 'en')[] = /* @__PURE__ */ (() =>
  typeof BD_UI_ONLY === 'string' && BD_UI_ONLY === 'vi' ? ['vi' as const] : ['vi' as const, 'en' as const])();

export type Strings = (typeof STRINGS)['vi'] | (typeof STRINGS)['en'];
