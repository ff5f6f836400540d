/**
 * Splits module Markdown into plain Markdown runs and `:::name header` … `:::` container blocks,
 * keeping line numbers. Blocks do not nest; a `:::` inside a fenced code block is text.
 *
 * One mistake gives one message. A block whose `:::` is missing is reported once, at its opening
 * line, and ends where the author plainly meant it to: at the next block's opening line or the next
 * page heading (`#`, `##`). Its body is kept (its questions or scenes still count for the course)
 * but marked `unclosed`, so the reader drops the follow-on complaints its plugin would make, and
 * the text after it is read as the author wrote it instead of being swallowed or shown raw.
 */
import { diagnostic, type Diagnostic } from '../core/index.js';

export interface MarkdownSegment {
  readonly kind: 'markdown';
  readonly text: string;
  /** 1-based file line of the segment's first line. */
  readonly line: number;
}

export interface BlockSegment {
  readonly kind: 'block';
  readonly name: string;
  readonly header: string;
  readonly body: string;
  /** Line of the opening `:::`. */
  readonly line: number;
  /** The closing `:::` is missing (reported as block/unclosed); the plugin's own findings would follow from it. */
  readonly unclosed?: true;
}

export type Segment = MarkdownSegment | BlockSegment;

const OPEN = /^:::\s*([A-Za-z][\w-]*)\s*(.*)$/;
const CLOSE = /^:::\s*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const PAGE_HEADING = /^ {0,3}#{1,2}(\s|$)/;

type LineKind = 'open' | 'close' | 'heading' | 'text';

/** What each line is, outside fenced code (inside a fence every line is text). */
function classify(lines: readonly string[]): LineKind[] {
  let fence: string | undefined;
  return lines.map((line) => {
    const fenceMatch = FENCE.exec(line);
    if (fence) {
      if (fenceMatch && fenceMatch[1]![0] === fence[0] && fenceMatch[1]!.length >= fence.length && line.trim() === fenceMatch[1]) fence = undefined;
      return 'text';
    }
    if (fenceMatch) {
      fence = fenceMatch[1]!;
      return 'text';
    }
    if (OPEN.test(line)) return 'open';
    if (CLOSE.test(line)) return 'close';
    if (PAGE_HEADING.test(line)) return 'heading';
    return 'text';
  });
}

function next(kinds: readonly LineKind[], from: number, wanted: LineKind): number {
  for (let i = from; i < kinds.length; i++) if (kinds[i] === wanted) return i;
  return -1;
}

/**
 * Where the block opened at `start` ends: its closing line, or, when it has none, the line before
 * which it stops. A `:::x` inside it is a nested block when two `:::` lines follow before any other
 * opening line (the inner one's and the outer one's); otherwise the outer block was left open.
 */
type BlockEnd = { readonly close: number; readonly nested: readonly number[] } | { readonly stop: number };

function blockEnd(kinds: readonly LineKind[], start: number): BlockEnd {
  const nested: number[] = [];
  for (let i = start + 1; i < kinds.length; i++) {
    if (kinds[i] === 'close') return { close: i, nested };
    if (kinds[i] === 'open') {
      const innerClose = next(kinds, i + 1, 'close');
      const nextOpen = next(kinds, i + 1, 'open');
      const outerClose = innerClose < 0 ? -1 : next(kinds, innerClose + 1, 'close');
      const laterOpen = innerClose < 0 ? -1 : next(kinds, innerClose + 1, 'open');
      const innerIsClosed = innerClose >= 0 && (nextOpen < 0 || innerClose < nextOpen);
      if (innerIsClosed && outerClose >= 0 && (laterOpen < 0 || outerClose < laterOpen)) {
        nested.push(i);
        i = innerClose;
        continue;
      }
      return { stop: firstHeading(kinds, start, i) };
    }
  }
  return { stop: firstHeading(kinds, start, kinds.length) };
}

