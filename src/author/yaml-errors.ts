/**
 * The YAML parser's messages are English and name its grammar ("implicit keys", "compact
 * mappings"), not the author's mistake. The common mistakes in frontmatter and course files are
 * recognised here from the error code and the line's text, and explained in Vietnamese and
 * English with the fix, at the line where the mistake is (not where the parser noticed it).
 */

export interface YamlProblem {
  /** The parser's error code, e.g. "TAB_AS_INDENT". */
  readonly code: string;
  /** The parser's own message (first line). */
  readonly message: string;
  /** 0-based index into `lines` and 1-based column where the parser stopped. */
  readonly index: number;
  readonly column: number;
}

export interface Bilingual {
  readonly vi: string;
  readonly en: string;
}

export interface YamlExplanation {
  readonly message: Bilingual;
  /** 0-based line index and 1-based column the explanation points at. */
  readonly index: number;
  readonly column: number;
}

const KEY_WITHOUT_SPACE = /^(\s*(?:-\s+)?)([\p{L}\p{N}_-]+):(\S.*)$/u;
const LIST_ITEM = /^(\s*)-(\s|$)/;

function indentOf(line: string): number {
  return /^ */.exec(line)![0].length;
}

/** The nearest line at or above `from` that opens a double-quoted text and does not close it. */
function openQuoteLine(lines: readonly string[], from: number): number | undefined {
  for (let i = Math.min(from, lines.length - 1); i >= 0; i--) {
    const quotes = (lines[i]!.replace(/\\"/g, '').match(/"/g) ?? []).length;
    if (quotes % 2 === 1) return i;
  }
  return undefined;
}

/** The nearest line at or above `from` where a `[` (or `{`) is opened and not closed. */
function openBracketLine(lines: readonly string[], from: number): { index: number; bracket: string } | undefined {
  for (let i = Math.min(from, lines.length - 1); i >= 0; i--) {
    const l = lines[i]!;
    for (const [open, close] of [['[', ']'], ['{', '}']] as const) {
      if (l.split(open).length > l.split(close).length) return { index: i, bracket: open };
    }
  }
  return undefined;
}

/** A key written as `title:Một` (no space after the colon) at or just above the error. */
function keyWithoutSpace(lines: readonly string[], index: number): { index: number; key: string; value: string; prefix: string } | undefined {
  for (const i of [index, index - 1]) {
    const m = i >= 0 ? KEY_WITHOUT_SPACE.exec(lines[i] ?? '') : null;
    // "https://…" in a value is not a missing space.
    if (m && !m[3]!.startsWith('//')) return { index: i, prefix: m[1]!, key: m[2]!, value: m[3]! };
  }
  return undefined;
}

type YamlRule = (p: YamlProblem, lines: readonly string[], text: string) => YamlExplanation | undefined;

function at(index: number, vi: string, en: string, column = 1): YamlExplanation {
  return { index, column, message: { vi, en } };
}

/** A tab at the start of a line. */
const tabIndent: YamlRule = (p, lines, text) => {
  if (p.code === 'TAB_AS_INDENT' || /^\s*\t/.test(text)) {
    return at(
      p.index,
      'Dòng này lùi vào bằng phím Tab; YAML chỉ chấp nhận dấu cách. Xóa Tab ở đầu dòng và lùi bằng dấu cách (2 dấu cách mỗi cấp), thẳng cột với các dòng cùng cấp.',
      'This line is indented with a tab; YAML accepts spaces only. Remove the tab at the start of the line and indent with spaces (2 per level), aligned with the lines at the same level.',
    );
  }
  return undefined;
};

/** A double quote opened and never closed. */
const unclosedQuote: YamlRule = (p, lines) => {
  if (p.code === 'MISSING_CHAR' && /closing "?quote|closing "/i.test(p.message)) {
    const i = openQuoteLine(lines, p.index) ?? p.index;
    return at(
      i,
      'Dấu ngoặc kép " mở ở dòng này chưa được đóng: thêm dấu " ở cuối phần chữ (hoặc bỏ dấu " ở đầu).',
      'The double quote " opened on this line is never closed: add a " at the end of the text (or remove the opening one).',
    );
  }
  return undefined;
};

/** A flow list "[…" or "{…" never closed. */
const unclosedBracket: YamlRule = (p, lines) => {
  if (/flow (sequence|mapping|collection)|end with a [\]}]|Expected a flow|Missing , or :/i.test(p.message) || (p.code === 'MISSING_CHAR' && /[\]}]/.test(p.message))) {
    const open = openBracketLine(lines, p.index);
    if (open) {
      const close = open.bracket === '[' ? ']' : '}';
      return at(
        open.index,
        `Danh sách mở bằng "${open.bracket}" ở dòng này chưa được đóng bằng "${close}": viết trên một dòng, ví dụ positions: [bi-thu-dang-uy-xa, chu-tich-ubnd-xa].`,
        `The list opened with "${open.bracket}" on this line is never closed with "${close}": write it on one line, e.g. positions: [bi-thu-dang-uy-xa, chu-tich-ubnd-xa].`,
      );
    }
  }
  return undefined;
};

