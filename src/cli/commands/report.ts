/** `boiduong report`: compliance reports from an LRS, for a Ban Tổ chức. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { formatDiagnostic, formatNumber, formatPercent, hasErrors, checkRosterTiers } from '../../core/index.js';
import {
  readRosterFile,
  CacheMissingError,
  catalogueOf,
  FactCache,
  pull,
  PullError,
  reportHtml,
  reportTables,
  reportXlsx,
  tableCsv,
  buildReport,
  buildReportFromDigest,
  type ComplianceReport,
  type CsvSeparator,
  type ReportInput,
} from '../../report/index.js';
import { openReportDigest, type OpenedDigest, type ReportReplica } from '../../lrs/index.js';
import { t } from './lrs-store-options.js';
import { flagString } from '../args.js';
import { EXIT, UsageError, type Command, type Io, type ParsedArgs } from '../command.js';
import { lint } from '../../author/index.js';

const FORMATS = ['html', 'xlsx', 'csv', 'json'] as const;
const VALUE_FLAGS = ['lrs', 'pg', 'pg-schema', 'pg-read', 'pg-read-wait', 'auth', 'roster', 'roster-encoding', 'content', 'year', 'from', 'to', 'out', 'format', 'cache', 'csv-separator', 'lang'] as const;
const BOOLEAN_FLAGS = ['offline', 'unknown-actors', 'help'] as const;

const usage = (lang: 'vi' | 'en', vi: string, en: string): UsageError => new UsageError(lang === 'en' ? en : vi);

/** A real calendar day written yyyy-mm-dd (2026-02-30 is not one). */
function isCalendarDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** Options checked before anything is read or pulled: a typo is a usage error (exit 2), never ignored. */
function checkOptions(args: ParsedArgs, lang: 'vi' | 'en'): { from: string; to: string; formats: string[]; separator: CsvSeparator } {
  const known = new Set<string>([...VALUE_FLAGS, ...BOOLEAN_FLAGS]);
  for (const name of Object.keys(args.flags)) {
    if (!known.has(name)) throw usage(lang, `Không có tùy chọn --${name}.`, `Unknown option --${name}.`);
    const isValue = (VALUE_FLAGS as readonly string[]).includes(name);
    if (isValue && args.flags[name] === true) throw usage(lang, `--${name} cần một giá trị.`, `--${name} needs a value.`);
    if (!isValue && args.flags[name] !== true) throw usage(lang, `--${name} không nhận giá trị.`, `--${name} takes no value.`);
  }
  if (args.positionals.length > 0) throw usage(lang, `Đối số thừa: ${args.positionals.join(' ')}.`, `Unexpected argument: ${args.positionals.join(' ')}.`);
  const langFlag = flagString(args, 'lang');
  if (langFlag !== undefined && langFlag !== 'vi' && langFlag !== 'en') {
    throw usage(lang, `--lang ${langFlag}: chỉ có vi hoặc en.`, `--lang ${langFlag}: only vi or en.`);
  }
  const formats = (flagString(args, 'format') ?? FORMATS.join(',')).split(',').map((f) => f.trim());
  for (const f of formats) {
    if (!(FORMATS as readonly string[]).includes(f)) throw usage(lang, `--format ${f}: chỉ có ${FORMATS.join(', ')}.`, `--format ${f}: one of ${FORMATS.join(', ')}.`);
  }
  const yearFlag = flagString(args, 'year');
  if (yearFlag !== undefined && !/^\d{4}$/.test(yearFlag)) throw usage(lang, `--year ${yearFlag}: ghi năm 4 chữ số, ví dụ 2026.`, `--year ${yearFlag}: a 4-digit year, e.g. 2026.`);
  const year = yearFlag ?? String(new Date().getFullYear());
  const from = flagString(args, 'from') ?? `${year}-01-01`;
  const to = flagString(args, 'to') ?? `${year}-12-31`;
  for (const [name, d] of [['from', from], ['to', to]] as const) {
    if (!isCalendarDay(d)) throw usage(lang, `--${name} ${d}: không phải một ngày có thật (dạng YYYY-MM-DD).`, `--${name} ${d}: not a calendar day (YYYY-MM-DD).`);
  }
  if (from > to) throw usage(lang, `--from ${from} sau --to ${to}.`, `--from ${from} is after --to ${to}.`);
  const separator = flagString(args, 'csv-separator') ?? ',';
  if (separator !== ',' && separator !== ';') throw usage(lang, '--csv-separator: "," hoặc ";".', '--csv-separator: "," or ";".');
  return { from, to, formats, separator };
}

