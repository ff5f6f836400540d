/**
 * `boiduong start`: the main job of a fresh clone. Builds every course into dist/packages,
 * starts the embedded LRS (SQLite under .data) and the preview LMS on 127.0.0.1, prints the address.
 */
import { resolve } from 'node:path';
import { startPreview } from '../../lms/index.js';
import { flagString } from '../args.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { buildCommand } from './build.js';

export const startCommand: Command = {
  name: 'start',
  summary: {
    vi: 'Đóng gói khóa học, chạy LRS và hệ thống học tập xem thử trên máy này',
    en: 'Build the courses, run the LRS and the preview LMS on this machine',
  },
  valueFlags: ['port', 'host', 'data', 'out'],
  help: {
    vi: `Cách dùng: boiduong start [thư mục nội dung] [tùy chọn]

Đóng gói mọi khóa học (mặc định trong content/) thành tệp zip trong dist/packages, rồi chạy
LRS (SQLite trong .data/) và hệ thống học tập xem thử tại http://127.0.0.1:8080.

  --port <số>       cổng của hệ thống học tập (mặc định 8080; 0 = cổng trống bất kỳ)
  --data <thư mục>  nơi lưu dữ liệu LRS và lượt học (mặc định .data)
  --out <thư mục>   nơi ghi gói (mặc định dist/packages)
  --watch           sửa học phần thì tự đóng gói lại và tải lại trang
  --no-serve        chỉ đóng gói, không chạy máy chủ
  --lang en         giao diện tiếng Anh`,
    en: `Usage: boiduong start [content folder] [options]

Builds every course (default: content/) into zips under dist/packages, then runs the LRS
(SQLite under .data/) and the preview LMS at http://127.0.0.1:8080.

  --port <n>        the LMS port (default 8080; 0 = any free port)
  --data <dir>      where LRS and attempt data live (default .data)
  --out <dir>       where packages go (default dist/packages)
  --watch           rebuild a module when it changes and reload the page
  --no-serve        build only, start no server
  --lang en         English interface`,
  },
  async run(args, io) {
    const dir = resolve(io.cwd, args.positionals[0] ?? 'content');
    const out = flagString(args, 'out') ?? 'dist/packages';
    const built = await buildCommand.run({ positionals: [dir], flags: { out } }, io);
    if (built !== EXIT.ok) return built;
    if (args.flags['no-serve']) return EXIT.ok;
    const port = Number(flagString(args, 'port') ?? '8080');
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port 0-65535');
    let preview;
    try {
      preview = await startPreview({
        contentDir: dir,
        dataDir: resolve(io.cwd, flagString(args, 'data') ?? '.data'),
        port,
        host: flagString(args, 'host') ?? '127.0.0.1',
        lang: io.lang,
        watch: args.flags['watch'] === true,
        log: (m) => io.err(m),
      });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
      io.err(
        io.lang === 'en'
          ? `Port ${port} is already in use: choose another with --port (npm start -- --port 8090).`
          : `Cổng ${port} đang được dùng: chọn cổng khác bằng --port (npm start -- --port 8090).`,
      );
      return EXIT.usage;
    }
    io.out(
      io.lang === 'en'
        ? `Preview LMS: ${preview.url}\nLRS (xAPI): ${preview.lrs.url}\nPress Ctrl+C to stop.`
        : `Hệ thống học tập xem thử: ${preview.url}\nLRS (xAPI): ${preview.lrs.url}\nNhấn Ctrl+C để dừng.`,
    );
    await new Promise<void>((done) => {
      process.once('SIGINT', done);
      process.once('SIGTERM', done);
    });
    await preview.close();
    return EXIT.ok;
  },
};
