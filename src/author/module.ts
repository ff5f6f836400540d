/**
 * One module file → Module: frontmatter checked, Markdown split into pages at `##`,
 * container blocks handed to their plugins, links and images checked and rewritten.
 */
import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import {
  type CaseStudy,
  type GradeBand,
  diagnostic,
  type Diagnostic,
  type Module,
  type ModuleMeta,
  type Page,
  type Question,
  type TestSpec,
  type Taxonomy,
  nearest,
} from '../core/index.js';
import { scanBlocks, type BlockSegment, type MarkdownSegment, type Segment } from './block-scan.js';
import { splitModule, type SplitModule } from './frontmatter.js';
import { AssetCollector, type LinkContext, type SiblingModule } from './links.js';
import { headingAnchors, lexWithLines, plainText, prepareTokens, renderFragment, renderInlineFragment, renderTokens, Slugger } from './markdown.js';
import { checkMeta } from './meta.js';
import { defaultPlugins, type PluginRegistry } from './plugins.js';
import type { Token, Tokens } from 'marked';

export interface ReadModuleOptions {
  readonly taxonomy?: Taxonomy;
  /** Folder diagnostics' paths are relative to (default: the current working directory). */
  readonly base?: string;
  /** Folder `Module.file` is relative to (default: the module's folder). */
  readonly courseDir?: string;
  /** The course's modules by absolute path, to check links between them. */
  readonly siblings?: ReadonlyMap<string, SiblingModule>;
  readonly plugins?: PluginRegistry;
  /** ISO date deciding which positions have expired (default today). */
  readonly today?: string;
}

export interface ModuleResult {
  readonly module?: Module;
  readonly diagnostics: Diagnostic[];
}

/** A module file read far enough to know its id and anchors (the first of two passes over a course). */
export interface ModuleSource {
  readonly absFile: string;
  readonly file: string;
  readonly split: SplitModule;
  readonly segments: readonly Segment[];
  readonly scanDiagnostics: readonly Diagnostic[];
  readonly anchors: ReadonlySet<string>;
  /** The frontmatter id when it is a string, even if other fields are wrong. */
  readonly id?: string;
}

export function displayPath(base: string, absFile: string): string {
  return relative(base, absFile).split('\\').join('/');
}

/**
 * Old Vietnamese files are often saved in a legacy code page: read as UTF-8, their bytes become
 * U+FFFD. Say so at the first such line instead of rendering garbage.
 */
export function encodingProblem(text: string, file: string): Diagnostic | undefined {
  const at = text.indexOf('\uFFFD');
  if (at < 0) return undefined;
  const line = 1 + (text.slice(0, at).match(/\n/g)?.length ?? 0);
  return diagnostic(
    { file, line },
    'not-utf8',
    'Tệp không được lưu bằng mã UTF-8 (chữ tiếng Việt sẽ bị lỗi): mở tệp trong trình soạn thảo và lưu lại với mã hóa UTF-8.',
    'The file is not saved as UTF-8 (Vietnamese letters would be garbled): open it in an editor and save it as UTF-8.',
  );
}

export function sourceOf(text: string, absFile: string, file: string): ModuleSource {
  const split = splitModule(text, file);
  const encoding = encodingProblem(text, file);
  if (encoding) split.diagnostics.unshift(encoding);
  const { segments, diagnostics } = scanBlocks(split.body, split.bodyLine, file);
  const runs = segments.filter((s): s is MarkdownSegment => s.kind === 'markdown');
  const data = split.yaml?.partial as Record<string, unknown> | null | undefined;
  const id = typeof data?.['id'] === 'string' ? data['id'] : undefined;
  return { absFile, file, split, segments, scanDiagnostics: diagnostics, anchors: headingAnchors(runs), ...(id ? { id } : {}) };
}

export async function readModule(path: string, opts: ReadModuleOptions = {}): Promise<ModuleResult> {
  const absFile = resolve(path);
  const file = displayPath(opts.base ?? process.cwd(), absFile);
  let text: string;
  try {
    text = await readFile(absFile, 'utf8');
  } catch {
    return { diagnostics: [diagnostic({ file, line: 0 }, 'missing-module-file', `Không đọc được tệp ${file}.`, `Cannot read ${file}.`)] };
  }
  return buildModule(sourceOf(text, absFile, file), opts);
}

/** Second pass: meta, pages, blocks. */
export function buildModule(source: ModuleSource, opts: ReadModuleOptions): ModuleResult {
  const diagnostics: Diagnostic[] = [...source.split.diagnostics, ...source.scanDiagnostics];
  if (!source.split.yaml) return { diagnostics };
  const checked = checkMeta(source.split.yaml, source.file, opts);
  diagnostics.push(...checked.diagnostics);
  if (!checked.meta) return { diagnostics };
  const meta = checked.meta;

  const assets = new AssetCollector();
  const ctx: LinkContext = {
    file: source.file,
    absFile: source.absFile,
    anchors: source.anchors,
    ...(opts.siblings ? { siblings: opts.siblings } : {}),
    assets,
    diagnostics,
  };
  const rendered = renderPages(source, meta, ctx, opts.plugins ?? defaultPlugins, opts.taxonomy?.gradeBands);
  const module: Module = {
    file: displayPath(opts.courseDir ?? resolve(source.absFile, '..'), source.absFile),
    meta,
    pages: rendered.pages,
    questions: rendered.questions,
    tests: rendered.tests,
    cases: rendered.cases,
    assets: assets.list(),
  };
  return { module, diagnostics };
}