function basicAuth(value: string): string {
  return value.startsWith('Basic ') ? value : `Basic ${Buffer.from(value).toString('base64')}`;
}

function noCacheMessage(e: CacheMissingError, lang: 'vi' | 'en'): string {
  const known = e.known.length ? e.known.join(', ') : lang === 'en' ? 'none' : 'chưa có';
  return lang === 'en'
    ? `No statements kept for ${e.endpoint ?? 'this cache'}: run once without --offline to pull them. The cache holds: ${known}.`
    : `Chưa lưu bản ghi nào của ${e.endpoint ?? 'LRS'}: chạy một lần không có --offline để lấy về. Bộ nhớ đệm đang có: ${known}.`;
}

const HELP_VI = `Cách dùng: boiduong report --lrs <địa chỉ xAPI> | --pg <postgres://…> [tùy chọn]

Lấy bản ghi xAPI từ LRS (chỉ lấy phần mới kể từ lần trước), đối chiếu với danh sách học viên
và danh mục chức danh, quy định; lập báo cáo theo từng học viên, đơn vị và chức danh.

  --lrs <url>          địa chỉ xAPI của LRS (ví dụ http://127.0.0.1:8080/xapi);
                       hoặc biến môi trường BOIDUONG_LRS_ENDPOINT
  --pg <postgres://…>  thay cho --lrs khi LRS là boiduong trên PostgreSQL: tính báo cáo ngay
                       trong cơ sở dữ liệu, không tải từng bản ghi về (nhanh với hàng trăm triệu
                       bản ghi); --pg-schema <tên> là schema của LRS (mặc định boiduong_lrs).
                       Chỉ đọc bản ghi của học viên trong danh sách (một tỉnh trên kho toàn
                       quốc chỉ đọc phần của mình); --unknown-actors đọc cả kho để liệt kê
                       người có bản ghi nhưng không có trong danh sách
  --pg-read <postgres://…>  bản sao streaming của --pg: báo cáo đọc ở đó sau khi bản sao đã
                       nhận mọi bản ghi máy chủ chính có lúc bắt đầu (đỡ tải cho máy chủ
                       chính); chờ quá --pg-read-wait mili giây (mặc định 60000) thì đọc ở
                       máy chủ chính
  --auth <khóa:mật khẩu>  thông tin xác thực (hoặc biến môi trường BOIDUONG_LRS_AUTH)
  --roster <tệp.csv>   danh sách học viên (mặc định content/roster.csv), UTF-8, phân cách
                       bằng dấu phẩy, dấu chấm phẩy hoặc tab
  --roster-encoding windows-1258   chuyển mã danh sách lưu bằng bảng mã cũ
  --content <thư mục>  thư mục nội dung có taxonomy/ và courses/ (mặc định content)
  --year <năm>         kỳ báo cáo là một năm (mặc định năm nay)
  --from/--to <ngày>   kỳ báo cáo tùy chọn, dạng YYYY-MM-DD, tính cả hai ngày
  --out <thư mục>      nơi ghi báo cáo (mặc định dist/report)
  --format html,xlsx,csv,json   định dạng cần xuất (mặc định cả bốn); xlsx: một trang tính
                       cho mỗi bảng, số là số, dòng tiêu đề cố định
  --csv-separator ;    CSV phân cách bằng dấu chấm phẩy, số thập phân dùng dấu phẩy (Excel trên
                       máy cài đặt vùng Việt Nam); mặc định dấu phẩy và dấu chấm
  --cache <thư mục>    nơi lưu bản ghi đã lấy (mặc định .data/report-cache)
  --offline            không lấy thêm từ LRS, chỉ dùng bản ghi đã lưu của LRS đó
  --lang vi|en         ngôn ngữ (mặc định vi)

Ngày giờ tính theo giờ Việt Nam (UTC+7): bản ghi lúc 23:30 ngày 31/12 giờ Việt Nam thuộc năm đó.
Kỳ tùy chọn ngắn hơn một năm: số tiết tối thiểu hằng năm được tính theo tỷ lệ số ngày của kỳ
(làm tròn lên), ví dụ 01/07–31/12/2026 (184 ngày) với mức 40 tiết/năm cần 21 tiết.

Mã thoát: 0 thành công; 1 lỗi nội dung hoặc danh sách học viên; 2 sai cách dùng (tùy chọn
không có, ngày không hợp lệ, --from sau --to, --lang lạ); 3 lỗi LRS (sai khóa, không kết nối
được, quá thời gian chờ) hoặc chạy --offline khi chưa lưu bản ghi của LRS đó.`;

