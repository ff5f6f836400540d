/** The player's own words, Vietnamese first. */
export const STRINGS = {
  vi: {
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
  },
  en: {
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
  },
} as const;

export type Strings = (typeof STRINGS)['vi'] | (typeof STRINGS)['en'];
