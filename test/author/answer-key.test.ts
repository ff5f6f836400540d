/**
 * The answer key never reaches the public part of a package, for every question kind: a module
 * with one question of each kind goes through the real author pipeline and compiler, and the
 * JSON its page embeds is read back. The table below is typed over QuestionKind, so a new kind
 * cannot be added without saying here what of it the learner's page may show.
 */
import { describe, expect, it } from 'vitest';
import { moduleData, modulePage } from '../../src/compile/index.js';
import { unpackQuestion } from '../../src/core/quiz/pack.js';
import type { Question, QuestionKind, QuestionOf } from '../../src/core/quiz/model.js';
import { QUESTION_KINDS } from '../../src/author/quiz/index.js';
import { frontmatter, lintCourseFiles } from './temp-course.js';

interface KindCase<K extends QuestionKind> {
  /** The question as an author writes it, with feedback and an explanation that give the answer away. */
  readonly markdown: string;
  /** The kind's own fields the page shows (beyond id, kind, module, points, topic, prompt, lang). */
  readonly shown: readonly string[];
  /** Texts of the key: none may appear in the public part. */
  readonly secrets: (q: QuestionOf<K>) => readonly string[];
}

const overall = (q: Question): string[] => [q.feedback?.correct, q.feedback?.incorrect, q.explanationHtml].filter((s) => s !== undefined);
const choiceSecrets = (q: QuestionOf<'single' | 'multiple' | 'truefalse'>): string[] => [
  ...overall(q),
  ...q.choices.flatMap((c) => (c.feedbackHtml !== undefined ? [c.feedbackHtml] : [])),
];
const KEY_FIELDS = ['correct', 'feedback', 'feedbackHtml', 'explanationHtml', 'answers', 'min', 'max', 'pairs', 'file', 'line'];

const CASES: { readonly [K in QuestionKind]: KindCase<K> } = {
  single: {
    markdown: `:::question single id=chon-mot
Việc nào làm trước buổi đối thoại?
- [ ] Công bố kết luận
- [x] Tổng hợp kiến nghị
  > Phản hồi riêng của lựa chọn đúng.
>+ Khen khi chọn đúng.
>- Nhắc khi chọn sai.
? Giải thích của câu chọn một.
:::`,
    shown: ['choices'],
    secrets: choiceSecrets,
  },
  multiple: {
    markdown: `:::question multiple id=chon-nhieu
Những ai tham dự?
- [x] Bí thư
- [ ] Phóng viên
  > Phóng viên không phải thành phần bắt buộc.
- [x] Đại diện người dân
? Giải thích của câu chọn nhiều.
:::`,
    shown: ['choices'],
    secrets: choiceSecrets,
  },
  truefalse: {
    markdown: `:::question truefalse id=dung-sai
Kết luận phải được thông báo công khai.
- [x] Đúng
  > Đúng vậy, phải công khai.
- [ ] Sai
? Giải thích của câu đúng sai.
:::`,
    shown: ['choices'],
    secrets: choiceSecrets,
  },
  fill: {
    markdown: `:::question fill id=dien-khuyet nocase max=40
Thủ đô của Việt Nam là ...?
= Hà Nội | Thành phố Hà Nội
? Giải thích của câu điền khuyết.
:::`,
    shown: ['caseSensitive', 'diacriticSensitive', 'maxLength'],
    secrets: (q) => [...overall(q), ...q.answers],
  },
  numeric: {
    markdown: `:::question numeric id=cau-so
Tỷ lệ tối thiểu (%) là bao nhiêu?
= 37,25 ± 0,5
? Giải thích của câu hỏi số.
:::`,
    shown: [],
    secrets: (q) => [...overall(q), String(q.min), String(q.max)],
  },
  matching: {
    markdown: `:::question matching id=ghep-cap
Ghép chức danh với nhiệm vụ.
- Bí thư -> Chủ trì hội nghị
- Chủ tịch -> Điều hành UBND
- -> Ký quyết định kỷ luật
? Giải thích của câu ghép cặp.
:::`,
    shown: ['sources', 'targets'],
    secrets: overall,
  },
  ordering: {
    markdown: `:::question ordering id=sap-xep
Sắp xếp các bước.
1. Xây dựng kế hoạch
2. Thông báo địa điểm
3. Tổ chức đối thoại
? Giải thích của câu sắp xếp.
:::`,
    shown: ['steps'],
    secrets: overall,
  },
  essay: {
    markdown: `:::question essay id=tu-luan max=500
Nêu ba việc đồng chí sẽ làm.
> Gợi ý chấm: nêu đủ ba việc.
? Giải thích của câu tự luận.
:::`,
    shown: ['maxLength'],
    secrets: overall,
  },
};

