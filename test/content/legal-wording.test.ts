/**
 * What the sample lessons teach must match the texts in force: the findings of the 2026 legal
 * review of the sample content (docs/sample-content.md, "Legal review") stay fixed.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const courses = join(resolve(import.meta.dirname, '..', '..'), 'content', 'courses');
const read = (path: string): string => readFileSync(join(courses, path), 'utf8');
const biThu = (n: string): string => read(`boi-duong-bi-thu-dang-uy-xa/modules/${n}`);
const dangVien01 = (): string => read('boi-duong-dang-vien-moi/modules/01-nhiem-vu-quyen-dang-vien.md');

/** The choice lines of the question block with this id. */
function choices(text: string, id: string): { correct: boolean; text: string }[] {
  const start = text.indexOf(`id=${id} `);
  expect(start, id).toBeGreaterThan(0);
  const block = text.slice(start, text.indexOf('\n:::', start));
  return [...block.matchAll(/^- \[([ x])\] (.+)$/gm)].map((m) => ({ correct: m[1] === 'x', text: m[2]! }));
}

describe('sample lessons against the legal texts', () => {
  it('counts party age from the date in the decision of admission (Điều lệ Đảng, khoản 4 Điều 5)', () => {
    const text = dangVien01();
    const keyed = choices(text, 'dvm-tuoi-dang').filter((c) => c.correct);
    expect(keyed.map((c) => c.text)).toEqual(['Từ ngày ghi trong quyết định kết nạp']);
    expect(text).not.toMatch(/Tuổi đảng tính từ ngày ghi trong quyết định công nhận/);
    const figure = read('boi-duong-dang-vien-moi/modules/hinh/lo-trinh-dang-vien.svg');
    expect(figure).toContain('đảng tính từ ngày ghi trong QĐ kết nạp');
    expect(figure).not.toContain('đảng tính từ ngày này');
  });

  it('does not equate "bị kiểm điểm" with "bị thi hành kỷ luật"', () => {
    expect(dangVien01()).not.toMatch(/khi bị kiểm điểm/);
  });

  it('names the đảng ủy xã and the 2025 commune titles as they are after 1/7/2025', () => {
    const all = ['01-ky-nang-lanh-dao.md', '02-kiem-tra-giam-sat.md', '03-tiep-xuc-doi-thoai.md', '04-kiem-tra-cuoi-khoa.md'].map(biThu).join('\n');
    expect(all).not.toMatch(/[Cc]ấp ủy cơ sở|[Đđ]ảng ủy cơ sở/);
    expect(all).not.toMatch(/công chức địa chính|cán bộ địa chính/i);
    // A practice of the districts is dated: the district level was abolished in 2025.
    for (const m of all.matchAll(/một số huyện[^.]*\./g)) expect(m[0]).toMatch(/2025/);
  });

  it('keeps the 12-choice question to one kind of answer, not a mix of unrelated documents', () => {
    const options = choices(biThu('03-tiep-xuc-doi-thoai.md'), 'dtdv-van-ban-12');
    expect(options.length).toBeGreaterThan(10);
    expect(options.filter((o) => /^(Luật|Quy định|Nghị định|Thông tư|Kết luận)\b/.test(o.text))).toEqual([]);
  });

  it('uses neither colloquialisms nor the assumed grade bands as rules shown to trainees', () => {
    const all = ['01-ky-nang-lanh-dao.md', '02-kiem-tra-giam-sat.md', '03-tiep-xuc-doi-thoai.md'].map(biThu).join('\n');
    for (const phrase of ['bàn làm việc', 'hai "đường"', 'đặt cược', 'kéo cả tập thể xuống']) expect(all, phrase).not.toContain(phrase);
    const final = biThu('04-kiem-tra-cuoi-khoa.md');
    expect(final).not.toMatch(/Xuất sắc từ 9|Giỏi từ 8|Khá từ 7/);
    expect(final).toContain('**Chưa đạt**');
  });
});
