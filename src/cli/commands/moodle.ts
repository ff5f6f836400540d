/** `boiduong moodle pull`: trainees' SCORM records from Moodle's web services into an LRS. */
import { resolve } from 'node:path';
import { lint } from '../../author/index.js';
import { formatDiagnostic, formatNumber, hasErrors } from '../../core/index.js';
import { LrsWriteError, MoodleClient, MoodleError, explain, lrsWriter, pullFromMoodle, type MoodleFailure } from '../../moodle/index.js';
import { flagString } from '../args.js';
import { EXIT, UsageError, type Command, type Io, type ParsedArgs } from '../command.js';

/** Exit codes of `moodle pull` beyond the common 0/1/2 (documented in docs/moodle.md). */
export const MOODLE_EXIT = { token: 3, permission: 4, unreachable: 5, lrs: 6 } as const;

const EXIT_OF: Record<MoodleFailure, number> = {
  token: MOODLE_EXIT.token,
  permission: MOODLE_EXIT.permission,
  unreachable: MOODLE_EXIT.unreachable,
  'not-moodle': MOODLE_EXIT.unreachable,
  moodle: MOODLE_EXIT.unreachable,
};

const t = (io: Io, vi: string, en: string): string => (io.lang === 'en' ? en : vi);

function basicAuth(value: string): string {
  return value.startsWith('Basic ') ? value : `Basic ${Buffer.from(value).toString('base64')}`;
}