const HELP_EN = `Usage: boiduong report --lrs <xAPI endpoint> | --pg <postgres://…> [options]

Pulls xAPI statements from an LRS (only what is new since the last run), matches them with the
roster and the taxonomy and rules, and writes per-learner, per-unit and per-position reports.

  --lrs <url>          the LRS's xAPI endpoint (e.g. http://127.0.0.1:8080/xapi);
                       or the BOIDUONG_LRS_ENDPOINT environment variable
  --pg <postgres://…>  instead of --lrs when the LRS is boiduong's on PostgreSQL: the report
                       is computed inside the database, no statement is pulled (fast with
                       hundreds of millions); --pg-schema <name> is the LRS's schema
                       (default boiduong_lrs). Reads only the roster's learners (a province
                       on a national store reads its own part); --unknown-actors reads the
                       whole store to list actors with statements but no roster row
  --pg-read <postgres://…>  a streaming replica of --pg: the report reads there once the
                       replica holds everything the primary had when the report started
                       (sparing the primary); after --pg-read-wait milliseconds (default
                       60000) it reads from the primary
  --auth <key:secret>  credentials (or the BOIDUONG_LRS_AUTH environment variable)
  --roster <file.csv>  the roster (default content/roster.csv), UTF-8, separated by commas,
                       semicolons or tabs
  --roster-encoding windows-1258   convert a roster saved in a legacy code page
  --content <dir>      content folder with taxonomy/ and courses/ (default content)
  --year <year>        a calendar year as the period (default this year)
  --from/--to <date>   a custom period, YYYY-MM-DD, both days included
  --out <dir>          where to write (default dist/report)
  --format html,xlsx,csv,json   formats to write (default all four); xlsx: one sheet per
                       table, typed numbers, header row frozen
  --csv-separator ;    CSV with semicolons and decimal commas (Excel with Vietnamese regional
                       settings); default commas and decimal points
  --cache <dir>        where pulled statements are kept (default .data/report-cache)
  --offline            use that LRS's kept statements only, pull nothing
  --lang vi|en         language (default vi)

Days and times are Vietnam time (UTC+7): a statement at 23:30 on 31 December Vietnam time
belongs to that year. A custom period shorter than a year prorates the annual minimum of tiết
by the period's days, rounded up: 2026-07-01..2026-12-31 (184 days) at 40 a year needs 21.

Exit codes: 0 done; 1 content or roster errors; 2 usage (unknown option, impossible date,
--from after --to, unknown --lang); 3 the LRS failed (wrong key, no connection, timeout) or
--offline with nothing kept for that LRS.`;

