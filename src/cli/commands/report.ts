/** `boiduong report`: compliance reports from an LRS, for a Ban Tổ chức. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { formatDiagnostic, hasErrors } from '../../core/diagnostic.js';
import { parseRoster } from '../../core/roster.js';
import { CacheMissingError, catalogueOf, FactCache, groupsCsv, learnersCsv, pull, reportHtml, buildReport } from '../../report/index.js';
import { flagString } from '../args.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { lint } from '../../author/index.js';

const FORMATS = ['html', 'csv', 'json'] as const;

function basicAuth(value: string): string {
  return value.startsWith('Basic ') ? value : `Basic ${Buffer.from(value).toString('base64')}`;
}

function noCacheMessage(e: CacheMissingError, lang: 'vi' | 'en'): string {
  const known = e.known.length ? e.known.join(', ') : lang === 'en' ? 'none' : 'chưa có';
  return lang === 'en'
    ? `No statements kept for ${e.endpoint ?? 'this cache'}: run once without --offline to pull them. The cache holds: ${known}.`
    : `Chưa lưu bản ghi nào của ${e.endpoint ?? 'LRS'}: chạy một lần không có --offline để lấy về. Bộ nhớ đệm đang có: ${known}.`;
}

export const reportCommand: Command = {
  name: 'report',
  summary: { vi: 'Báo cáo kết quả bồi dưỡng từ LRS (CSV, JSON, HTML)', en: 'Compliance reports from an LRS (CSV, JSON, HTML)' },
  valueFlags: ['lrs', 'auth', 'roster', 'content', 'year', 'from', 'to', 'out', 'format', 'cache'],
  help: {
    vi: `Cách dùng: boiduong report --lrs <địa chỉ xAPI> [tùy chọn]

Lấy bản ghi xAPI từ LRS (chỉ lấy phần mới kể từ lần trước), đối chiếu với danh sách học viên
và danh mục chức danh, quy định; lập báo cáo theo từng học viên, đơn vị và chức danh.

  --lrs <url>          địa chỉ xAPI của LRS (ví dụ http://127.0.0.1:8080/xapi)
  --auth <khóa:mật khẩu>  thông tin xác thực (hoặc biến môi trường BOIDUONG_LRS_AUTH)
  --roster <tệp.csv>   danh sách học viên (mặc định content/roster.csv)
  --content <thư mục>  thư mục nội dung có taxonomy/ và courses/ (mặc định content)
  --year <năm>         kỳ báo cáo là một năm (mặc định năm nay)
  --from/--to <ngày>   kỳ báo cáo tùy chọn, dạng YYYY-MM-DD
  --out <thư mục>      nơi ghi báo cáo (mặc định dist/report)
  --format html,csv,json   định dạng cần xuất (mặc định cả ba)
  --cache <thư mục>    nơi lưu bản ghi đã lấy (mặc định .data/report-cache)
  --offline            không lấy thêm từ LRS, chỉ dùng bản ghi đã lưu
  --lang en            tiêu đề tiếng Anh`,
    en: `Usage: boiduong report --lrs <xAPI endpoint> [options]

Pulls xAPI statements from an LRS (only what is new since the last run), matches them with the
roster and the taxonomy and rules, and writes per-learner, per-unit and per-position reports.

  --lrs <url>          the LRS's xAPI endpoint (e.g. http://127.0.0.1:8080/xapi)
  --auth <key:secret>  credentials (or the BOIDUONG_LRS_AUTH environment variable)
  --roster <file.csv>  the roster (default content/roster.csv)
  --content <dir>      content folder with taxonomy/ and courses/ (default content)
  --year <year>        a calendar year as the period (default this year)
  --from/--to <date>   a custom period, YYYY-MM-DD
  --out <dir>          where to write (default dist/report)
  --format html,csv,json   formats to write (default all three)
  --cache <dir>        where pulled statements are kept (default .data/report-cache)
  --offline            use the kept statements only, pull nothing
  --lang en            English headings`,
  },
  async run(args, io) {
    const lang = io.lang;
    const formats = (flagString(args, 'format') ?? FORMATS.join(',')).split(',').map((f) => f.trim());
    for (const f of formats) if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`--format: ${f}?`);
    const year = flagString(args, 'year') ?? String(new Date().getFullYear());
    if (!/^\d{4}$/.test(year)) throw new UsageError('--year YYYY');
    const from = flagString(args, 'from') ?? `${year}-01-01`;
    const to = flagString(args, 'to') ?? `${year}-12-31`;
    for (const d of [from, to]) if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new UsageError('--from/--to YYYY-MM-DD');
    const endpoint = flagString(args, 'lrs') ?? process.env['BOIDUONG_LRS_ENDPOINT'];
    const offline = args.flags['offline'] === true;
    if (!endpoint && !offline) throw new UsageError(lang === 'en' ? '--lrs is required (or --offline).' : 'Cần --lrs (hoặc --offline).');

    const contentDir = resolve(io.cwd, flagString(args, 'content') ?? 'content');
    const content = await lint(contentDir, { base: io.cwd });
    const rosterFile = resolve(io.cwd, flagString(args, 'roster') ?? join(contentDir, 'roster.csv'));
    const roster = parseRoster(await readFile(rosterFile, 'utf8'), rosterFile);
    const problems = [...content.diagnostics, ...roster.diagnostics];
    for (const d of problems) io.err(formatDiagnostic(d, lang));
    if (!content.taxonomy || hasErrors(problems)) return EXIT.contentErrors;

    const cache = new FactCache(resolve(io.cwd, flagString(args, 'cache') ?? '.data/report-cache'));
    let state;
    if (offline || !endpoint) {
      try {
        state = await cache.openOffline(endpoint);
      } catch (e) {
        if (!(e instanceof CacheMissingError)) throw e;
        io.err(noCacheMessage(e, lang));
        return EXIT.lrs;
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
    const report = await buildReport(cache.facts(state), {
      roster: roster.learners,
      taxonomy: content.taxonomy,
      catalogue: catalogueOf(content.courses),
      period: { from, to },
      voided: new Set(state.voided),
    });
    const out = resolve(io.cwd, flagString(args, 'out') ?? 'dist/report');
    await mkdir(out, { recursive: true });
    const written: string[] = [];
    const write = async (name: string, text: string): Promise<void> => {
      await writeFile(join(out, name), text);
      written.push(join(out, name));
    };
    if (formats.includes('html')) await write('bao-cao.html', reportHtml(report, content.taxonomy, lang));
    if (formats.includes('csv')) {
      await write('hoc-vien.csv', learnersCsv(report, content.taxonomy, lang));
      await write('theo-don-vi.csv', groupsCsv(report.byUnit, 'unit', content.taxonomy, lang));
      await write('theo-chuc-danh.csv', groupsCsv(report.byPosition, 'position', content.taxonomy, lang));
    }
    if (formats.includes('json')) await write('bao-cao.json', JSON.stringify(report, null, 2));
    const t = report.total;
    io.out(
      lang === 'en'
        ? `${t.learners} learners, ${t.compliant} compliant (${t.compliantPercent}%), ${t.attendances} attendances.`
        : `${t.learners} học viên, ${t.compliant} đạt chuẩn (${t.compliantPercent}%), ${t.attendances} lượt bồi dưỡng.`,
    );
    for (const w of written) io.out(w);
    return EXIT.ok;
  },
};
