/** `boiduong build`: one zip per course and package format. */
import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { formatDiagnostic, formatNumber, hasErrors } from '../../core/index.js';
import { lint } from '../../author/index.js';
import { AssetError, buildPackage, loadRuntimeFiles, MissingRuntimeError, registeredFormats, targetFor } from '../../compile/index.js';
import { flagString } from '../args.js';
import { EXIT, UsageError, type Command } from '../command.js';

const HELP = {
  vi: `Cách dùng: boiduong build [thư mục] [--format scorm12,...] [--out dist]

Đọc từng khóa học trong thư mục (mặc định content: các thư mục courses/*/ có course.yaml),
kiểm tra như "boiduong lint"; nếu có lỗi thì in lỗi và dừng (mã thoát 1), không ghi gì.
Nếu không có lỗi, ghi một tệp zip cho mỗi khóa và mỗi định dạng: <out>/<id-khóa>-<định-dạng>.zip.

  --format <danh sách>  các định dạng, cách nhau bằng dấu phẩy (mặc định: mọi định dạng có sẵn: FORMATS)
  --out <thư mục>       nơi ghi gói (mặc định dist)
  --taxonomy <thư mục>  danh mục chức danh, trình độ (mặc định: thư mục taxonomy/ gần nhất)
  --split modules       mỗi học phần một gói riêng: <id-khóa>-<id-học-phần>-<định-dạng>.zip,
                        để LMS (Moodle) tạo một hoạt động và một dòng điểm cho mỗi học phần
  --lang en             thông báo tiếng Anh`,
  en: `Usage: boiduong build [dir] [--format scorm12,...] [--out dist]

Reads each course in the folder (default content: every courses/*/ folder holding a course.yaml)
and checks it as "boiduong lint" does; on errors it prints them and stops (exit 1), writing nothing.
Otherwise it writes one zip per course and format: <out>/<course-id>-<format>.zip.

  --format <list>  comma-separated formats (default: every available format: FORMATS)
  --out <dir>      where packages go (default dist)
  --taxonomy <dir> positions and tiers (default: the nearest taxonomy/ folder)
  --split modules  one package per module: <course-id>-<module-id>-<format>.zip, so an LMS
                   (Moodle) makes one activity and one gradebook line per module
  --lang en        English messages`,
};

export const buildCommand: Command = {
  name: 'build',
  summary: { vi: 'Đóng gói khóa học thành SCORM/cmi5/xAPI (.zip)', en: 'Package courses as SCORM/cmi5/xAPI zips' },
  get help() {
    const list = registeredFormats().join(',');
    return { vi: HELP.vi.replace('FORMATS', list), en: HELP.en.replace('FORMATS', list) };
  },
  valueFlags: ['format', 'out', 'taxonomy', 'split'],
  async run(args, io) {
    const lang = io.lang;
    const available = registeredFormats();
    const formats = (flagString(args, 'format') ?? available.join(','))
      .split(',')
      .map((f) => f.trim())
      .filter((f) => f !== '');
    for (const f of formats) {
      if (!targetFor(f)) {
        throw new UsageError(
          lang === 'en'
            ? `Unknown format "${f}". Available: ${available.join(', ')}.`
            : `Không có định dạng "${f}". Các định dạng có: ${available.join(', ')}.`,
        );
      }
    }
    const split = flagString(args, 'split');
    if (split !== undefined && split !== 'modules') {
      throw new UsageError(
        lang === 'en' ? `--split takes "modules", not "${split}".` : `--split chỉ nhận "modules", không nhận "${split}".`,
      );
    }
    if (args.positionals.length > 1) throw new UsageError(lang === 'en' ? 'Give one folder.' : 'Chỉ nhận một thư mục.');
    const dir = resolve(io.cwd, args.positionals[0] ?? 'content');
    const out = resolve(io.cwd, flagString(args, 'out') ?? 'dist');
    if (!existsSync(dir)) {
      io.err(lang === 'en' ? `Folder not found: ${dir}` : `Không tìm thấy thư mục: ${dir}`);
      return EXIT.usage;
    }
    const taxonomyFlag = flagString(args, 'taxonomy');
    const read = await lint(dir, { base: io.cwd, ...(taxonomyFlag ? { taxonomyDir: resolve(io.cwd, taxonomyFlag) } : {}) });
    const { taxonomy, courses } = read;
    // Building needs the taxonomy: a missing one is an error here, not lint's warning.
    const sorted = read.diagnostics.map((d) => (d.code === 'taxonomy/not-found' ? { ...d, severity: 'error' as const } : d));
    for (const d of sorted) io.err(formatDiagnostic(d, lang));
    if (hasErrors(sorted) || !taxonomy) {
      io.err(lang === 'en' ? 'Nothing was built: fix the errors above.' : 'Chưa đóng gói: hãy sửa các lỗi trên.');
      return EXIT.contentErrors;
    }

    let runtime;
    try {
      runtime = loadRuntimeFiles();
    } catch (e) {
      if (e instanceof MissingRuntimeError) {
        io.err(e.message);
        return EXIT.usage;
      }
      throw e;
    }
    await mkdir(out, { recursive: true });
    let written = 0;
    for (const course of courses) {
      // One package for the course, or (--split modules) one per module, each its own LMS activity.
      const units: (string | undefined)[] = split === 'modules' ? course.modules.map((m) => m.meta.id) : [undefined];
      for (const format of formats) for (const only of units) {
        let zip: Uint8Array;
        try {
          zip = buildPackage(course, taxonomy, targetFor(format)!, runtime, only);
        } catch (e) {
          if (!(e instanceof AssetError)) throw e;
          io.err(e.message);
          return EXIT.contentErrors;
        }
        const file = join(out, only === undefined ? `${course.id}-${format}.zip` : `${course.id}-${only}-${format}.zip`);
        // Write beside, then rename: an interrupted build never leaves a half-written package.
        const partial = `${file}.partial`;
        await writeFile(partial, zip);
        await rename(partial, file);
        const shown = relative(io.cwd, file);
        io.out(`${shown.startsWith('..') ? file : shown}  (${formatNumber(Math.round(zip.length / 1024), lang)} KB)`);
        written++;
      }
    }
    io.out(lang === 'en' ? `Wrote ${written} package(s) to ${out}` : `Đã ghi ${written} gói vào ${out}`);
    return EXIT.ok;
  },
};
