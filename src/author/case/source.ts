/**
 * Finding `:::case` blocks in a module file on its own, for `boiduong case graph` and for tests:
 * the module reader does the same for whole courses with every plugin.
 */
import matter from 'gray-matter';
import { marked } from 'marked';
import type { ModuleMeta } from '../../core/index.js';
import type { BlockInput } from '../blocks.js';
import { scanBlocks } from '../block-scan.js';

export interface FoundBlock {
  readonly header: string;
  readonly body: string;
  /** 1-based line of the opening ':::case'. */
  readonly line: number;
}

export function findCaseBlocks(text: string): FoundBlock[] {
  const { segments } = scanBlocks(text.replace(/\r\n?/g, '\n'), 1, '');
  return segments.flatMap((s) => (s.kind === 'block' && s.name === 'case' ? [{ header: s.header, body: s.body, line: s.line }] : []));
}

/** The frontmatter fields a case needs, with the same defaults as the module reader. */
export function moduleMetaOf(text: string, fallbackId: string): ModuleMeta {
  let data: Record<string, unknown> = {};
  try {
    data = matter(text).data;
  } catch {
    // A broken frontmatter is the module reader's error to report; the graph still draws.
  }
  const str = (v: unknown, d: string): string => (typeof v === 'string' && v ? v : d);
  return {
    id: str(data['id'], fallbackId),
    title: str(data['title'], fallbackId),
    positions: [],
    tier: null,
    periods: typeof data['periods'] === 'number' ? data['periods'] : 0,
    language: data['language'] === 'en' ? 'en' : 'vi',
    objectives: [],
    topics: [],
    version: str(data['version'], '1.0.0'),
    prerequisites: [],
    pass: typeof data['pass'] === 'number' ? data['pass'] : 5,
  };
}

/** Block inputs for every case in a module file, rendered with plain Markdown. */
export function caseInputsOf(text: string, file: string, fallbackId: string): BlockInput[] {
  const module = moduleMetaOf(text, fallbackId);
  return findCaseBlocks(text).map((b) => ({
    name: 'case',
    header: b.header,
    body: b.body,
    line: b.line,
    file,
    module,
    renderMarkdown: (md: string) => marked.parse(md, { async: false }),
    renderInline: (md: string) => marked.parseInline(md, { async: false }),
  }));
}
