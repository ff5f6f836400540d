/**
 * Splits module Markdown into plain Markdown runs and `:::name header` … `:::` container blocks,
 * keeping line numbers. Blocks do not nest; a `:::` inside a fenced code block is text.
 */
import { diagnostic, type Diagnostic } from '../core/diagnostic.js';

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
}

export type Segment = MarkdownSegment | BlockSegment;

const OPEN = /^:::\s*([A-Za-z][\w-]*)\s*(.*)$/;
const CLOSE = /^:::\s*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

export function scanBlocks(markdown: string, firstLine: number, file: string): { segments: Segment[]; diagnostics: Diagnostic[] } {
  const lines = markdown.split('\n');
  const segments: Segment[] = [];
  const diagnostics: Diagnostic[] = [];
  let run: string[] = [];
  let runStart = firstLine;
  let fence: string | undefined;
  let block: { name: string; header: string; line: number; body: string[] } | undefined;

  const flushRun = (nextLine: number): void => {
    if (run.some((l) => l.trim() !== '')) segments.push({ kind: 'markdown', text: run.join('\n'), line: runStart });
    run = [];
    runStart = nextLine;
  };

  lines.forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    const lineNo = firstLine + i;
    const fenceMatch = FENCE.exec(line);
    if (fence) {
      if (fenceMatch && fenceMatch[1]![0] === fence[0] && fenceMatch[1]!.length >= fence.length && line.trim() === fenceMatch[1]) fence = undefined;
    } else if (fenceMatch) {
      fence = fenceMatch[1]!;
    } else if (block) {
      if (CLOSE.test(line)) {
        segments.push({ kind: 'block', name: block.name, header: block.header.trim(), body: block.body.join('\n'), line: block.line });
        block = undefined;
        runStart = lineNo + 1;
        return;
      }
      const nested = OPEN.exec(line);
      if (nested) {
        diagnostics.push(
          diagnostic(
            { file, line: lineNo },
            'block/nested',
            `Khối ":::${nested[1]!}" nằm trong khối ":::${block.name}" mở ở dòng ${block.line}; các khối không lồng nhau — đóng khối trước bằng một dòng ":::".`,
            `Block ":::${nested[1]!}" is inside block ":::${block.name}" opened on line ${block.line}; blocks do not nest — close the first with a ":::" line.`,
          ),
        );
      }
      block.body.push(line);
      return;
    } else {
      const open = OPEN.exec(line);
      if (open) {
        flushRun(lineNo);
        block = { name: open[1]!, header: open[2] ?? '', line: lineNo, body: [] };
        return;
      }
      if (CLOSE.test(line)) {
        diagnostics.push(
          diagnostic({ file, line: lineNo }, 'block/stray-close', 'Dòng ":::" đóng một khối chưa được mở.', 'This ":::" line closes no open block.'),
        );
        return;
      }
    }
    if (block) block.body.push(line);
    else run.push(line);
  });

  if (block) {
    diagnostics.push(
      diagnostic(
        { file, line: block.line },
        'block/unclosed',
        `Khối ":::${block.name}" mở ở dòng ${block.line} chưa được đóng; thêm một dòng ":::" ở cuối khối.`,
        `Block ":::${block.name}" opened on line ${block.line} is never closed; add a ":::" line at its end.`,
      ),
    );
    // Keep the author's text visible rather than losing it.
    run.push(`:::${block.name} ${block.header}`, ...block.body);
  }
  flushRun(firstLine + lines.length);
  return { segments, diagnostics };
}
