/** `boiduong import gift file.txt`: Moodle GIFT questions into `:::question` Markdown blocks. */
import { access, readFile, writeFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { formatDiagnostic, hasErrors, sortDiagnostics } from '../../core/index.js';
import { giftToMarkdown, parseGift } from '../../author/gift/index.js';
import { flagString } from '../args.js';
import { EXIT, UsageError, type Command } from '../command.js';

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

export const importCommand: Command = {
  name: 'import',
  summary: { vi: 'Nhập câu hỏi từ Moodle GIFT sang cú pháp :::question', en: 'Import Moodle GIFT questions as :::question blocks' },
  valueFlags: ['out', 'prefix'],
  help: {
    vi: `Cách dùng: boiduong import gift <tệp.txt> [--out <tệp.md>] [--prefix cau] [--force]

Đọc câu hỏi định dạng GIFT (xuất từ ngân hàng câu hỏi Moodle) và viết lại thành các khối
:::question để dán vào học phần. Danh mục ($CATEGORY) thành chủ đề (topic=…), tiêu đề ::…::
thành id. Không có --out thì in ra màn hình.

  --out <tệp.md>   ghi vào tệp (không ghi đè tệp đã có, trừ khi thêm --force)
  --prefix <tiền tố>  id cho câu không có tiêu đề (mặc định "cau": cau-1, cau-2…)
  --lang en        thông báo và nhãn Đúng/Sai bằng tiếng Anh`,
    en: `Usage: boiduong import gift <file.txt> [--out <file.md>] [--prefix q] [--force]

Reads GIFT questions (as Moodle's question bank exports them) and writes them as :::question
blocks to paste into a module. Categories ($CATEGORY) become topics (topic=…), ::titles:: become
ids. Without --out the Markdown goes to standard output.

  --out <file.md>  write to a file (an existing file is kept unless --force is given)
  --prefix <p>     id prefix for untitled questions (default "cau": cau-1, cau-2…)
  --lang en        English messages and True/False labels`,
  },
  async run(args, io) {
    const lang = io.lang;
    const [format, file] = args.positionals;
    if (format !== 'gift' || file === undefined) throw new UsageError(lang === 'en' ? 'Usage: boiduong import gift <file.txt>' : 'Cách dùng: boiduong import gift <tệp.txt>');
    const path = resolve(io.cwd, file);
    let source: string;
    try {
      source = await readFile(path, 'utf8');
    } catch {
      io.err(lang === 'en' ? `Cannot read ${file}.` : `Không đọc được tệp ${file}.`);
      return EXIT.usage;
    }
    const shown = relative(io.cwd, path) || file;
    const { questions, diagnostics } = parseGift(source, shown);
    for (const d of sortDiagnostics(diagnostics)) io.err(formatDiagnostic(d, lang));
    const prefix = flagString(args, 'prefix');
    const markdown = giftToMarkdown(questions, { lang, ...(prefix !== undefined ? { prefix } : {}) });
    const outFlag = flagString(args, 'out');
    if (outFlag === undefined) io.out(markdown.trimEnd());
    else {
      const out = resolve(io.cwd, outFlag);
      if ((await exists(out)) && args.flags['force'] !== true) {
        io.err(lang === 'en' ? `${outFlag} exists; add --force to overwrite it.` : `Tệp ${outFlag} đã có; thêm --force để ghi đè.`);
        return EXIT.usage;
      }
      await writeFile(out, markdown, 'utf8');
      io.err(lang === 'en' ? `${questions.length} questions written to ${outFlag}.` : `Đã ghi ${questions.length} câu hỏi vào ${outFlag}.`);
    }
    return hasErrors(diagnostics) ? EXIT.contentErrors : EXIT.ok;
  },
};