export const reportCommand: Command = {
  name: 'report',
  summary: { vi: 'Báo cáo kết quả bồi dưỡng từ LRS (CSV, JSON, HTML)', en: 'Compliance reports from an LRS (CSV, JSON, HTML)' },
  valueFlags: [...VALUE_FLAGS],
  help: { vi: HELP_VI, en: HELP_EN },
  async run(args, io) {
    const lang = io.lang;
    const { from, to, formats, separator } = checkOptions(args, lang);
    const endpoint = flagString(args, 'lrs') ?? process.env['BOIDUONG_LRS_ENDPOINT'];
    const offline = args.flags['offline'] === true;
    const pg = flagString(args, 'pg');
    if (pg !== undefined && (flagString(args, 'lrs') !== undefined || offline)) {
      throw usage(lang, '--pg đã thay cho --lrs và --offline: chỉ dùng một cách.', '--pg replaces --lrs and --offline: use one of them.');
    }
    if (pg === undefined && flagString(args, 'pg-schema') !== undefined) throw usage(lang, '--pg-schema cần đi cùng --pg.', '--pg-schema needs --pg.');
    if (pg === undefined && (flagString(args, 'pg-read') !== undefined || flagString(args, 'pg-read-wait') !== undefined)) {
      throw usage(lang, '--pg-read và --pg-read-wait cần đi cùng --pg (máy chủ chính).', '--pg-read and --pg-read-wait need --pg (the primary).');
    }
    const replica = replicaOption(args, lang);
    if (pg === undefined && args.flags['unknown-actors'] === true) {
      throw usage(lang, '--unknown-actors cần đi cùng --pg (báo cáo lấy từ --lrs luôn liệt kê họ).', '--unknown-actors needs --pg (a report pulled with --lrs always lists them).');
    }
    if (pg !== undefined) {
      try {
        return await produce(args, io, { from, to, formats, separator, endpoint: undefined, offline: false, pg, ...(replica ? { replica } : {}) });
      } catch (e) {
        if (!(e instanceof PostgresReportError)) throw e;
        io.err(postgresMessage(e.cause, pg, lang));
        return EXIT.lrs;
      }
    }
    if (!endpoint && !offline) throw usage(lang, 'Cần --lrs (hoặc biến BOIDUONG_LRS_ENDPOINT, hoặc --offline).', '--lrs is required (or BOIDUONG_LRS_ENDPOINT, or --offline).');
    try {
      return await produce(args, io, { from, to, formats, separator, endpoint, offline });
    } catch (e) {
      if (e instanceof PullError) {
        io.err(e.describe(lang));
        return EXIT.lrs;
      }
      const code = (e as NodeJS.ErrnoException).code;
      if (typeof code === 'string' && e instanceof Error) {
        // A file that cannot be read or written: its message names it; a stack trace would not help.
        io.err(e.message);
        return EXIT.contentErrors;
      }
      throw e;
    }
  },
};

interface Plan {
  readonly from: string;
  readonly to: string;
  readonly formats: readonly string[];
  readonly separator: CsvSeparator;
  readonly endpoint: string | undefined;
  readonly offline: boolean;
  /** The LRS's PostgreSQL database, when the report is computed there (--pg). */
  readonly pg?: string;
  /** A streaming replica of it to read from (--pg-read, --pg-read-wait). */
  readonly replica?: ReportReplica;
}

/** --pg-read and --pg-read-wait as the digest takes them. */
function replicaOption(args: ParsedArgs, lang: 'vi' | 'en'): ReportReplica | undefined {
  const connectionString = flagString(args, 'pg-read');
  const wait = flagString(args, 'pg-read-wait');
  if (connectionString === undefined) {
    if (wait !== undefined) throw usage(lang, '--pg-read-wait chỉ dùng cùng --pg-read.', '--pg-read-wait goes with --pg-read.');
    return undefined;
  }
  const waitMs = wait === undefined ? undefined : Number(wait);
  if (waitMs !== undefined && (!/^\d+$/.test(wait!) || !Number.isSafeInteger(waitMs))) {
    throw usage(lang, '--pg-read-wait là số mili giây, ví dụ 60000.', '--pg-read-wait is a number of milliseconds, e.g. 60000.');
  }
  return { connectionString, ...(waitMs !== undefined ? { waitMs } : {}) };
}