/** An unclosed block stops at a page heading before `limit`, else at `limit`. */
function firstHeading(kinds: readonly LineKind[], start: number, limit: number): number {
  for (let i = start + 1; i < limit; i++) if (kinds[i] === 'heading') return i;
  return limit;
}

export function scanBlocks(markdown: string, firstLine: number, file: string): { segments: Segment[]; diagnostics: Diagnostic[] } {
  const lines = markdown.split('\n').map((l) => l.replace(/\r$/, ''));
  const kinds = classify(lines);
  const segments: Segment[] = [];
  const diagnostics: Diagnostic[] = [];
  let run: string[] = [];
  let runStart = firstLine;

  const flushRun = (nextLine: number): void => {
    if (run.some((l) => l.trim() !== '')) segments.push({ kind: 'markdown', text: run.join('\n'), line: runStart });
    run = [];
    runStart = nextLine;
  };

  let i = 0;
  while (i < lines.length) {
    const lineNo = firstLine + i;
    if (kinds[i] === 'close') {
      diagnostics.push(diagnostic({ file, line: lineNo }, 'block/stray-close', 'Dòng ":::" đóng một khối chưa được mở.', 'This ":::" line closes no open block.'));
      i++;
      continue;
    }
    if (kinds[i] !== 'open') {
      run.push(lines[i]!);
      i++;
      continue;
    }
    const open = OPEN.exec(lines[i]!)!;
    const name = open[1]!;
    const header = (open[2] ?? '').trim();
    flushRun(lineNo);
    const end = blockEnd(kinds, i);
    if ('close' in end) {
      const body = lines.slice(i + 1, end.close);
      for (const n of end.nested) {
        const inner = OPEN.exec(lines[n]!)!;
        diagnostics.push(
          diagnostic(
            { file, line: firstLine + n },
            'block/nested',
            `Khối ":::${inner[1]!}" nằm trong khối ":::${name}" mở ở dòng ${lineNo}; các khối không lồng nhau — đóng khối trước bằng một dòng ":::".`,
            `Block ":::${inner[1]!}" is inside block ":::${name}" opened on line ${lineNo}; blocks do not nest — close the first with a ":::" line.`,
          ),
        );
        // The inner block's lines are blanked (numbering kept): reported once above, not again by the outer plugin.
        const innerClose = next(kinds, n + 1, 'close');
        for (let k = n; k <= innerClose; k++) body[k - i - 1] = '';
      }
      segments.push({ kind: 'block', name, header, body: body.join('\n'), line: lineNo });
      i = end.close + 1;
      runStart = firstLine + i;
      continue;
    }
    const stopLine = firstLine + end.stop;
    const stopsAt = end.stop < lines.length ? kinds[end.stop] : undefined;
    const where =
      stopsAt === 'open'
        ? { vi: ` trước khi khối ":::${OPEN.exec(lines[end.stop]!)![1]!}" ở dòng ${stopLine} mở`, en: ` before block ":::${OPEN.exec(lines[end.stop]!)![1]!}" opens on line ${stopLine}` }
        : stopsAt === 'heading'
          ? { vi: ` trước tiêu đề ở dòng ${stopLine}`, en: ` before the heading on line ${stopLine}` }
          : { vi: '', en: '' };
    diagnostics.push(
      diagnostic(
        { file, line: lineNo },
        'block/unclosed',
        `Khối ":::${name}" mở ở dòng ${lineNo} chưa được đóng${where.vi}; thêm một dòng ":::" ở cuối khối.`,
        `Block ":::${name}" opened on line ${lineNo} is never closed${where.en}; add a ":::" line at its end.`,
      ),
    );
    segments.push({ kind: 'block', name, header, body: lines.slice(i + 1, end.stop).join('\n'), line: lineNo, unclosed: true });
    i = end.stop;
    runStart = firstLine + i;
  }
  flushRun(firstLine + lines.length);
  return { segments, diagnostics };
}
