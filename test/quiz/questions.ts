/** One question of every kind, parsed from Markdown the way an author writes it. */
import { questionPlugin } from '../../src/author/quiz/index.js';
import type { Question, QuestionKind } from '../../src/core/quiz/model.js';
import { runBlock } from './support.js';

export const SOURCES = {
  single: `:::question single id=chuan-bi-1 points=1 topic=dan-van
Việc nào cần làm **trước** buổi đối thoại?

- [ ] Công bố kết luận
- [x] Tổng hợp ý kiến, kiến nghị của người dân
  > Đúng: nắm trước kiến nghị giúp trả lời có căn cứ.
- [ ] Mời báo chí
  > Chưa cần ở bước chuẩn bị.

? Tổng hợp kiến nghị trước giúp chủ trì trả lời có căn cứ.
:::`,
  multiple: `:::question multiple id=thanh-phan-1 points=2 topic=dan-van
Những ai tham dự buổi đối thoại?
- [x] Bí thư Đảng ủy xã
- [x] Chủ tịch UBND xã
- [ ] Phóng viên báo tỉnh
- [x] Đại diện người dân
:::`,
  truefalse: `:::question truefalse id=dung-sai-1 topic=kiem-tra-giam-sat
Kết luận buổi đối thoại phải được thông báo công khai.
- [x] Đúng
- [ ] Sai
:::`,
  fill: `:::question fill id=thu-do-1 nocase nodiacritics topic=dan-van
Thủ đô của nước Cộng hòa xã hội chủ nghĩa Việt Nam là ...?
= Hà Nội | Thành phố Hà Nội
:::`,
  numeric: `:::question numeric id=ty-le-1 points=1 topic=kiem-tra-giam-sat
Tỷ lệ đảng viên tham gia sinh hoạt tối thiểu (%) theo hướng dẫn là bao nhiêu?
= 40 ± 2
:::`,
  matching: `:::question matching id=ghep-1 points=3 topic=dan-van
Ghép chức danh với nhiệm vụ chính.
- Bí thư Đảng ủy -> Chủ trì hội nghị Đảng ủy
- Chủ tịch UBND -> Điều hành hoạt động của UBND
- Chủ tịch UB MTTQ -> Tập hợp, đoàn kết nhân dân
- -> Ký quyết định kỷ luật đảng viên
:::`,
  ordering: `:::question ordering id=trinh-tu-1 topic=kiem-tra-giam-sat
Sắp xếp các bước tổ chức đối thoại theo đúng trình tự.
1. Xây dựng kế hoạch
2. Thông báo thời gian, địa điểm
3. Tổ chức đối thoại
4. Thông báo kết luận
:::`,
  essay: `:::question essay id=thu-hoach-1 max=2000 topic=dan-van
Nêu ba việc đồng chí sẽ làm để nâng cao chất lượng đối thoại ở xã mình.
:::`,
} as const satisfies Record<QuestionKind, string>;

export type Kind = keyof typeof SOURCES;

export function parsed(kind: Kind): Question {
  const out = runBlock(questionPlugin, SOURCES[kind]);
  const q = out.questions?.[0];
  if (!q) throw new Error(`${kind}: ${JSON.stringify(out.diagnostics)}`);
  return q;
}

export const ALL_KINDS = Object.keys(SOURCES) as Kind[];