/** A connection string as the terminal may show it: the password never goes there. */
const shownUrl = (url: string): string => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

/** A failure of the database behind --pg: a refused connection, a wrong password, a bad schema name. */
class PostgresReportError extends Error {
  constructor(override readonly cause: Error & { code?: string }) {
    super(cause.message);
  }
}

function postgresMessage(e: Error & { code?: string }, pg: string, lang: 'vi' | 'en'): string {
  const where = shownUrl(pg);
  return lang === 'en'
    ? `PostgreSQL at ${where} failed (${e.code ?? ''}): ${e.message}. Check --pg (postgres://user@host:port/database), that PostgreSQL runs, and --pg-schema.`
    : `PostgreSQL ở ${where} báo lỗi (${e.code ?? ''}): ${e.message}. Kiểm tra --pg (postgres://người dùng@máy:cổng/cơ sở dữ liệu), PostgreSQL đã chạy, và --pg-schema.`;
}

const registeringMessage = (io: Io, modules: number): string =>
  t(
    io,
    `Lần đầu báo cáo ${formatNumber(modules, 'vi')} học phần trên kho này: tách bản ghi của các học phần đó ra bảng tổng hợp (một lần; với kho lớn có thể mất vài phút).`,
    `First report of ${formatNumber(modules, 'en')} modules on this store: their statements get rows of their own in the rollup (once; minutes on a large store).`,
  );

/** Where the report was read, when a replica was given. */
function replicaMessage(io: Io, replica: ReportReplica, digest: OpenedDigest): string {
  const where = shownUrl(replica.connectionString);
  if (digest.readFrom === 'replica') return t(io, `Đọc báo cáo ở bản sao ${where}.`, `Reading the report on the replica ${where}.`);
  const seconds = formatNumber(Math.round((digest.replicaWaitedMs ?? 0) / 100) / 10, io.lang);
  return t(
    io,
    `Bản sao ${where} chưa nhận kịp bản ghi mới nhất sau ${seconds} giây: đọc báo cáo ở máy chủ chính.`,
    `The replica ${where} had not caught up after ${seconds} s: reading the report on the primary.`,
  );
}

/** The report computed inside the LRS's PostgreSQL database: nothing is pulled. */
async function reportInPostgres(io: Io, plan: Plan & { pg: string }, schema: string | undefined, input: ReportInput, everyActor: boolean): Promise<ComplianceReport> {
  const modules = input.catalogue.flatMap((c) => c.modules.map((m) => m.activityId));
  // A province on a national store reads its own learners' rows, not every province's.
  const roster = everyActor ? {} : { roster: input.roster.map((l) => l.id) };
  const replica = plan.replica;
  const query = { ...input.period, modules, ...roster, ...(replica ? { replica } : {}), onRegistering: (first: readonly string[]) => io.err(registeringMessage(io, first.length)) };
  const digest = await openReportDigest({ connectionString: plan.pg, ...(schema ? { schema } : {}) }, query).catch((e: Error) => {
    throw new PostgresReportError(e);
  });
  if (replica) io.err(replicaMessage(io, replica, digest));
  try {
    return await buildReportFromDigest(digest, input).catch((e: Error) => {
      throw new PostgresReportError(e);
    });
  } finally {
    await digest.close();
  }
}