/** "key:value" with no space after the colon. */
const noSpaceAfterColon: YamlRule = (p, lines) => {
  const noSpace = keyWithoutSpace(lines, p.index);
  if (noSpace && (p.code === 'MULTILINE_IMPLICIT_KEY' || p.code === 'MISSING_CHAR' || p.code === 'BLOCK_AS_IMPLICIT_KEY')) {
    const fixed = `${noSpace.key}: ${noSpace.value}`;
    return at(
      noSpace.index,
      `Thiếu dấu cách sau dấu hai chấm: viết "${fixed}" thay vì "${noSpace.key}:${noSpace.value}".`,
      `Missing space after the colon: write "${fixed}" instead of "${noSpace.key}:${noSpace.value}".`,
      noSpace.prefix.length + noSpace.key.length + 2,
    );
  }
  return undefined;
};

/** A list item out of line with the items above it. */
const misalignedListItem: YamlRule = (p, lines, text) => {
  if (LIST_ITEM.test(text) && (p.code === 'BLOCK_AS_IMPLICIT_KEY' || p.code === 'MULTILINE_IMPLICIT_KEY' || p.code === 'MISSING_CHAR' || p.code === 'BAD_INDENT')) {
    const prev = [...lines.slice(0, p.index)].reverse().find((l) => LIST_ITEM.test(l));
    const want = prev === undefined ? undefined : indentOf(prev);
    const hint = want === undefined ? '' : ` (${want} dấu cách, như mục ở trên)`;
    const hintEn = want === undefined ? '' : ` (${want} spaces, like the item above)`;
    return at(
      p.index,
      `Mục danh sách "- …" này lùi vào không khớp với các mục trước: các mục của cùng một danh sách phải thẳng cột${hint}.`,
      `This list item "- …" is not aligned with the items before it: the items of one list must start in the same column${hintEn}.`,
    );
  }
  return undefined;
};

/** A value holding ": " without quotes. */
const colonInValue: YamlRule = (p, lines, text) => {
  if (p.code === 'BLOCK_AS_IMPLICIT_KEY' && /:\s.*:\s/.test(text)) {
    const m = /^(\s*[^:]+):\s*(.*)$/.exec(text);
    const key = m?.[1]?.trim() ?? '';
    const value = m?.[2] ?? '';
    return at(
      p.index,
      `Giá trị có dấu hai chấm kèm dấu cách (": ") phải đặt trong ngoặc kép: ${key}: "${value}".`,
      `A value containing a colon and a space (": ") must be in double quotes: ${key}: "${value}".`,
    );
  }
  return undefined;
};

/** A line that is neither "name: value" nor "- item". */
const notAField: YamlRule = (p, lines, text) => {
  if (text.trim() !== '' && !text.includes(':') && !LIST_ITEM.test(text) && (p.code === 'MISSING_CHAR' || p.code === 'MULTILINE_IMPLICIT_KEY')) {
    return at(
      p.index,
      'Dòng này không phải "tên: giá trị" cũng không phải mục danh sách "- …": thêm dấu hai chấm và dấu cách sau tên trường, hoặc "- " ở đầu nếu là một mục của danh sách ở trên.',
      'This line is neither "name: value" nor a list item "- …": add a colon and a space after the field name, or "- " at the start if it is an item of the list above.',
    );
  }
  return undefined;
};

/** Any other indentation problem: usually the line after a field that already has its value. */
const wrongIndent: YamlRule = (p, lines, text) => {
  if (p.code === 'BLOCK_AS_IMPLICIT_KEY' || p.code === 'BAD_INDENT' || p.code === 'MISSING_CHAR' || p.code === 'MULTILINE_IMPLICIT_KEY') {
    // Usually the next line is indented further than a field that already has its value.
    const next = lines[p.index + 1];
    const target = next !== undefined && indentOf(next) > indentOf(text) && /:\s+\S/.test(text) ? p.index + 1 : p.index;
    return at(
      target,
      `Dòng này lùi vào không đúng: các trường cùng cấp phải thẳng cột (bỏ dấu cách thừa ở đầu dòng); mỗi trường viết "tên: giá trị", mục danh sách viết "- giá trị".`,
      `This line is indented wrongly: fields at the same level must start in the same column (remove the extra spaces at the start); write each field as "name: value" and each list item as "- value".`,
    );
  }
  return undefined;
};

/** The rules in the order they are tried: the first that recognises the problem explains it. */
const RULES: readonly YamlRule[] = [tabIndent, unclosedQuote, unclosedBracket, noSpaceAfterColon, misalignedListItem, colonInValue, notAField, wrongIndent];

export function explainYamlError(p: YamlProblem, lines: readonly string[]): YamlExplanation {
  const text = lines[p.index] ?? '';
  for (const rule of RULES) {
    const explained = rule(p, lines, text);
    if (explained) return explained;
  }
  const raw = p.message;
  return {
    index: p.index,
    column: p.column,
    message: {
      vi: `Lỗi cú pháp YAML (${raw}). Kiểm tra: lùi dòng chỉ bằng dấu cách, các trường cùng cấp thẳng cột, có dấu cách sau dấu hai chấm, ngoặc kép và ngoặc vuông được đóng.`,
      en: `YAML syntax error (${raw}). Check that lines are indented with spaces only, fields at one level are aligned, a space follows each colon, and quotes and brackets are closed.`,
    },
  };
}

/** `id` appears twice: which key, in words an author reads. */
export function duplicateKeyMessage(key: string | undefined): Bilingual {
  return key
    ? { vi: `Trường "${key}" được viết hai lần; xóa một dòng hoặc gộp hai giá trị.`, en: `Field "${key}" is written twice; delete one line or merge the values.` }
    : { vi: 'Một trường được viết hai lần; xóa một dòng.', en: 'A field is written twice; delete one line.' };
}
