/**
 * YAML text → plain data plus a way back from a data path to the line it was written on,
 * so schema and semantic errors point at the author's line, not at "the file".
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { diagnostic, type Diagnostic } from '../core/diagnostic.js';

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
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): Position => {
    const p = counter.linePos(offset);
    return { line: p.line + firstLine - 1, column: p.col };
  };
  const diagnostics: Diagnostic[] = [];
  for (const e of doc.errors) {
    const p = at(e.pos[0]);
    const duplicate = e.code === 'DUPLICATE_KEY';
    diagnostics.push(
      diagnostic(
        { file, ...p },
        duplicate ? 'yaml-duplicate-key' : 'yaml-syntax',
        duplicate ? `Khóa YAML bị lặp lại: ${firstLineOf(e.message)}` : `Lỗi cú pháp YAML: ${firstLineOf(e.message)}`,
        duplicate ? `Duplicate YAML key: ${firstLineOf(e.message)}` : `YAML syntax error: ${firstLineOf(e.message)}`,
      ),
    );
  }
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
