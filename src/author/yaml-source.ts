/**
 * YAML text → plain data plus a way back from a data path to the line it was written on,
 * so schema and semantic errors point at the author's line, not at "the file".
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, Scalar, visit, type Document, type Node } from 'yaml';
import { diagnostic, type Diagnostic } from '../core/index.js';
import { duplicateKeyMessage, explainYamlError } from './yaml-errors.js';

export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface YamlSource {
  /** The parsed value (undefined when the text had syntax errors). */
  readonly data: unknown;
  /** What could be read despite syntax errors (to name a broken file's id); equals `data` when clean. */
  readonly partial: unknown;
  readonly diagnostics: readonly Diagnostic[];
  /** Where the value (or, with `key`, the key) at `path` starts; falls back to the nearest parent. */
  locate(path: readonly (string | number)[], key?: boolean): Position;
}

/**
 * Parse YAML that starts at `firstLine` of `file` (frontmatter starts on line 2).
 * Syntax errors become diagnostics with their line and column.
 */
export function parseYamlSource(text: string, file: string, firstLine = 1): YamlSource {
  const counter = new LineCounter();
  // logLevel 'error': reading a broken file's partial value must not print the parser's warnings.
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  const at = (offset: number): Position => {
    const p = counter.linePos(offset);
    return { line: p.line + firstLine - 1, column: p.col };
  };
  const lines = text.split('\n');
  const diagnostics: Diagnostic[] = [];
  // One mistake often trips several parser errors on the same line: the first explains it.
  const reported = new Set<number>();
  for (const e of doc.errors) {
    const p = at(e.pos[0]);
    if (e.code === 'DUPLICATE_KEY') {
      const key = /^\s*([^:\s][^:]*?)\s*:/.exec(lines[p.line - firstLine] ?? '')?.[1];
      const m = duplicateKeyMessage(key);
      diagnostics.push(diagnostic({ file, ...p }, 'yaml-duplicate-key', m.vi, m.en));
      continue;
    }
    const explained = explainYamlError({ code: e.code, message: firstLineOf(e.message), index: p.line - firstLine, column: p.column }, lines);
    const line = explained.index + firstLine;
    if (reported.has(line)) continue;
    reported.add(line);
    diagnostics.push(diagnostic({ file, line, column: explained.column }, 'yaml-syntax', explained.message.vi, explained.message.en));
  }
  if (doc.errors.length === 0) diagnostics.push(...mergedListItems(doc, text, file, at));
  const data = doc.errors.length > 0 ? undefined : (doc.toJS() as unknown);
  let partial: unknown = data;
  if (partial === undefined) {
    try {
      partial = doc.toJS() as unknown;
    } catch {
      partial = undefined;
    }
  }
  return {
    data,
    partial,
    diagnostics,
    locate(path, key = false) {
      const node = findNode(doc, path, key);
      const range = node?.range;
      return range ? at(range[0]) : { line: firstLine, column: 1 };
    },
  };
}

/**
 * A list item indented further than the one above is not a new item: YAML folds it into the
 * previous item's text ("Mục tiêu một - Mục tiêu hai"), silently. Warn at the folded line.
 */
function mergedListItems(doc: Document, text: string, file: string, at: (offset: number) => Position): Diagnostic[] {
  const out: Diagnostic[] = [];
  visit(doc, {
    Seq(_, seq) {
      for (const item of seq.items) {
        if (!isScalar(item) || item.type !== Scalar.PLAIN || !item.range) continue;
        const source = text.slice(item.range[0], item.range[1]);
        const fold = /\n([ \t]*)-[ \t]+\S/.exec(source);
        if (!fold) continue;
        const p = at(item.range[0] + fold.index + 1 + fold[1]!.length);
        out.push(
          diagnostic(
            { file, ...p },
            'yaml-merged-item',
            `Dòng này trông như một mục danh sách mới nhưng lùi vào nhiều hơn mục ở trên, nên bị nối vào mục đó ("${String(item.value)}"). Cho dòng "- …" thẳng cột với mục ở trên.`,
            `This line looks like a new list item but is indented further than the item above, so it is joined to that item ("${String(item.value)}"). Align its "- …" with the item above.`,
            'warning',
          ),
        );
      }
    },
  });
  return out;
}

function firstLineOf(message: string): string {
  return message.split('\n')[0] ?? message;
}

/** The deepest node along `path` (so a missing child still points at its parent). */
function findNode(doc: Document, path: readonly (string | number)[], key: boolean): Node | undefined {
  let node: unknown = doc.contents;
  let found = node as Node | undefined;
  for (let i = 0; i < path.length; i++) {
    const step = path[i]!;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step));
      if (!pair) return found;
      if (last && key && pair.key) return pair.key as Node;
      node = pair.value;
      // `key:` with no value has no node: point at the key instead.
      found = (node as Node | null) ?? (pair.key as Node);
    } else if (isSeq(node) && typeof step === 'number') {
      const item = node.items[step];
      if (item === undefined) return found;
      node = item;
      found = item as Node;
    } else return found;
  }
  return found;
}
