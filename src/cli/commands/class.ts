/** `boiduong class import`: a class held in person and its attendance sheet, into the LRS. */
import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { lint } from '../../author/index.js';
import { EPSILON, formatDiagnostic, formatNumber, hasErrors, type Diagnostic } from '../../core/index.js';
import { readRosterFile, catalogueOf, PullError } from '../../report/index.js';
import {
  readSheetRows,
  sheetRowsOf,
  classStatements,
  type ClassRecord,
  sendClassStatements,
} from '../../report/classes/index.js';
import { flagString } from '../args.js';
import { EXIT, UsageError, type Command } from '../command.js';

const VALUE_FLAGS = [
  'lrs', 'auth', 'content', 'roster', 'class', 'title', 'course', 'modules', 'from', 'to', 'place', 'organiser', 'periods', 'sessions', 'min-sessions', 'pass', 'home-page', 'revision', 'lang',
] as const;

const HELP_VI = `Cách dùng: boiduong class import <bảng điểm danh.csv|.xlsx> --class <mã lớp> --course <mã khóa>
         --from <ngày> --to <ngày> --place <địa điểm> --organiser <đơn vị tổ chức> --sessions <số buổi>
         --lrs <địa chỉ xAPI> [tùy chọn]

Ghi một lớp bồi dưỡng học trực tiếp (tại hội trường) vào LRS: mỗi học viên trong bảng điểm danh
có bản ghi xAPI "attended" (đủ số buổi thì tính là hoàn thành) và, nếu có điểm, "passed"/"failed".
Mã bản ghi tính từ mã lớp, học viên và học phần, nên nhập lại cùng bảng không thêm gì.
Báo cáo (boiduong report) tính lớp học trực tiếp như học trực tuyến: số tiết, lượt, lớp.

Bảng điểm danh (CSV UTF-8 phân cách bằng dấu phẩy hoặc chấm phẩy, hoặc XLSX, trang đầu):
  ma_hoc_vien (hoặc ho_ten), so_buoi_co_mat, diem (thang 10, ví dụ 8,5; có thể để trống)

  --class <mã>         mã lớp, ví dụ lop-nhan-thuc-2026-01
  --title <tên>        tên lớp (mặc định tên khóa học)
  --course <mã khóa>   khóa học trong content/courses
  --modules a,b        học phần lớp đã học (mặc định mọi học phần của khóa)
  --from/--to <ngày>   ngày khai giảng, bế giảng (YYYY-MM-DD, giờ Việt Nam)
  --place, --organiser địa điểm; đơn vị tổ chức lớp
  --periods <số tiết>  số tiết của lớp (mặc định tổng số tiết các học phần)
  --sessions <số buổi> số buổi học của lớp
  --min-sessions <n>   số buổi có mặt tối thiểu để tính hoàn thành (mặc định 80% số buổi, làm tròn lên)
  --pass <điểm>        điểm đạt (mặc định 5)
  --revision <n>       lần sửa bảng (mặc định 1); bảng đã sửa nhập với số mới, sau khi hủy bản ghi cũ
  --roster, --content  danh sách học viên, thư mục nội dung (mặc định content/roster.csv, content)
  --auth <khóa:mật khẩu>  hoặc BOIDUONG_LRS_AUTH; --lrs hoặc BOIDUONG_LRS_ENDPOINT

Mã thoát: 0 thành công; 1 lỗi trong bảng điểm danh, danh sách hoặc nội dung; 2 sai cách dùng; 3 lỗi LRS.`;

const HELP_EN = `Usage: boiduong class import <attendance.csv|.xlsx> --class <id> --course <course id>
         --from <date> --to <date> --place <place> --organiser <organiser> --sessions <n>
         --lrs <xAPI endpoint> [options]

Records a class held in person in the LRS: for each learner on the attendance sheet an xAPI
"attended" statement (completed when present at enough sessions) and, with a mark, "passed" or
"failed". Statement ids derive from the class, learner and module, so a re-import adds nothing.
The report (boiduong report) counts classes like e-learning: tiết, lượt, classes.

The sheet (UTF-8 CSV with commas or semicolons, or XLSX, first sheet):
  ma_hoc_vien (or ho_ten), so_buoi_co_mat, diem (10-point, e.g. 8,5; may be empty)

  --class <id>         class id, e.g. lop-nhan-thuc-2026-01
  --title <title>      class title (default the course title)
  --course <id>        a course of content/courses
  --modules a,b        modules the class covered (default all of the course's)
  --from/--to <date>   first and last day (YYYY-MM-DD, Vietnam time)
  --place, --organiser where; who organised it
  --periods <n>        tiết of the class (default the modules' total)
  --sessions <n>       sessions held
  --min-sessions <n>   sessions present to count as completed (default 80%, rounded up)
  --pass <mark>        pass mark (default 5)
  --revision <n>       sheet revision (default 1); a corrected sheet, after voiding the old statements
  --roster, --content  roster and content folder (default content/roster.csv, content)
  --auth <key:secret>  or BOIDUONG_LRS_AUTH; --lrs or BOIDUONG_LRS_ENDPOINT

Exit codes: 0 done; 1 errors in the sheet, roster or content; 2 usage; 3 the LRS failed.`;