async function pullCommand(args: ParsedArgs, io: Io): Promise<number> {
  const url = flagString(args, 'url') ?? process.env['BOIDUONG_MOODLE_URL'];
  const token = flagString(args, 'token') ?? process.env['BOIDUONG_MOODLE_TOKEN'];
  const endpoint = flagString(args, 'lrs') ?? process.env['BOIDUONG_LRS_ENDPOINT'];
  if (!url || !/^https?:\/\//.test(url)) throw new UsageError(t(io, 'Cần --url http(s)://<trang Moodle>.', 'Needs --url http(s)://<Moodle site>.'));
  if (!token) throw new UsageError(t(io, 'Cần --token (hoặc biến môi trường BOIDUONG_MOODLE_TOKEN).', 'Needs --token (or BOIDUONG_MOODLE_TOKEN).'));
  if (!endpoint) throw new UsageError(t(io, 'Cần --lrs <địa chỉ xAPI> (hoặc BOIDUONG_LRS_ENDPOINT).', 'Needs --lrs <xAPI endpoint> (or BOIDUONG_LRS_ENDPOINT).'));
  const match = flagString(args, 'match') ?? 'username';
  if (match !== 'username' && match !== 'idnumber') throw new UsageError('--match username|idnumber');
  const courseFlag = flagString(args, 'course');
  const courseIds = courseFlag ? courseFlag.split(',').map((c) => Number(c.trim())) : [];
  if (courseIds.some((c) => !Number.isInteger(c) || c <= 0)) throw new UsageError(t(io, '--course <mã khóa học Moodle>[,…]', '--course <Moodle course id>[,…]'));
  const timeout = Number(flagString(args, 'timeout') ?? '30');
  if (!Number.isFinite(timeout) || timeout <= 0) throw new UsageError('--timeout <s>');

  const content = await lint(resolve(io.cwd, flagString(args, 'content') ?? 'content'), { base: io.cwd });
  for (const d of content.diagnostics) io.err(formatDiagnostic(d, io.lang));
  if (hasErrors(content.diagnostics)) return EXIT.contentErrors;

  const auth = flagString(args, 'auth') ?? process.env['BOIDUONG_LRS_AUTH'];
  const writer = lrsWriter(endpoint, auth ? basicAuth(auth) : undefined, timeout * 1000);
  let written = 0;
  let batches = 0;
  try {
    const summary = await pullFromMoodle({
      client: new MoodleClient({ url, token, timeoutMs: timeout * 1000 }),
      courses: content.courses,
      match: match,
      courseIds,
      write: async (statements) => {
        await writer.write(statements);
        written += statements.length;
        batches++;
      },
    });
    for (const a of summary.foreignActivities) {
      io.err(t(io, `Bỏ qua hoạt động SCORM không thuộc nội dung: ${a}`, `Skipped a SCORM activity not in the content: ${a}`));
    }
    if (summary.unmatchedUsers.length) {
      io.err(
        t(
          io,
          `Bỏ qua ${summary.unmatchedUsers.length} người dùng chưa có ${match}: ${summary.unmatchedUsers.join(', ')}`,
          `Skipped ${summary.unmatchedUsers.length} users without ${match}: ${summary.unmatchedUsers.join(', ')}`,
        ),
      );
    }
    io.out(
      t(
        io,
        `Moodle ${summary.release} (${summary.site}): ${formatNumber(summary.courses, io.lang)} khóa học, ${formatNumber(summary.activities, io.lang)} hoạt động SCORM, ${formatNumber(summary.attempts, io.lang)} lần làm bài, ${formatNumber(summary.statements, io.lang)} bản ghi xAPI đã gửi tới LRS.`,
        `Moodle ${summary.release} (${summary.site}): ${formatNumber(summary.courses, io.lang)} courses, ${formatNumber(summary.activities, io.lang)} SCORM activities, ${formatNumber(summary.attempts, io.lang)} attempts, ${formatNumber(summary.statements, io.lang)} xAPI statements sent to the LRS.`,
      ),
    );
    if (writer.conflicts) {
      io.out(
        t(
          io,
          `${formatNumber(writer.conflicts, io.lang)} bản ghi đã có trong LRS ở dạng cũ hơn: giữ nguyên (bản ghi xAPI không sửa được).`,
          `${formatNumber(writer.conflicts, io.lang)} statements were already in the LRS in an older form: kept as they are (xAPI statements are immutable).`,
        ),
      );
    }
    return EXIT.ok;
  } catch (e) {
    const partial =
      written === 0
        ? t(io, 'Chưa ghi gì vào LRS.', 'Nothing was written to the LRS.')
        : t(
            io,
            `Đã dừng sau khi ghi ${written} bản ghi của ${batches} cặp học viên × hoạt động đã đọc đủ; phần còn lại chưa ghi. Chạy lại lệnh để tiếp tục (không ghi trùng).`,
            `Stopped after storing ${written} statements of ${batches} fully read learner × activity pairs; nothing of the rest. Run the command again to carry on (nothing is written twice).`,
          );
    if (e instanceof MoodleError) {
      io.err(explain(e, io.lang));
      io.err(partial);
      return EXIT_OF[e.failure];
    }
    if (e instanceof LrsWriteError) {
      io.err(t(io, `LRS không nhận bản ghi: ${e.message}`, `The LRS did not take the statements: ${e.message}`));
      io.err(partial);
      return MOODLE_EXIT.lrs;
    }
    throw e;
  }
}

export const moodleCommand: Command = {
  name: 'moodle',
  summary: { vi: 'Lấy kết quả học SCORM từ Moodle vào LRS', en: 'Pull SCORM records from Moodle into an LRS' },
  valueFlags: ['url', 'token', 'course', 'match', 'lrs', 'auth', 'content', 'timeout'],
  help: {
    vi: `Cách dùng: boiduong moodle pull --url <trang Moodle> --token <token> --lrs <địa chỉ xAPI> [tùy chọn]

Đọc kết quả SCORM mà Moodle đã lưu (qua dịch vụ web REST, chỉ đọc) và ghi thành bản ghi xAPI
vào LRS, giống hệt bản ghi hệ thống học tập xem thử tạo ra; sau đó "boiduong report" tính cả
những gì học viên đã học trong Moodle. Chạy lại bao nhiêu lần cũng không ghi trùng.

  --url <địa chỉ>        địa chỉ trang Moodle (ví dụ https://lms.example.gov.vn)
  --token <token>        token dịch vụ web của một người quản lý (hoặc BOIDUONG_MOODLE_TOKEN)
  --course <mã>[,…]      chỉ các khóa học Moodle này (mặc định: mọi khóa học)
  --match username|idnumber   trường Moodle trùng với mã học viên trong danh sách (mặc định username)
  --lrs <url>            địa chỉ xAPI của LRS (hoặc BOIDUONG_LRS_ENDPOINT)
  --auth <khóa:mật khẩu>  xác thực LRS (hoặc BOIDUONG_LRS_AUTH)
  --content <thư mục>    thư mục nội dung (mặc định content): nhận ra học phần theo mã trong gói
  --timeout <giây>       thời gian chờ mỗi yêu cầu (mặc định 30)

Mã thoát: 0 xong, 1 lỗi nội dung, 2 sai cách dùng, 3 token không hợp lệ, 4 thiếu quyền,
5 không kết nối được Moodle, 6 LRS không nhận bản ghi.`,
    en: `Usage: boiduong moodle pull --url <Moodle site> --token <token> --lrs <xAPI endpoint> [options]

Reads the SCORM records Moodle stored (REST web services, read-only) and writes them to an LRS
as the same xAPI statements the preview LMS derives; "boiduong report" then counts what trainees
did in Moodle. Re-running it writes nothing twice.

  --url <address>        the Moodle site (e.g. https://lms.example.gov.vn)
  --token <token>        a manager's web-service token (or BOIDUONG_MOODLE_TOKEN)
  --course <id>[,…]      only these Moodle courses (default: every course)
  --match username|idnumber   the Moodle field that equals the roster id (default username)
  --lrs <url>            the LRS's xAPI endpoint (or BOIDUONG_LRS_ENDPOINT)
  --auth <key:secret>    LRS credentials (or BOIDUONG_LRS_AUTH)
  --content <dir>        content folder (default content): modules are known by the ids in the package
  --timeout <seconds>    per request (default 30)

Exit codes: 0 done, 1 content errors, 2 usage, 3 invalid token, 4 missing permission,
5 Moodle unreachable, 6 the LRS refused the statements.`,
  },
  async run(args, io) {
    const action = args.positionals[0];
    if (action === 'pull') return pullCommand(args, io);
    throw new UsageError(t(io, 'boiduong moodle pull …  (xem --help)', 'boiduong moodle pull …  (see --help)'));
  },
};
