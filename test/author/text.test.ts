/** Vietnamese ids and file names are transliterated, never stripped of letters. */
import { describe, expect, it } from 'vitest';
import { AssetCollector } from '../../src/author/index.js';
import { nearest, safeFileName, slugify } from '../../src/core/text.js';

describe('slugs and file names', () => {
  it('transliterates titles into slugs', () => {
    expect(slugify('Nghiệp vụ Bí thư Đảng ủy xã')).toBe('nghiep-vu-bi-thu-dang-uy-xa');
    expect(slugify('Tiếp xúc, đối thoại với nhân dân')).toBe('tiep-xuc-doi-thoai-voi-nhan-dan');
    expect(slugify('ĐẢNG ỦY – Ủy ban kiểm tra')).toBe('dang-uy-uy-ban-kiem-tra');
    // Decomposed input (as some editors save it) gives the same slug.
    expect(slugify('Nghiệp vụ Bí thư Đảng ủy xã'.normalize('NFD'))).toBe('nghiep-vu-bi-thu-dang-uy-xa');
  });

  it('keeps every base letter', () => {
    const title = 'Những điều đảng viên không được làm';
    expect(slugify(title).replace(/-/g, '').length).toBe(title.replace(/\s/g, '').length);
  });

  it('makes safe file names that keep the extension', () => {
    expect(safeFileName('Sơ đồ quy trình.PNG')).toBe('so-do-quy-trinh.png');
    expect(safeFileName('Biểu mẫu số 01.docx')).toBe('bieu-mau-so-01.docx');
  });

  it('gives colliding asset names a numeric suffix, and one name per source file', () => {
    const assets = new AssetCollector();
    expect(assets.add('/a/Ảnh 1.png')).toBe('assets/anh-1.png');
    expect(assets.add('/b/anh-1.png')).toBe('assets/anh-1-2.png');
    expect(assets.add('/c/ANH 1.png')).toBe('assets/anh-1-3.png');
    expect(assets.add('/a/Ảnh 1.png')).toBe('assets/anh-1.png');
    expect(assets.list()).toHaveLength(3);
  });

  it('suggests the nearest id, diacritic-insensitively', () => {
    const ids = ['bi-thu-dang-uy-xa', 'chu-tich-ubnd-xa', 'chu-tich-hdnd-xa'];
    expect(nearest('Bí thư Đảng ủy xã', ids)).toBe('bi-thu-dang-uy-xa');
    expect(nearest('chu-tich-ubnd', ids)).toBe('chu-tich-ubnd-xa');
    expect(nearest('giam-doc-so', ids)).toBeUndefined();
  });
});
