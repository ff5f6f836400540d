/**
 * The body of a `:::case` block, line by line, into the situation and raw scenes (texts still
 * Markdown, with the line each starts on). parse.ts renders and assembles them.
 */
import { diagnostic, type Diagnostic, type Condition, isSlug } from '../../core/index.js';
import type { BlockInput } from '../blocks.js';
import { htmlToText } from '../quiz/index.js';
import { parseAttributes } from './attributes.js';
import { parseCondition } from './condition.js';

const SCENE_HEADING = /^###\s+(.*)$/;
const SCENE_PARTS = /^([^:\s{]+)\s*:\s*(.*?)\s*(?:\{([^}]*)\})?\s*$/;
const CHOICE = /^[-*+]\s+\[(.+)\]\(#([^)\s]*)\)\s*(.*)$/;
const CHOICE_TAIL = /^(?:([+-]\s*\d+(?:[.,]\d+)?|0)\s*)?(?:(?:if|nếu)\s+(.+))?$/u;
/** A list link to an id without its '#', or with a malformed tail: a choice written wrong. */
const ALMOST_CHOICE = /^[-*+]\s+\[.*\]\((#?)([^)\s]*)\)/;
const REFLECTION = /^\?\?\?\s*(.*)$/;
const BOLD_TITLE = /^\*\*(.+)\*\*\s*$/;

export interface RawChoice {
  label: string;
  target: string;
  points: number;
  condition?: Condition;
  line: number;
  consequence: string[];
  consequenceLine: number;
  feedback: string[];
}

export interface RawScene {
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

export interface CaseBody {
  readonly situation: readonly string[];
  readonly situationLine: number;
  /** The title: the header's `title=`, else a bold first line of the situation. */
  readonly title?: string;
  readonly titleHtml?: string;
  readonly scenes: readonly RawScene[];
}

/** Where the reader stands: the scene and the choice a line belongs to, inside a code fence or not. */
interface Reader {
  readonly input: BlockInput;
  readonly diags: Diagnostic[];
  situation: string[];
  situationLine: number;
  title: string | undefined;
  titleHtml: string | undefined;
  scenes: RawScene[];
  scene: RawScene | undefined;
  choice: RawChoice | undefined;
  fence: boolean;
}

export function splitCaseBody(input: BlockInput, title: string | undefined, diags: Diagnostic[]): CaseBody {
  const first = input.line + 1;
  const r: Reader = { input, diags, situation: [], situationLine: first, title, titleHtml: undefined, scenes: [], scene: undefined, choice: undefined, fence: false };
  input.body.split(/\r?\n/).forEach((raw, index) => readLine(r, raw.normalize('NFC'), first + index));
  return {
    situation: r.situation,
    situationLine: r.situationLine,
    scenes: r.scenes,
    ...(r.title !== undefined ? { title: r.title } : {}),
    ...(r.titleHtml !== undefined ? { titleHtml: r.titleHtml } : {}),
  };
}

function err(r: Reader, line: number, code: string, vi: string, en: string, column = 1): void {
  r.diags.push(diagnostic({ file: r.input.file, line, column }, code, vi, en));
}

/** One line, in the order the grammar decides: heading, situation, fenced text, choice, reflection, text. */
function readLine(r: Reader, text: string, line: number): void {
  if (/^\s*(```|~~~)/.test(text)) r.fence = !r.fence;
  const heading = r.fence ? null : SCENE_HEADING.exec(text);
  if (heading) return sceneHeading(r, heading[1]!.trim(), line);
  const scene = r.scene;
  if (!scene) return situationLine(r, text, line);
  if (r.fence) {
    (r.choice ? r.choice.consequence : scene.prose).push(text);
    return;
  }
  const choice = CHOICE.exec(text);
  if (choice) return choiceLine(r, scene, choice, line);
  if (misspelledChoice(r, text, line)) return;
  const reflection = REFLECTION.exec(text);
  if (reflection) {
    r.choice = undefined;
    if (!reflection[1]) err(r, line, 'case/empty-reflection', `Câu hỏi suy ngẫm "???" đang trống.`, `The reflection prompt "???" is empty.`);
    else scene.reflections.push({ prompt: reflection[1], line });
    return;
  }
  if (r.choice && (/^\s{2,}\S/.test(text) || text.trim() === '')) return choiceContinues(r.choice, text, line);
  r.choice = undefined;
  if (scene.prose.length === 0) scene.proseLine = line;
  scene.prose.push(text);
}

/** `### scene-id: Title {outcome=… if="…"}` starts a scene. */
function sceneHeading(r: Reader, heading: string, line: number): void {
  r.choice = undefined;
  const parts = SCENE_PARTS.exec(heading);
  if (!parts || !parts[2]) {
    err(r, line, 'case/bad-scene-heading', `Đầu cảnh phải có dạng "### ma-canh: Tên cảnh" (có thể thêm {outcome=tot}).`, `A scene heading reads "### scene-id: Scene title" (optionally {outcome=tot}).`);
    r.scene = undefined;
    return;
  }
  const sceneId = parts[1]!;
  if (!isSlug(sceneId)) {
    err(r, line, 'case/bad-scene-id', `Mã cảnh "${sceneId}" chỉ được gồm chữ thường không dấu, số và dấu "-".`, `Scene id "${sceneId}" may hold only lowercase ASCII letters, digits and "-".`, 5);
  }
  const scene: RawScene = { id: sceneId, title: parts[2], line, prose: [], proseLine: line + 1, choices: [], reflections: [] };
  for (const [key, { value }] of parseAttributes(parts[3] ?? '')) sceneAttribute(r, scene, key, value, line);
  if (r.scenes.some((s) => s.id === sceneId)) {
    err(r, line, 'case/duplicate-scene', `Mã cảnh "${sceneId}" đã dùng ở trên; mỗi cảnh cần một mã riêng.`, `Scene id "${sceneId}" is already used above; each scene needs its own id.`);
  }
  r.scene = scene;
  r.scenes.push(scene);
}

function sceneAttribute(r: Reader, scene: RawScene, key: string, value: string, line: number): void {
  if (key === 'outcome') {
    if (!isSlug(value)) err(r, line, 'case/bad-outcome', `Kết cục "${value}" phải là mã không dấu, ví dụ outcome=chap-nhan-duoc.`, `Outcome "${value}" must be an id, e.g. outcome=chap-nhan-duoc.`);
    scene.outcome = value;
  } else if (key === 'if') {
    const c = parseCondition(value);
    if (c.ok) scene.condition = c.condition;
    else err(r, line, 'case/bad-condition', `Điều kiện của cảnh: ${c.vi}.`, `Scene condition: ${c.en}.`);
  } else {
    r.diags.push(diagnostic({ file: r.input.file, line, column: 1 }, 'case/unknown-scene-attribute', `Thuộc tính cảnh "${key}" không có; dùng outcome= hoặc if=.`, `Scene attribute "${key}" does not exist; use outcome= or if=.`, 'warning'));
  }
}

/** Before the first scene: a bold first line is the title, the rest the situation (leading blanks dropped). */
function situationLine(r: Reader, text: string, line: number): void {
  const blankSoFar = r.situation.every((l) => l.trim() === '');
  if (r.title === undefined && blankSoFar) {
    const bold = BOLD_TITLE.exec(text.trim());
    if (bold) {
      r.title = htmlToText(r.input.renderInline(bold[1]!));
      r.titleHtml = r.input.renderInline(bold[1]!);
      return;
    }
  }
  if (blankSoFar && text.trim() !== '') {
    r.situation.length = 0;
    r.situationLine = line;
  }
  r.situation.push(text);
}

/** `- [Label](#target) +2 if …`: a choice, its points and its condition. */
function choiceLine(r: Reader, scene: RawScene, m: RegExpExecArray, line: number): void {
  const written = m[3]!.trim();
  const tail = CHOICE_TAIL.exec(written);
  let points = 0;
  let condition: Condition | undefined;
  if (!tail) {
    err(r, line, 'case/bad-choice-tail', `Sau lựa chọn chỉ được ghi điểm và điều kiện, ví dụ "+2 if score >= 2"; không hiểu "${written}".`, `After a choice write only points and a condition, e.g. "+2 if score >= 2"; cannot read "${written}".`);
  } else {
    if (tail[1]) points = Number(tail[1].replace(/\s/g, '').replace(',', '.'));
    if (tail[2]) {
      const c = parseCondition(tail[2]);
      if (c.ok) condition = c.condition;
      else err(r, line, 'case/bad-condition', `Điều kiện của lựa chọn: ${c.vi}.`, `Choice condition: ${c.en}.`);
    }
  }
  const choice: RawChoice = { label: m[1]!, target: m[2]!, points, line, consequence: [], consequenceLine: line + 1, feedback: [], ...(condition ? { condition } : {}) };
  r.choice = choice;
  scene.choices.push(choice);
}

/** A list link to a bare id (no '#') is a choice with the '#' forgotten, not a web link. */
function misspelledChoice(r: Reader, text: string, line: number): boolean {
  const almost = ALMOST_CHOICE.exec(text);
  if (!almost || !(almost[1] === '#' || /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(almost[2]!))) return false;
  const fix = almost[1] === '#' ? '' : ` Có phải "(#${almost[2]})"?`;
  const fixEn = almost[1] === '#' ? '' : ` Did you mean "(#${almost[2]})"?`;
  err(r, line, 'case/bad-choice', `Lựa chọn phải có dạng "- [Nội dung](#ma-canh-den) +1".${fix}`, `A choice reads "- [Label](#target-scene) +1".${fixEn}`);
  return true;
}

/** An indented line under a choice: `> …` is the cadre's feedback, anything else the consequence. */
function choiceContinues(choice: RawChoice, text: string, line: number): void {
  const inner = text.replace(/^\s{2,4}/, '');
  if (/^>\s?/.test(inner)) choice.feedback.push(inner.replace(/^>\s?/, ''));
  else if (inner.trim() !== '' || choice.consequence.length > 0) {
    if (choice.consequence.length === 0) choice.consequenceLine = line;
    choice.consequence.push(inner);
  }
}
