/** `boiduong lint <dir>`: every problem in one or more courses, at once, with file:line:col. */
import { stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { lint, lintModuleFile } from '../../author/index.js';
import { formatDiagnostic, hasErrors } from '../../core/index.js';
import { flagString } from '../args.js';
import { EXIT, UsageError, type Command } from '../command.js';

const HELP_VI = `Cách dùng: boiduong lint <thư mục | tệp.md> [tùy chọn]

Kiểm tra một thư mục khóa học (có course.yaml) hoặc thư mục chứa nhiều khóa học: khai báo đầu tệp,
lỗi cú pháp YAML, mã trùng, chức danh và trình độ không có trong danh mục, liên kết và ảnh hỏng,
câu hỏi, bài kiểm tra và tình huống; hoặc chỉ một tệp học phần. In mọi lỗi một lần, mỗi lỗi một dòng "tệp:dòng:cột  thông báo".

  --taxonomy <thư mục>  thư mục danh mục (mặc định: taxonomy/ ở thư mục đã cho hoặc thư mục cha)
  --format text|json    định dạng kết quả (mặc định text)
  --lang en             thông báo tiếng Anh

Mã thoát: 0 không có lỗi (có thể có cảnh báo), 1 có lỗi nội dung, 2 dùng lệnh sai.`;

const HELP_EN = `Usage: boiduong lint <dir | file.md> [options]

Checks a course folder (holding course.yaml) or a folder of courses: frontmatter, YAML syntax,
duplicate ids, positions and tiers missing from the taxonomy, broken links and images, questions,
tests and case studies; or a single module file. Prints every problem at once, one "file:line:col  message" per line.

  --taxonomy <dir>      taxonomy folder (default: taxonomy/ in the folder or a parent)
  --format text|json    output format (default text)
  --lang en             English messages

Exit codes: 0 no errors (warnings allowed), 1 content errors, 2 usage error.`;

export const lintCommand: Command = {
  name: 'lint',
  summary: { vi: 'Kiểm tra lỗi trong khóa học, học phần', en: 'Check courses and modules for errors' },
  help: { vi: HELP_VI, en: HELP_EN },
  valueFlags: ['taxonomy', 'format'],
  async run(args, io) {
    const lang = io.lang;
    const [dir, ...extra] = args.positionals;
    if (!dir || extra.length > 0) throw new UsageError(lang === 'en' ? 'Give one folder: boiduong lint <dir>' : 'Cần một thư mục: boiduong lint <thư mục>');
    const format = flagString(args, 'format') ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(lang === 'en' ? '--format must be text or json' : '--format chỉ nhận text hoặc json');
    const known = new Set(['taxonomy', 'format', 'lang', 'help']);
    for (const f of Object.keys(args.flags)) {
      if (!known.has(f)) throw new UsageError(lang === 'en' ? `Unknown option --${f}` : `Không có tùy chọn --${f}`);
    }
    const target = resolve(io.cwd, dir);
    const kind = await stat(target).then((s) => (s.isDirectory() ? 'dir' : s.isFile() && /\.md$/i.test(target) ? 'module' : 'other'), () => 'missing');
    if (kind === 'missing' || kind === 'other') {
      throw new UsageError(lang === 'en' ? `Not a folder or a .md module file: ${dir}` : `Không phải thư mục hay tệp học phần .md: ${dir}`);
    }
    const taxonomyDir = flagString(args, 'taxonomy');
    const options = { base: io.cwd, ...(taxonomyDir ? { taxonomyDir: resolve(io.cwd, taxonomyDir) } : {}) };
    const result = kind === 'dir' ? await lint(target, options) : await lintModuleFile(target, options);
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = result.diagnostics.length - errors;
    if (format === 'json') {
      io.out(
        JSON.stringify(
          {
            courses: result.courseDirs.map((d) => relative(io.cwd, d).split('\\').join('/') || '.'),
            errors,
            warnings,
            diagnostics: result.diagnostics.map((d) => ({ ...d, text: d.message[lang] ?? d.message['vi'] })),
          },
          null,
          2,
        ),
      );
    } else {
      for (const d of result.diagnostics) io.out(formatDiagnostic(d, lang));
      const n = result.courseDirs.length;
      const what = kind === 'dir' ? (lang === 'en' ? `${n} course(s)` : `${n} khóa học`) : dir;
      io.out(lang === 'en' ? `${what} checked: ${errors} error(s), ${warnings} warning(s).` : `Đã kiểm tra ${what}: ${errors} lỗi, ${warnings} cảnh báo.`);
    }
    return hasErrors(result.diagnostics) ? EXIT.contentErrors : EXIT.ok;
  },
};
