/**
 * The words the static module page says before (or without) the player's script. The player has
 * its own table (runtime/player/strings.ts) and rewrites the counter; both follow the glossary.
 */
export interface PageWords {
  readonly menu: string;
  readonly pages: string;
  readonly pager: string;
  readonly previous: string;
  readonly next: string;
  readonly pageOf: (n: number, total: number) => string;
  /** Shown without JavaScript: what still works and what does not. */
  readonly noscript: string;
  readonly questionNoscript: string;
  readonly testNoscript: string;
  readonly caseNoscript: string;
}

export const PAGE_WORDS: Readonly<Record<'vi' | 'en', PageWords>> = {
  vi: {
    menu: 'Mục lục',
    pages: 'Các trang của học phần',
    pager: 'Chuyển trang',
    previous: 'Trang trước',
    next: 'Trang sau',
    pageOf: (n, total) => `Trang ${n}/${total}`,
    noscript:
      'Trình duyệt đang tắt JavaScript: đồng chí vẫn đọc được các trang, nhưng câu hỏi, tình huống và việc ghi nhận kết quả học tập cần bật JavaScript.',
    questionNoscript: 'Câu hỏi này cần bật JavaScript để trả lời.',
    testNoscript: 'Bài kiểm tra này cần bật JavaScript để làm bài.',
    caseNoscript: 'Tình huống này cần bật JavaScript để xử lý.',
  },
  en: {
    menu: 'Contents',
    pages: 'Pages of this module',
    pager: 'Page navigation',
    previous: 'Previous page',
    next: 'Next page',
    pageOf: (n, total) => `Page ${n} of ${total}`,
    noscript:
      'JavaScript is turned off in this browser: you can still read every page, but questions, case studies and recording your results need JavaScript.',
    questionNoscript: 'This question needs JavaScript to be answered.',
    testNoscript: 'This test needs JavaScript to be taken.',
    caseNoscript: 'This case study needs JavaScript to be worked through.',
  },
};