const isDay = (t: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(t) && new Date(`${t}T00:00:00Z`).toISOString().slice(0, 10) === t;

/** The import's options, checked: every mistake is a usage error (exit 2) before anything is read. */
function importOptions(args: Parameters<Command['run']>[0], lang: string) {
  const bad = (vi: string, en: string): UsageError => new UsageError(lang === 'en' ? en : vi);
  for (const name of Object.keys(args.flags)) if (!(VALUE_FLAGS as readonly string[]).includes(name)) throw bad(`Không có tùy chọn --${name}.`, `Unknown option --${name}.`);
  const [sub, sheetPath, ...extra] = args.positionals;
  if (sub !== 'import' || !sheetPath || extra.length) throw bad('Cách dùng: boiduong class import <bảng điểm danh>.', 'Usage: boiduong class import <sheet>.');
  const need = (name: (typeof VALUE_FLAGS)[number]): string => {
    const v = flagString(args, name);
    if (!v) throw bad(`Cần --${name}.`, `--${name} is required.`);
    return v;
  };
  const classId = need('class');
  if (!/^[a-z0-9][a-z0-9-]*$/.test(classId)) throw bad('--class: chữ thường không dấu, số và dấu gạch ngang.', '--class: lower-case letters, digits and hyphens.');
  const from = need('from');
  const to = need('to');
  if (!isDay(from) || !isDay(to)) throw bad('--from/--to: một ngày có thật, dạng YYYY-MM-DD.', '--from/--to: a calendar day, YYYY-MM-DD.');
  if (from > to) throw bad(`--from ${from} sau --to ${to}.`, `--from ${from} is after --to ${to}.`);
  const sessions = Number(need('sessions'));
  if (!Number.isInteger(sessions) || sessions < 1) throw bad('--sessions: số buổi, số nguyên dương.', '--sessions: a positive whole number.');
  const minText = flagString(args, 'min-sessions');
  const sessionsNeeded = minText === undefined ? Math.ceil(sessions * 0.8 - EPSILON) : Number(minText);
  if (!Number.isInteger(sessionsNeeded) || sessionsNeeded < 0 || sessionsNeeded > sessions) throw bad(`--min-sessions: từ 0 đến ${sessions}.`, `--min-sessions: 0 to ${sessions}.`);
  const pass = Number((flagString(args, 'pass') ?? '5').replace(',', '.'));
  if (!Number.isFinite(pass) || pass < 0 || pass > 10) throw bad('--pass: điểm thang 10.', '--pass: a 10-point mark.');
  const revision = Number(flagString(args, 'revision') ?? '1');
  if (!Number.isInteger(revision) || revision < 1) throw bad('--revision: số nguyên từ 1.', '--revision: a whole number from 1.');
  const endpoint = flagString(args, 'lrs') ?? process.env['BOIDUONG_LRS_ENDPOINT'];
  if (!endpoint) throw bad('Cần --lrs (hoặc BOIDUONG_LRS_ENDPOINT).', '--lrs is required (or BOIDUONG_LRS_ENDPOINT).');

  return { bad, need, sheetPath, classId, from, to, sessions, sessionsNeeded, pass, revision, endpoint };
}

export const classCommand: Command = {
  name: 'class',
  summary: { vi: 'Nhập lớp học trực tiếp và bảng điểm danh vào LRS', en: 'Record a class held in person and its attendance in the LRS' },
  valueFlags: [...VALUE_FLAGS],
  help: { vi: HELP_VI, en: HELP_EN },
  async run(args, io) {
    const lang = io.lang;
    const { bad, need, sheetPath, classId, from, to, sessions, sessionsNeeded, pass, revision, endpoint } = importOptions(args, lang);

    const contentDir = resolve(io.cwd, flagString(args, 'content') ?? 'content');
    const content = await lint(contentDir, { base: io.cwd });
    const catalogue = catalogueOf(content.courses);
    const courseId = need('course');
    const course = catalogue.find((c) => c.id === courseId);
    if (!course) throw bad(`Không có khóa học "${courseId}" (có: ${catalogue.map((c) => c.id).join(', ')}).`, `No course "${courseId}" (there are: ${catalogue.map((c) => c.id).join(', ')}).`);
    const modules = flagString(args, 'modules')?.split(',').map((m) => m.trim()) ?? course.modules.map((m) => m.id);
    for (const m of modules) if (!course.modules.some((x) => x.id === m)) throw bad(`Khóa "${courseId}" không có học phần "${m}".`, `Course "${courseId}" has no module "${m}".`);
    const periodsText = flagString(args, 'periods');
    const periods = periodsText === undefined ? course.modules.filter((m) => modules.includes(m.id)).reduce((a, m) => a + m.periods, 0) : Number(periodsText);
    if (!Number.isFinite(periods) || periods <= 0) throw bad('--periods: số tiết, số dương.', '--periods: a positive number of tiết.');

    const rosterFile = resolve(io.cwd, flagString(args, 'roster') ?? join(contentDir, 'roster.csv'));
    const roster = await readRosterFile(rosterFile, relative(io.cwd, rosterFile));
    const sheetFile = resolve(io.cwd, sheetPath);
    const shown = relative(io.cwd, sheetFile);
    const bytes = await readFile(sheetFile).catch(() => undefined);
    const problems: Diagnostic[] = [...content.diagnostics.filter((d) => d.severity === 'error'), ...roster.diagnostics];
    if (!bytes) {
      problems.push({ file: shown, line: 0, column: 1, severity: 'error', code: 'class/unreadable', message: { vi: 'Không đọc được bảng điểm danh.', en: 'The attendance sheet cannot be read.' } });
    } else {
      const raw = await sheetRowsOf(bytes, shown);
      const sheet = readSheetRows(raw.rows, shown, sessions);
      problems.push(...raw.diagnostics, ...sheet.diagnostics);
      const record: ClassRecord = {
        id: classId,
        title: flagString(args, 'title') ?? course.title,
        course,
        modules,
        from,
        to,
        place: need('place'),
        organiser: need('organiser'),
        periods,
        sessions,
        sessionsNeeded,
        pass,
        homePage: flagString(args, 'home-page') ?? new URL(course.activityId).origin,
        revision,
      };
      const built = classStatements(record, sheet.rows, roster.learners, shown);
      problems.push(...built.diagnostics);
      for (const d of problems) io.err(formatDiagnostic(d, lang));
      if (hasErrors(problems)) return EXIT.contentErrors;
      const auth = flagString(args, 'auth') ?? process.env['BOIDUONG_LRS_AUTH'];
      try {
        const sent = await sendClassStatements({ endpoint, ...(auth ? { auth: auth.startsWith('Basic ') ? auth : `Basic ${Buffer.from(auth).toString('base64')}` } : {}) }, built.statements);
        const learners = sheet.rows.length;
        const n = (x: number): string => formatNumber(x, lang);
        io.out(
          lang === 'en'
            ? `Class ${classId}: ${n(learners)} learners, ${n(sent.added)} statements added, ${n(sent.already)} already in the LRS.`
            : `Lớp ${classId}: ${n(learners)} học viên, đã thêm ${n(sent.added)} bản ghi, ${n(sent.already)} bản ghi đã có trong LRS.`,
        );
        if (sent.changed.length) {
          io.err(
            lang === 'en'
              ? `${formatNumber(sent.changed.length, lang)} statements are in the LRS with another result and were not changed. To correct them, void these statements and import the corrected sheet with --revision ${revision + 1}: ${sent.changed.join(' ')}`
              : `${formatNumber(sent.changed.length, lang)} bản ghi đã có trong LRS với kết quả khác, không được sửa. Để sửa: hủy (void) các bản ghi này rồi nhập bảng đã sửa với --revision ${revision + 1}: ${sent.changed.join(' ')}`,
          );
          return EXIT.contentErrors;
        }
        return EXIT.ok;
      } catch (e) {
        if (e instanceof PullError) {
          io.err(e.describe(lang));
          return EXIT.lrs;
        }
        throw e;
      }
    }
    for (const d of problems) io.err(formatDiagnostic(d, lang));
    return EXIT.contentErrors;
  },
};