async function produce(args: ParsedArgs, io: Io, plan: Plan): Promise<number> {
  const lang = io.lang;
  const { from, to, formats, separator } = plan;
  const contentDir = resolve(io.cwd, flagString(args, 'content') ?? 'content');
  const content = await lint(contentDir, { base: io.cwd });
  const rosterFile = resolve(io.cwd, flagString(args, 'roster') ?? join(contentDir, 'roster.csv'));
  const roster = await readRosterFile(rosterFile, relative(io.cwd, rosterFile) || rosterFile, flagString(args, 'roster-encoding'));
  const tierProblems = content.taxonomy ? checkRosterTiers(roster.learners, content.taxonomy.tiers, relative(io.cwd, rosterFile)) : [];
  const problems = [...content.diagnostics, ...roster.diagnostics, ...tierProblems];
  for (const d of problems) io.err(formatDiagnostic(d, lang));
  if (!content.taxonomy || hasErrors(problems)) return EXIT.contentErrors;

  const input: ReportInput = { roster: roster.learners, taxonomy: content.taxonomy, catalogue: catalogueOf(content.courses), period: { from, to } };
  const report =
    plan.pg !== undefined
      ? await reportInPostgres(io, { ...plan, pg: plan.pg }, flagString(args, 'pg-schema'), input, args.flags['unknown-actors'] === true)
      : await pulledReport(args, io, plan, input);
  if (report === undefined) return EXIT.lrs;
  const out = resolve(io.cwd, flagString(args, 'out') ?? 'dist/report');
  await mkdir(out, { recursive: true });
  const written: string[] = [];
  const write = async (name: string, data: string | Buffer): Promise<void> => {
    await writeFile(join(out, name), data);
    written.push(join(out, name));
  };
  const taxonomy = content.taxonomy;
  if (formats.includes('html')) await write('bao-cao.html', reportHtml(report, taxonomy, lang));
  if (formats.includes('xlsx')) await write('bao-cao.xlsx', await reportXlsx(report, taxonomy, lang));
  if (formats.includes('csv')) {
    for (const table of reportTables(report, taxonomy, lang)) await write(`${table.name}.csv`, tableCsv(table, separator));
  }
  if (formats.includes('json')) await write('bao-cao.json', JSON.stringify(report, null, 2));
  const t = report.total;
  io.out(
    lang === 'en'
      ? `${formatNumber(t.learners, lang)} learners, ${formatNumber(t.compliant, lang)} compliant (${formatPercent(t.compliantPercent, lang)}), ${formatNumber(t.attendances, lang)} attendances.`
      : `${formatNumber(t.learners, lang)} học viên, ${formatNumber(t.compliant, lang)} đạt chuẩn (${formatPercent(t.compliantPercent, lang)}), ${formatNumber(t.attendances, lang)} lượt bồi dưỡng.`,
  );
  for (const w of written) io.out(w);
  return EXIT.ok;
}

/** The report over statements pulled from any LRS into the cache (undefined: nothing kept, said why). */
async function pulledReport(args: ParsedArgs, io: Io, plan: Plan, input: ReportInput): Promise<ComplianceReport | undefined> {
  const lang = io.lang;
  const { endpoint, offline } = plan;
  const cache = new FactCache(resolve(io.cwd, flagString(args, 'cache') ?? '.data/report-cache'));
  let state;
  if (offline || !endpoint) {
    try {
      state = await cache.openOffline(endpoint);
    } catch (e) {
      if (!(e instanceof CacheMissingError)) throw e;
      io.err(noCacheMessage(e, lang));
      return undefined;
    }
  } else {
    const auth = flagString(args, 'auth') ?? process.env['BOIDUONG_LRS_AUTH'];
    const result = await pull(cache, { endpoint, ...(auth ? { auth: basicAuth(auth) } : {}) });
    state = result.state;
    io.err(
      lang === 'en'
        ? `Pulled ${result.pulled} new statements (${state.count} kept in all).`
        : `Đã lấy ${result.pulled} bản ghi mới (đã lưu tổng cộng ${state.count}).`,
    );
  }
  return buildReport(cache.facts(state), { ...input, voided: new Set(state.voided) });
}
