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
  type Reflection,
  type Scene,
  isSlug,
  nearest,
} from '../../core/index.js';
import type { BlockInput } from '../blocks.js';
import { parseAttributes } from './attributes.js';
import { splitCaseBody, type RawChoice, type RawScene } from './body.js';
import { htmlToText } from '../quiz/index.js';

export { parseAttributes };

const KNOWN_ATTRS = ['id', 'start', 'weight', 'back', 'title'];
const MAX_CHOICES = 26;

export interface CaseParse {
  readonly cases: readonly CaseStudy[];
  readonly diagnostics: readonly Diagnostic[];
}

export function parseCaseBlock(input: BlockInput): CaseParse {
  const diags: Diagnostic[] = [];
  const header = readCaseHeader(input, diags);
  if (header === undefined) return { cases: [], diagnostics: diags };
  const body = splitCaseBody(input, header.title, diags);
  if (body.scenes.length === 0) {
    diags.push(diagnostic(where(input, input.line), 'case/no-scenes', `Tình huống "${header.id}" chưa có cảnh nào: thêm "### ma-canh: Tên cảnh".`, `Case "${header.id}" has no scenes: add "### scene-id: Scene title".`));
    return { cases: [], diagnostics: diags };
  }
  const scenes = body.scenes.map((s) => buildScene(s, input, diags));
  const situationText = body.situation.join('\n').trim();
  const cs: CaseStudy = {
    id: header.id,
    module: input.module.id,
    file: input.file,
    line: input.line,
    // Without a title the case takes the module's: the first scene's title would be shown twice,
    // as the case heading and again as the scene's.
    title: body.title ?? input.module.title,
    situationHtml: situationText ? input.renderMarkdown(situationText, body.situationLine) : '',
    start: header.start ?? scenes[0]!.id,
    weight: header.weight,
    allowBack: header.back,
    scenes,
    lang: input.module.language,
    ...(body.titleHtml !== undefined ? { titleHtml: body.titleHtml } : {}),
  };
  return { cases: [cs], diagnostics: diags };
}

function where(input: BlockInput, line: number, column = 1): { file: string; line: number; column: number } {
  return { file: input.file, line, column };
}

interface CaseHeader {
  readonly id: string;
  readonly start?: string;
  readonly title?: string;
  readonly weight: number;
  readonly back: boolean;
}

/** The `:::case` line's attributes, checked; undefined when the case has no id (nothing to build). */
function readCaseHeader(input: BlockInput, diags: Diagnostic[]): CaseHeader | undefined {
  const at = (line: number, column = 1) => where(input, line, column);
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
    return undefined;
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

  const start = attrs.get('start')?.value;
  const title = attrs.get('title')?.value;
  return { id, weight, back: backAttr === 'true', ...(start !== undefined ? { start } : {}), ...(title !== undefined ? { title } : {}) };
}

/** A scene as the player takes it: choices lettered a–z, texts rendered at their source lines. */
function buildScene(s: RawScene, input: BlockInput, diags: Diagnostic[]): Scene {
  const choices: CaseChoice[] = s.choices.map((c, i) => buildChoice(c, i, input));
  if (s.choices.length > MAX_CHOICES) {
    diags.push(diagnostic(where(input, s.choices[MAX_CHOICES]!.line), 'case/too-many-choices', `Một cảnh có tối đa ${MAX_CHOICES} lựa chọn (SCORM ghi mỗi lựa chọn bằng một chữ cái).`, `A scene has at most ${MAX_CHOICES} choices (SCORM records each as one letter).`));
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
}

function buildChoice(c: RawChoice, index: number, input: BlockInput): CaseChoice {
  const consequence = c.consequence.join('\n').trim();
  const feedback = c.feedback.join('\n').trim();
  const labelHtml = input.renderInline(c.label);
  return {
    id: String.fromCharCode(97 + Math.min(index, 25)),
    labelHtml,
    labelText: htmlToText(labelHtml),
    target: c.target,
    points: c.points,
    line: c.line,
    ...(consequence ? { consequenceHtml: input.renderMarkdown(consequence, c.consequenceLine) } : {}),
    ...(feedback ? { feedbackHtml: input.renderMarkdown(feedback, c.line + 1) } : {}),
    ...(c.condition ? { condition: c.condition } : {}),
  };
}
