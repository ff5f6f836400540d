/**
 * Module Markdown → pages of HTML with marked: lex, walk tokens to check and rewrite links,
 * render with a renderer that escapes raw HTML (an author cannot inject script) and gives
 * headings stable transliterated ids.
 */
import { Lexer, Marked, Parser, Renderer, TextRenderer, type Token, type Tokens } from 'marked';
import { diagnostic, slugify } from '../core/index.js';
import { resolveHref, type LinkContext } from './links.js';

/** Heading token → its id, filled while walking tokens, read while rendering. */
const headingIds = new WeakMap<object, string>();

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function unescapeHtml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/**
 * Renderer overrides as a plain object: marked's `use` copies only enumerable properties,
 * so class methods would be silently ignored.
 */
const overrides = {
  html(this: Renderer, { text }: Tokens.HTML | Tokens.Tag): string {
    return escapeHtml(text);
  },
  heading(this: Renderer, token: Tokens.Heading): string {
    const id = headingIds.get(token);
    const inner = this.parser.parseInline(token.tokens);
    return `<h${token.depth}${id ? ` id="${escapeHtml(id)}"` : ''}>${inner}</h${token.depth}>\n`;
  },
  image(this: Renderer, { href, title, text }: Tokens.Image): string {
    const t = title ? ` title="${escapeHtml(title)}"` : '';
    return `<img src="${escapeHtml(href)}" alt="${escapeHtml(text)}"${t} loading="lazy">`;
  },
  link(this: Renderer, token: Tokens.Link): string {
    const inner = this.parser.parseInline(token.tokens);
    const t = token.title ? ` title="${escapeHtml(token.title)}"` : '';
    const external = /^(https?:)?\/\//i.test(token.href) ? ' rel="noopener" target="_blank"' : '';
    return `<a href="${escapeHtml(token.href)}"${t}${external}>${inner}</a>`;
  },
  table(this: Renderer, token: Tokens.Table): string {
    // Tables scroll inside their own box on a narrow phone screen instead of stretching the page.
    return `<div class="bd-table">${Renderer.prototype.table.call(this, token)}</div>\n`;
  },
};

const marked = new Marked({ gfm: true, renderer: overrides });
const textRenderer = new TextRenderer();
const textParser = new Parser();
const inlineParser = new Parser({ gfm: true, renderer: Object.assign(new Renderer(), overrides) });

/** Gives each heading a unique id from its text: "Chuẩn bị" → "chuan-bi", then "chuan-bi-2". */
export class Slugger {
  private readonly used = new Set<string>();
  next(text: string): string {
    const base = slugify(text) || 'muc';
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}-${n}`;
    this.used.add(id);
    return id;
  }
}

/** Plain text of inline tokens (for page titles). */
export function plainText(tokens: readonly Token[]): string {
  return unescapeHtml(textParser.parseInline(tokens as Token[], textRenderer)).trim();
}

export interface LocatedToken {
  readonly token: Token;
  /** 1-based file line where the token starts. */
  readonly line: number;
}

/** Top-level tokens of a Markdown run with the file line each starts on. */
export function lexWithLines(markdown: string, firstLine: number): LocatedToken[] {
  const tokens = marked.lexer(markdown.normalize('NFC'));
  const out: LocatedToken[] = [];
  let line = firstLine;
  for (const token of tokens) {
    out.push({ token, line });
    line += countNewlines(token.raw);
  }
  return out;
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** Ids of every heading of the runs, in order (the anchors other modules may link to). */
export function headingAnchors(runs: readonly { text: string; line: number }[], slugger = new Slugger()): Set<string> {
  const anchors = new Set<string>();
  for (const run of runs) {
    for (const { token } of lexWithLines(run.text, run.line)) {
      if (token.type === 'heading') anchors.add(slugger.next(plainText((token as Tokens.Heading).tokens)));
    }
  }
  return anchors;
}

/**
 * Check and rewrite links and images under one top-level token, and assign heading ids.
 * Lines of nested links are found by locating their source text inside the top-level token.
 */
export function prepareTokens(located: LocatedToken, slugger: Slugger, ctx: LinkContext): void {
  const raw = located.token.raw;
  let cursor = 0;
  // The callback is synchronous: the array walkTokens returns holds no promise to wait for.
  void marked.walkTokens([located.token], (t) => {
    if (t.type === 'heading') headingIds.set(t, slugger.next(plainText((t as Tokens.Heading).tokens)));
    if (t.type !== 'link' && t.type !== 'image') return;
    const link = t as Tokens.Link | Tokens.Image;
    // Autolinked bare URLs and e-mail addresses are external by construction.
    if (t.type === 'link' && (t as Tokens.Link & { autolink?: boolean }).autolink) return;
    const at = raw.indexOf(link.raw, cursor);
    const offset = at >= 0 ? at : cursor;
    if (at >= 0) cursor = at + link.raw.length;
    const before = raw.slice(0, offset);
    const line = located.line + countNewlines(before);
    const column = offset - (before.lastIndexOf('\n') + 1) + 1;
    link.href = resolveHref(link.href, { line, column }, t.type === 'image', ctx);
    if (t.type === 'image' && !link.text.trim()) {
      ctx.diagnostics.push(
        diagnostic(
          { file: ctx.file, line, column },
          'image-no-alt',
          'Ảnh chưa có mô tả: ghi mô tả trong ngoặc vuông, ![mô tả](tệp), để người dùng trình đọc màn hình và mạng chậm vẫn hiểu.',
          'Image has no description: write one in the brackets, ![description](file), for screen readers and slow connections.',
          'warning',
        ),
      );
    }
  });
}

export function renderTokens(tokens: readonly Token[]): string {
  return marked.parser(tokens as Token[]);
}

/** Render a Markdown fragment (used by block plugins) with the module's link rules. */
export function renderFragment(markdown: string, firstLine: number, slugger: Slugger, ctx: LinkContext): string {
  const located = lexWithLines(markdown, firstLine);
  for (const l of located) prepareTokens(l, slugger, ctx);
  return renderTokens(located.map((l) => l.token));
}

/** Render inline Markdown (no wrapping paragraph) with the module's link rules. */
export function renderInlineFragment(markdown: string, line: number, ctx: LinkContext): string {
  const tokens = Lexer.lexInline(markdown.normalize('NFC'));
  const wrapper = { type: 'paragraph', raw: markdown, text: markdown, tokens } as Tokens.Paragraph;
  prepareTokens({ token: wrapper, line }, new Slugger(), ctx);
  return inlineParser.parseInline(tokens);
}
