/**
 * Where a link or image in a module points, checked on disk and rewritten for the package:
 * local files become assets under transliterated names, links to sibling modules point at
 * their index.html, unsafe schemes are refused.
 */
import { statSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';
import { type Asset, diagnostic, type Diagnostic, nearest, safeFileName } from '../core/index.js';

/** What the reader knows about the course's modules, to check and rewrite links between them. */
export interface SiblingModule {
  readonly id: string;
  /** Heading ids (page ids included) a link may target with `#anchor`. */
  readonly anchors: ReadonlySet<string>;
}

export interface LinkContext {
  /** File path shown in diagnostics. */
  readonly file: string;
  /** Absolute path of the module file. */
  readonly absFile: string;
  /** Anchors of this module. */
  readonly anchors: ReadonlySet<string>;
  /** Modules of the course by absolute file path; undefined when reading a module alone. */
  readonly siblings?: ReadonlyMap<string, SiblingModule>;
  readonly assets: AssetCollector;
  readonly diagnostics: Diagnostic[];
}

const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:']);

/** Gives each copied file one transliterated name in the module's assets/ folder. */
export class AssetCollector {
  private readonly bySource = new Map<string, string>();
  private readonly taken = new Set<string>();

  add(source: string): string {
    const known = this.bySource.get(source);
    if (known) return known;
    const name = safeFileName(basename(source).normalize('NFC'));
    const dot = name.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
    let candidate = name;
    for (let n = 2; this.taken.has(candidate); n++) candidate = `${stem}-${n}${ext}`;
    this.taken.add(candidate);
    const target = `assets/${candidate}`;
    this.bySource.set(source, target);
    return target;
  }

  list(): Asset[] {
    return [...this.bySource].map(([source, target]) => ({ source, target }));
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function anchorProblem(ctx: LinkContext, at: { line: number; column: number }, anchor: string, anchors: ReadonlySet<string>, where: { vi: string; en: string }): void {
  const hint = nearest(anchor, anchors);
  ctx.diagnostics.push(
    diagnostic(
      { file: ctx.file, ...at },
      'broken-anchor',
      `Liên kết tới "#${anchor}" không khớp tiêu đề nào ${where.vi}${hint ? `; có phải "#${hint}"?` : '.'}`,
      `Link to "#${anchor}" matches no heading ${where.en}${hint ? `; did you mean "#${hint}"?` : '.'}`,
    ),
  );
}

/**
 * The href to write into the package for `href` found at `at`; records diagnostics and assets.
 * `image` selects the wording of a missing-file error.
 */
export function resolveHref(href: string, at: { line: number; column: number }, image: boolean, ctx: LinkContext): string {
  const trimmed = href.trim();
  if (trimmed === '') return trimmed;
  if (trimmed.startsWith('#')) {
    const anchor = decodeSafe(trimmed.slice(1));
    if (anchor && !ctx.anchors.has(anchor)) anchorProblem(ctx, at, anchor, ctx.anchors, { vi: 'trong học phần này', en: 'in this module' });
    return trimmed;
  }
  if (trimmed.startsWith('//')) return trimmed;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed);
  if (scheme) {
    if (SAFE_SCHEMES.has(scheme[1]!.toLowerCase() + ':')) return trimmed;
    if (/^[a-z]:[\\/]/i.test(trimmed) === false) {
      ctx.diagnostics.push(
        diagnostic(
          { file: ctx.file, ...at },
          'unsafe-link',
          `Liên kết "${trimmed.slice(0, 40)}" dùng giao thức "${scheme[1]!}" không được phép; chỉ dùng http, https, mailto, tel hoặc tệp trong khóa học.`,
          `Link "${trimmed.slice(0, 40)}" uses the disallowed scheme "${scheme[1]!}"; use http, https, mailto, tel or a file in the course.`,
        ),
      );
      return '#';
    }
  }
  const hashAt = trimmed.indexOf('#');
  const pathPart = (hashAt >= 0 ? trimmed.slice(0, hashAt) : trimmed).split('?')[0]!;
  const anchor = hashAt >= 0 ? decodeSafe(trimmed.slice(hashAt + 1)) : '';
  const decoded = decodeSafe(pathPart).normalize('NFC');
  const target = isAbsolute(decoded) ? decoded : resolve(dirname(ctx.absFile), decoded);
  if (/\.md$/i.test(decoded)) return moduleLink(ctx, at, target, decoded, anchor);
  return fileLink(ctx, at, target, anchor, image);
}

/** A link to another module's .md file becomes a link to that module's page in the package. */
function moduleLink(ctx: LinkContext, at: { line: number; column: number }, target: string, decoded: string, anchor: string): string {
  const sibling = ctx.siblings?.get(target);
  if (!sibling) {
    if (!isFile(target)) {
      ctx.diagnostics.push(
        diagnostic(
          { file: ctx.file, ...at },
          'broken-link',
          `Liên kết tới "${decoded}" hỏng: không có tệp này (tính từ thư mục của học phần).`,
          `Broken link to "${decoded}": no such file (relative to the module's folder).`,
        ),
      );
      return '#';
    }
    if (ctx.siblings) {
      ctx.diagnostics.push(
        diagnostic(
          { file: ctx.file, ...at },
          'link-not-module',
          `Tệp "${decoded}" không phải học phần có trong course.yaml nên không có trong gói; thêm nó vào danh sách modules hoặc bỏ liên kết.`,
          `"${decoded}" is not a module listed in course.yaml, so it is not packaged; list it under modules or remove the link.`,
        ),
      );
      return '#';
    }
    return `../${safeFileName(basename(decoded, '.md'))}/index.html${anchor ? `#${anchor}` : ''}`;
  }
  if (anchor && !sibling.anchors.has(anchor)) anchorProblem(ctx, at, anchor, sibling.anchors, { vi: `trong học phần "${sibling.id}"`, en: `in module "${sibling.id}"` });
  if (target === ctx.absFile) return anchor ? `#${anchor}` : '#';
  return `../${sibling.id}/index.html${anchor ? `#${anchor}` : ''}`;
}

/** A link or image to a file of the course: the file is packaged beside the page. */
function fileLink(ctx: LinkContext, at: { line: number; column: number }, target: string, anchor: string, image: boolean): string {
  if (!isFile(target)) {
    const rel = relative(dirname(ctx.absFile), target).split('\\').join('/');
    ctx.diagnostics.push(
      image
        ? diagnostic(
            { file: ctx.file, ...at },
            'missing-image',
            `Không tìm thấy ảnh "${rel}" (đường dẫn tính từ thư mục của học phần); kiểm tra tên tệp và chữ hoa, chữ thường.`,
            `Image "${rel}" not found (paths are relative to the module's folder); check the file name and its case.`,
          )
        : diagnostic(
            { file: ctx.file, ...at },
            'missing-file',
            `Không tìm thấy tệp "${rel}" được liên kết (đường dẫn tính từ thư mục của học phần).`,
            `Linked file "${rel}" not found (paths are relative to the module's folder).`,
          ),
    );
    return '#';
  }
  const packaged = ctx.assets.add(target);
  return anchor ? `${packaged}#${anchor}` : packaged;
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