const BASE_FIELDS = ['id', 'kind', 'module', 'points', 'topic', 'promptHtml', 'promptText', 'lang'];

function propertyNames(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) propertyNames(v, into);
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      propertyNames(v, into);
    }
  return into;
}

/** Matching targets come back in id order (the page shows them in the attempt's shuffled order). */
function targetsById(q: Question): Question {
  return q.kind === 'matching' ? { ...q, targets: [...q.targets].sort((a, b) => a.id.localeCompare(b.id)) } : q;
}

function embedded(html: string): { questions: Record<string, unknown>[] } {
  const m = /<script type="application\/json" id="bd-data">([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error('no embedded data');
  return JSON.parse(m[1]!) as { questions: Record<string, unknown>[] };
}

async function compiled(): Promise<{ questions: readonly Question[]; packed: Record<string, unknown>[] }> {
  const module = `${frontmatter()}\n# Học phần thử\n\n## Trang một\n\n${QUESTION_KINDS.map((k) => CASES[k].markdown).join('\n\n')}\n`;
  const result = await lintCourseFiles({ 'mot.md': module });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !result.courses[0] || !result.taxonomy) throw new Error(JSON.stringify(errors));
  const course = result.courses[0];
  const page = modulePage(moduleData(course, course.modules[0]!, 'scorm2004', result.taxonomy));
  return { questions: course.modules[0]!.questions, packed: embedded(page).questions };
}

describe('the answer key never in the public part, for every question kind', async () => {
  const { questions, packed } = await compiled();

  it('compiles one question of every kind', () => {
    expect(questions.map((q) => q.kind)).toEqual([...QUESTION_KINDS]);
    expect(packed).toHaveLength(QUESTION_KINDS.length);
  });

  for (const kind of QUESTION_KINDS) {
    describe(kind, () => {
      const index = QUESTION_KINDS.indexOf(kind);
      const entry = CASES[kind] as KindCase<QuestionKind>;

      it('shows the learner only the fields named public for its kind', () => {
        const { k, ...pub } = packed[index]!;
        expect(typeof k).toBe('string');
        expect(Object.keys(pub).sort()).toEqual([...BASE_FIELDS, ...entry.shown].sort());
      });

      it('carries no field of a key, at any depth, outside the sealed key', () => {
        const { k: _k, ...pub } = packed[index]!;
        const names = propertyNames(pub);
        for (const field of KEY_FIELDS) expect(names.has(field), field).toBe(false);
      });

      it('carries none of the texts of its key in plain JSON', () => {
        const q = questions[index]!;
        const secrets = entry.secrets(q);
        // Every case carries an explanation, so the check below cannot pass on nothing.
        expect(secrets.length).toBeGreaterThan(0);
        const { k: _k, ...pub } = packed[index]!;
        const json = JSON.stringify(pub);
        for (const s of secrets) expect(json, s).not.toContain(JSON.stringify(s).slice(1, -1));
      });

      it('gives the player the whole question back from the sealed key', () => {
        expect(unpackQuestion(packed[index])).toEqual(targetsById({ ...questions[index]!, file: '', line: 0 }));
      });
    });
  }
});
