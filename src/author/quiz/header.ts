/** The attributes on a block's opening line: `single id=x points=2 title="Bài kiểm tra" nocase`. */
import { diagnostic, type Diagnostic, nearest } from '../../core/index.js';

export interface Header {
  /** Bare words in order (e.g. the question kind, flags such as `nocase`). */
  readonly words: readonly string[];
  readonly attrs: ReadonlyMap<string, string>;
}

const TOKEN = /([A-Za-z][\w-]*)=(?:"([^"]*)"|'([^']*)'|(\S+))|(\S+)/g;

export function parseHeader(text: string): Header {
  const words: string[] = [];
  const attrs = new Map<string, string>();
  for (const m of text.matchAll(TOKEN)) {
    if (m[1] !== undefined) attrs.set(m[1], m[2] ?? m[3] ?? m[4] ?? '');
    else if (m[5] !== undefined) words.push(m[5]);
  }
  return { words, attrs };
}

/** Warn about attributes the block does not know, suggesting the nearest known one. */
export function unknownAttrs(
  h: Header,
  known: readonly string[],
  knownWords: readonly string[],
  at: { file: string; line: number },
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const name of h.attrs.keys()) {
    if (known.includes(name)) continue;
    const hint = nearest(name, known);
    out.push(
      diagnostic(
        at,
        'quiz/unknown-attribute',
        `Thuộc tính "${name}" không được hỗ trợ${hint ? `; có phải "${hint}"?` : ''} (dùng: ${known.join(', ')}).`,
        `Unknown attribute "${name}"${hint ? `; did you mean "${hint}"?` : ''} (known: ${known.join(', ')}).`,
        'warning',
      ),
    );
  }
  for (const w of h.words) {
    if (knownWords.includes(w)) continue;
    const hint = nearest(w, knownWords);
    out.push(
      diagnostic(
        at,
        'quiz/unknown-option',
        `Tùy chọn "${w}" không được hỗ trợ${hint ? `; có phải "${hint}"?` : ''}.`,
        `Unknown option "${w}"${hint ? `; did you mean "${hint}"?` : ''}.`,
        'warning',
      ),
    );
  }
  return out;
}

/** Plain text of rendered HTML, for SCORM descriptions and xAPI. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(br|\/p|\/li|\/h\d)\s*\/?>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