interface PageDraft {
  id: string;
  title: string;
  line: number;
  html: string[];
}

/** The module's pages as they are written, and what its blocks give. */
interface PageWriter {
  readonly slugger: Slugger;
  /** Block fragments get their own slugger so their headings cannot shift page ids. */
  readonly fragmentSlugger: Slugger;
  readonly pages: PageDraft[];
  /** HTML before the first level-2 heading: it goes at the top of the first page. */
  readonly before: string[];
  readonly questions: Question[];
  readonly tests: TestSpec[];
  readonly cases: CaseStudy[];
  sawTitle: boolean;
  emit(html: string): void;
}

function renderPages(source: ModuleSource, meta: ModuleMeta, ctx: LinkContext, plugins: PluginRegistry, gradeBands: readonly GradeBand[] | undefined) {
  const pages: PageDraft[] = [];
  const before: string[] = [];
  const w: PageWriter = {
    slugger: new Slugger(),
    fragmentSlugger: new Slugger(),
    pages,
    before,
    questions: [],
    tests: [],
    cases: [],
    sawTitle: false,
    emit: (html) => {
      const page = pages[pages.length - 1];
      if (page) page.html.push(html);
      else before.push(html);
    },
  };
  for (const segment of source.segments) {
    if (segment.kind === 'markdown') markdownSegment(w, segment, ctx);
    else blockSegment(w, segment, source, meta, ctx, plugins, gradeBands);
  }
  if (pages.length === 0) pages.push({ id: w.slugger.next(meta.title), title: meta.title, line: source.split.bodyLine, html: [] });
  pages[0]!.html.unshift(...before);
  const done: Page[] = pages.map((p) => ({ id: p.id, title: p.title, line: p.line, html: p.html.join('') }));
  return { pages: done, questions: w.questions, tests: w.tests, cases: w.cases };
}

/** Markdown between blocks: the first level-1 heading is the module's title, each level-2 heading starts a page. */
function markdownSegment(w: PageWriter, segment: MarkdownSegment, ctx: LinkContext): void {
  let pending: Token[] = [];
  const flush = (): void => {
    if (pending.length > 0) w.emit(renderTokens(pending));
    pending = [];
  };
  for (const located of lexWithLines(segment.text, segment.line)) {
    prepareTokens(located, w.slugger, ctx);
    const token = located.token;
    if (token.type === 'heading' && (token as Tokens.Heading).depth === 1 && !w.sawTitle) {
      w.sawTitle = true;
      continue;
    }
    if (token.type === 'heading' && (token as Tokens.Heading).depth === 2) {
      flush();
      const title = plainText((token as Tokens.Heading).tokens);
      const html = renderTokens([token]);
      const id = /id="([^"]+)"/.exec(html)?.[1] ?? w.slugger.next(title);
      w.pages.push({ id, title, line: located.line, html: [html] });
      continue;
    }
    pending.push(token);
  }
  flush();
}

/** A `:::name` block through its plugin; an unknown block is reported and its body shown as Markdown. */
function blockSegment(w: PageWriter, segment: BlockSegment, source: ModuleSource, meta: ModuleMeta, ctx: LinkContext, plugins: PluginRegistry, gradeBands: readonly GradeBand[] | undefined): void {
  const plugin = plugins.blocks.get(segment.name);
  if (!plugin) {
    const hint = nearest(segment.name, plugins.blocks.keys());
    ctx.diagnostics.push(
      diagnostic(
        { file: source.file, line: segment.line },
        'block/unknown',
        `Không có loại khối ":::${segment.name}"${hint ? `; có phải ":::${hint}"?` : '.'} Các loại khối: ${[...plugins.blocks.keys()].join(', ')}.`,
        `Unknown block ":::${segment.name}"${hint ? `; did you mean ":::${hint}"?` : '.'} Known blocks: ${[...plugins.blocks.keys()].join(', ')}.`,
      ),
    );
    if (!segment.unclosed) w.emit(renderFragment(segment.body, segment.line + 1, w.fragmentSlugger, ctx));
    return;
  }
  try {
    const out = plugin({
      name: segment.name,
      header: segment.header,
      body: segment.body,
      line: segment.line,
      file: source.file,
      module: meta,
      ...(gradeBands ? { gradeBands } : {}),
      renderMarkdown: (markdown, firstLine) => renderFragment(markdown, firstLine, w.fragmentSlugger, ctx),
      renderInline: (markdown) => renderInlineFragment(markdown, segment.line, ctx),
    });
    w.questions.push(...(out.questions ?? []));
    w.tests.push(...(out.tests ?? []));
    w.cases.push(...(out.cases ?? []));
    // An unclosed block is already reported at its opening line; what its plugin finds in a
    // body cut short would only follow from that one mistake.
    if (!segment.unclosed) ctx.diagnostics.push(...out.diagnostics);
    w.emit(`${out.html}\n`);
  } catch (e) {
    ctx.diagnostics.push(
      diagnostic(
        { file: source.file, line: segment.line },
        'block/failed',
        `Không đọc được khối ":::${segment.name}": ${e instanceof Error ? e.message : String(e)}`,
        `Could not read block ":::${segment.name}": ${e instanceof Error ? e.message : String(e)}`,
      ),
    );
  }
}
