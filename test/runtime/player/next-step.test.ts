/** The pager's main control on the last page, and what the end of a module tells the trainee. */
import { describe, expect, it } from 'vitest';
import { endLines, nextStep } from '../../../src/runtime/player/next-step.js';
import { STRINGS } from '../../../src/runtime/player/strings.js';
import type { ModulePackage } from '../../../src/core/package.js';

const vi = STRINGS.vi;
const titles = ['Mở đầu', 'Nội dung', 'Câu hỏi ôn tập'];
const titleOf = (i: number) => titles[i] ?? '';

function moduleAt(index: number, onePackage = false): ModulePackage {
  const modules = [
    { id: 'a', title: 'Kỹ năng lãnh đạo', test: false },
    { id: 'b', title: 'Tiếp xúc, đối thoại', test: false },
    { id: 'c', title: 'Kiểm tra cuối khóa', test: true },
  ];
  return { course: { modules, ...(onePackage ? { onePackage } : {}) }, module: { index } } as unknown as ModulePackage;
}

describe('next step', () => {
  const seen = [true, true, true];
  it('is the next page before the last page', () => {
    expect(nextStep({ page: 0, total: 3, seen, open: [], canExit: false }, vi, titleOf)).toMatchObject({ kind: 'next', page: 1, label: 'Trang sau →' });
  });

  it('on the last page: open graded work first, then an unseen page, then finishing', () => {
    const open = [{ kind: 'test' as const, id: 'kt', page: 1 }];
    expect(nextStep({ page: 2, total: 3, seen, open, canExit: false }, vi, titleOf)).toMatchObject({ kind: 'page', page: 1, label: 'Đến bài kiểm tra →' });
    const here = [{ kind: 'case' as const, id: 'th', page: 2 }];
    expect(nextStep({ page: 2, total: 3, seen, open: here, canExit: false }, vi, titleOf)).toMatchObject({ kind: 'here', selector: '[data-bd-case="th"]' });
    expect(nextStep({ page: 2, total: 3, seen: [true, false, true], open: [], canExit: false }, vi, titleOf)).toMatchObject({ kind: 'page', page: 1, label: 'Đến trang chưa xem: Nội dung →' });
    expect(nextStep({ page: 2, total: 3, seen, open: [], canExit: false }, vi, titleOf)).toMatchObject({ kind: 'finish', label: 'Kết thúc học phần' });
    expect(nextStep({ page: 2, total: 3, seen, open: [], canExit: true }, vi, titleOf)).toMatchObject({ kind: 'finish', exit: true, label: 'Kết thúc và quay về hệ thống học tập' });
  });
});

describe('end of a module', () => {
  it('names what is left in the course, the final test included, and how the LMS records it', () => {
    const lines = endLines(moduleAt(0), vi, 'scorm12', true);
    expect(lines).toContain('Tiếp theo trong khóa học: học phần “Tiếp xúc, đối thoại”.');
    expect(lines).toContain('Còn lại trong khóa học: “Tiếp xúc, đối thoại”; “Kiểm tra cuối khóa” (có bài kiểm tra).');
    expect(lines.at(-1)).toBe(vi.end.lms);
    expect(endLines(moduleAt(1), vi, 'cmi5', true)).toEqual([
      'Tiếp theo trong khóa học: học phần “Kiểm tra cuối khóa” (có bài kiểm tra).',
      vi.end.lrs,
    ]);
  });

  it("in a whole-course SCORM package points to the LMS's table of contents and next button, not its course page", () => {
    expect(endLines(moduleAt(0, true), vi, 'scorm2004', true).at(-1)).toBe(
      'Hệ thống học tập ghi nhận riêng từng học phần (hoàn thành, điểm). Đồng chí chuyển sang học phần tiếp theo bằng mục lục hoặc nút chuyển tiếp của hệ thống học tập, bên cạnh khung bài học này.',
    );
    // After the last module nothing is left to go on to; cmi5's AUs are launched from the course page.
    expect(endLines(moduleAt(2, true), vi, 'scorm12', true).at(-1)).toBe(vi.end.lms);
    expect(endLines(moduleAt(0, true), vi, 'cmi5', true).at(-1)).toBe(vi.end.lrs);
  });

  it('after the last module says so, and says when the course counts as completed', () => {
    expect(endLines(moduleAt(2), vi, 'xapi', true)).toEqual([vi.end.last, vi.end.courseDone, vi.end.lrs]);
    expect(endLines(moduleAt(2), STRINGS.en, 'standalone', false)[0]).toBe(STRINGS.en.end.notYet);
  });
});
