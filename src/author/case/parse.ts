/**
 * Reads one `:::case` block into a CaseStudy. Grammar (see docs/case.md):
 *
 *   :::case id=… start=… weight=0.3 back=true
 *   **Title**                      ← optional first line; else title="…", else the module's title
 *   Situation (Markdown)
 *   ### scene-id: Scene title {outcome=tot if="score >= 2"}
 *   Scene text (Markdown)
 *   - [Choice label](#target) +2 if chose x
 *     Consequence text (indented Markdown)
 *     > Feedback from an experienced cadre
 *   ??? Reflection prompt
 *   :::
 */
import {
  diagnostic,
  type Diagnostic,
  type CaseChoice,
  type CaseStudy,
  type Condition,
  type Reflection,
  type Scene,
  isSlug,
  nearest,
} from '../../core/index.js';
import type { BlockInput } from '../blocks.js';
import { parseCondition } from './condition.js';
import { htmlToText } from '../quiz/index.js';

const KNOWN_ATTRS = ['id', 'start', 'weight', 'back', 'title'];
const SCENE_HEADING = /^###\s+(.*)$/;
const SCENE_PARTS = /^([^:\s{]+)\s*:\s*(.*?)\s*(?:\{([^}]*)\})?\s*$/;
const CHOICE = /^[-*+]\s+\[(.+)\]\(#([^)\s]*)\)\s*(.*)$/;
const CHOICE_TAIL = /^(?:([+-]\s*\d+(?:[.,]\d+)?|0)\s*)?(?:(?:if|nếu)\s+(.+))?$/u;
const REFLECTION = /^\?\?\?\s*(.*)$/;
const BOLD_TITLE = /^\*\*(.+)\*\*\s*$/;
const MAX_CHOICES = 26;

/** `a=1 b="x y" c` → {a: '1', b: 'x y', c: 'true'} with each key's column. */
export function parseAttributes(src: string): Map<string, { value: string; column: number }> {
  const out = new Map<string, { value: string; column: number }>();
  const re = /([\p{L}\w-]+)(?:=("([^"]*)"|'([^']*)'|\S+))?/gu;
  for (const m of src.matchAll(re)) {
    const value = m[3] ?? m[4] ?? m[2] ?? 'true';
    out.set(m[1]!, { value, column: (m.index ?? 0) + 1 });
  }
  return out;
}

interface RawChoice {
  label: string;
  target: string;
  points: number;
  condition?: Condition;
  line: number;
  consequence: string[];
  consequenceLine: number;
  feedback: string[];
}

interface RawScene {
  id: string;
  title: string;
  line: number;
  outcome?: string;
  condition?: Condition;
  prose: string[];
  proseLine: number;
  choices: RawChoice[];
  reflections: { prompt: string; line: number }[];
}

export interface CaseParse {
  readonly cases: readonly CaseStudy[];
  readonly diagnostics: readonly Diagnostic[];
}

export function parseCaseBlock(input: BlockInput): CaseParse {
  const diags: Diagnostic[] = [];
  const at = (line: number, column = 1) => ({ file: input.file, line, column });
  const attrs = parseAttributes(input.header);
  for (const [key, { column }] of attrs) {
    if (!KNOWN_ATTRS.includes(key)) {
      const hint = nearest(key, KNOWN_ATTRS);
      diags.push(
        diagnostic(
          at(input.line, column),
          'case/unknown-attribute',
          `Thuộc tính "${key}" không dùng cho tình huống${hint ? `; có phải "${hint}"?` : ''} (dùng: ${KNOWN_ATTRS.join(', ')}).`,
          `Attribute "${key}" does not apply to a case${hint ? `; did you mean "${hint}"?` : ''} (use: ${KNOWN_ATTRS.join(', ')}).`,
          'warning',
        ),
      );
    }
  }
  const id = attrs.get('id')?.value ?? '';
  if (!id) {
    diags.push(diagnostic(at(input.line), 'case/missing-id', 'Tình huống thiếu mã: thêm id=ma-tinh-huong sau ":::case".', 'The case has no id: add id=case-id after ":::case".'));
    return { cases: [], diagnostics: diags };
  }
  if (!isSlug(id)) {
    diags.push(diagnostic(at(input.line), 'case/bad-id', `Mã tình huống "${id}" chỉ được gồm chữ thường không dấu, số và dấu "-".`, `Case id "${id}" may hold only lowercase ASCII letters, digits and "-".`));
  }
  let weight = 1;
  const weightAttr = attrs.get('weight');
  if (weightAttr) {
    const w = Number(weightAttr.value.replace(',', '.'));
    if (!Number.isFinite(w) || w < 0) {
      diags.push(diagnostic(at(input.line, weightAttr.column), 'case/bad-weight', `Trọng số "${weightAttr.value}" phải là số không âm, ví dụ weight=0.3.`, `Weight "${weightAttr.value}" must be a non-negative number, e.g. weight=0.3.`));
    } else weight = w;
  }
  const backAttr = attrs.get('back')?.value;
  if (backAttr !== undefined && backAttr !== 'true' && backAttr !== 'false') {
    diags.push(diagnostic(at(input.line, attrs.get('back')!.column), 'case/bad-back', `back= chỉ nhận true hoặc false.`, `back= takes true or false.`));
  }

  // Split the body into the situation and scenes.
  const lines = input.body.split(/\r?\n/);
  const first = input.line + 1;
  const situation: string[] = [];
  let situationLine = first;
  let title = attrs.get('title')?.value;
  let titleHtml: string | undefined;
  const scenes: RawScene[] = [];
  let scene: RawScene | undefined;
  let choice: RawChoice | undefined;
  let fence = false;

  lines.forEach((raw, index) => {
    const line = first + index;
    const text = raw.normalize('NFC');
    if (/^\s*(```|~~~)/.test(text)) fence = !fence;
    const heading = fence ? null : SCENE_HEADING.exec(text);
    if (heading) {
      choice = undefined;
      const parts = SCENE_PARTS.exec(heading[1]!.trim());
      if (!parts || !parts[2]) {
        diags.push(diagnostic(at(line), 'case/bad-scene-heading', `Đầu cảnh phải có dạng "### ma-canh: Tên cảnh" (có thể thêm {outcome=tot}).`, `A scene heading reads "### scene-id: Scene title" (optionally {outcome=tot}).`));
        scene = undefined;
        return;
      }
      const sceneId = parts[1]!;
      if (!isSlug(sceneId)) {
        diags.push(diagnostic(at(line, 5), 'case/bad-scene-id', `Mã cảnh "${sceneId}" chỉ được gồm chữ thường không dấu, số và dấu "-".`, `Scene id "${sceneId}" may hold only lowercase ASCII letters, digits and "-".`));
      }
      scene = { id: sceneId, title: parts[2], line, prose: [], proseLine: line + 1, choices: [], reflections: [] };
      for (const [key, { value }] of parseAttributes(parts[3] ?? '')) {
        if (key === 'outcome') {
          if (!isSlug(value)) diags.push(diagnostic(at(line), 'case/bad-outcome', `Kết cục "${value}" phải là mã không dấu, ví dụ outcome=chap-nhan-duoc.`, `Outcome "${value}" must be an id, e.g. outcome=chap-nhan-duoc.`));
          scene.outcome = value;
        } else if (key === 'if') {
          const c = parseCondition(value);
          if (c.ok) scene.condition = c.condition;
          else diags.push(diagnostic(at(line), 'case/bad-condition', `Điều kiện của cảnh: ${c.vi}.`, `Scene condition: ${c.en}.`));
        } else {
          diags.push(diagnostic(at(line), 'case/unknown-scene-attribute', `Thuộc tính cảnh "${key}" không có; dùng outcome= hoặc if=.`, `Scene attribute "${key}" does not exist; use outcome= or if=.`, 'warning'));
        }
      }
      if (scenes.some((s) => s.id === sceneId)) {
        diags.push(diagnostic(at(line), 'case/duplicate-scene', `Mã cảnh "${sceneId}" đã dùng ở trên; mỗi cảnh cần một mã riêng.`, `Scene id "${sceneId}" is already used above; each scene needs its own id.`));
      }
      scenes.push(scene);
      return;
    }
    if (!scene) {
      if (title === undefined && situation.every((l) => l.trim() === '')) {
        const bold = BOLD_TITLE.exec(text.trim());
        if (bold) {
          title = htmlToText(input.renderInline(bold[1]!));
          titleHtml = input.renderInline(bold[1]!);
          return;
        }
      }
      if (situation.every((l) => l.trim() === '') && text.trim() !== '') {
        situation.length = 0;
        situationLine = line;
      }
      situation.push(text);
      return;
    }
    if (fence) {
      (choice ? choice.consequence : scene.prose).push(text);
      return;
    }
    const choiceMatch = CHOICE.exec(text);
    if (choiceMatch) {
      const tail = CHOICE_TAIL.exec(choiceMatch[3]!.trim());
      let points = 0;
      let condition: Condition | undefined;
      if (!tail) {
        diags.push(diagnostic(at(line), 'case/bad-choice-tail', `Sau lựa chọn chỉ được ghi điểm và điều kiện, ví dụ "+2 if score >= 2"; không hiểu "${choiceMatch[3]!.trim()}".`, `After a choice write only points and a condition, e.g. "+2 if score >= 2"; cannot read "${choiceMatch[3]!.trim()}".`));
      } else {
        if (tail[1]) points = Number(tail[1].replace(/\s/g, '').replace(',', '.'));
        if (tail[2]) {
          const c = parseCondition(tail[2]);
          if (c.ok) condition = c.condition;
          else diags.push(diagnostic(at(line), 'case/bad-condition', `Điều kiện của lựa chọn: ${c.vi}.`, `Choice condition: ${c.en}.`));
        }
      }
      choice = {
        label: choiceMatch[1]!,
        target: choiceMatch[2]!,
        points,
        line,
        consequence: [],
        consequenceLine: line + 1,
        feedback: [],
        ...(condition ? { condition } : {}),
      };
      scene.choices.push(choice);
      return;
    }
    // A list link to a bare id (no '#') is a choice with the '#' forgotten, not a web link.
    const almost = /^[-*+]\s+\[.*\]\((#?)([^)\s]*)\)/.exec(text);
    if (almost && (almost[1] === '#' || /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(almost[2]!))) {
      const fix = almost[1] === '#' ? '' : ` Có phải "(#${almost[2]})"?`;
      const fixEn = almost[1] === '#' ? '' : ` Did you mean "(#${almost[2]})"?`;
      diags.push(diagnostic(at(line), 'case/bad-choice', `Lựa chọn phải có dạng "- [Nội dung](#ma-canh-den) +1".${fix}`, `A choice reads "- [Label](#target-scene) +1".${fixEn}`));
      return;
    }
    const reflection = REFLECTION.exec(text);
    if (reflection) {
      choice = undefined;
      if (!reflection[1]) diags.push(diagnostic(at(line), 'case/empty-reflection', `Câu hỏi suy ngẫm "???" đang trống.`, `The reflection prompt "???" is empty.`));
      else scene.reflections.push({ prompt: reflection[1], line });
      return;
    }
    if (choice && (/^\s{2,}\S/.test(text) || text.trim() === '')) {
      const inner = text.replace(/^\s{2,4}/, '');
      if (/^>\s?/.test(inner)) choice.feedback.push(inner.replace(/^>\s?/, ''));
      else if (inner.trim() !== '' || choice.consequence.length > 0) {
        if (choice.consequence.length === 0) choice.consequenceLine = line;
        choice.consequence.push(inner);
      }
      return;
    }
    choice = undefined;
    if (scene.prose.length === 0) scene.proseLine = line;
    scene.prose.push(text);
  });

  if (scenes.length === 0) {
    diags.push(diagnostic(at(input.line), 'case/no-scenes', `Tình huống "${id}" chưa có cảnh nào: thêm "### ma-canh: Tên cảnh".`, `Case "${id}" has no scenes: add "### scene-id: Scene title".`));
    return { cases: [], diagnostics: diags };
  }

  const built: Scene[] = scenes.map((s) => {
    const choices: CaseChoice[] = s.choices.map((c, i) => {
      const consequence = c.consequence.join('\n').trim();
      const feedback = c.feedback.join('\n').trim();
      const labelHtml = input.renderInline(c.label);
      return {
        id: String.fromCharCode(97 + Math.min(i, 25)),
        labelHtml,
        labelText: htmlToText(labelHtml),
        target: c.target,
        points: c.points,
        line: c.line,
        ...(consequence ? { consequenceHtml: input.renderMarkdown(consequence, c.consequenceLine) } : {}),
        ...(feedback ? { feedbackHtml: input.renderMarkdown(feedback, c.line + 1) } : {}),
        ...(c.condition ? { condition: c.condition } : {}),
      };
    });
    if (s.choices.length > MAX_CHOICES) {
      diags.push(diagnostic(at(s.choices[MAX_CHOICES]!.line), 'case/too-many-choices', `Một cảnh có tối đa ${MAX_CHOICES} lựa chọn (SCORM ghi mỗi lựa chọn bằng một chữ cái).`, `A scene has at most ${MAX_CHOICES} choices (SCORM records each as one letter).`));
    }
    const reflections: Reflection[] = s.reflections.map((r, i) => {
      const promptHtml = input.renderInline(r.prompt);
      return { id: `${s.id}-r${i + 1}`, promptHtml, promptText: htmlToText(promptHtml), line: r.line };
    });
    const prose = s.prose.join('\n').trim();
    return {
      id: s.id,
      title: s.title,
      html: prose ? input.renderMarkdown(prose, s.proseLine) : '',
      line: s.line,
      choices,
      reflections,
      ...(s.outcome !== undefined ? { outcome: s.outcome } : {}),
      ...(s.condition ? { condition: s.condition } : {}),
    };
  });

  const start = attrs.get('start')?.value ?? built[0]!.id;
  const situationText = situation.join('\n').trim();
  const cs: CaseStudy = {
    id,
    module: input.module.id,
    file: input.file,
    line: input.line,
    // Without a title the case takes the module's: the first scene's title would be shown twice,
    // as the case heading and again as the scene's.
    title: title ?? input.module.title,
    situationHtml: situationText ? input.renderMarkdown(situationText, situationLine) : '',
    start,
    weight,
    allowBack: backAttr === 'true',
    scenes: built,
    lang: input.module.language,
    ...(titleHtml !== undefined ? { titleHtml } : {}),
  };
  return { cases: [cs], diagnostics: diags };
}
