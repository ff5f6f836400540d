/** `boiduong lrs`: run the xAPI LRS and manage its keys. */
import { resolve } from 'node:path';
import { SqliteStore } from '../../lrs/store/sqlite/index.js';
import { createCredential, listCredentials, openStore, parseScopes, revokeCredential, startLrs } from '../../lrs/index.js';
import type { CredentialStore, LrsOptions } from '../../lrs/index.js';
import { flagString } from '../args.js';
import { EXIT, UsageError } from '../command.js';
import type { Command, Io, ParsedArgs } from '../command.js';

const t = (io: Io, vi: string, en: string): string => (io.lang === 'en' ? en : vi);

function storeOptions(args: ParsedArgs, io: Io): LrsOptions {
  const store = flagString(args, 'store') ?? 'sqlite';
  if (store !== 'sqlite' && store !== 'postgres') throw new UsageError('--store sqlite|postgres');
  const pg = flagString(args, 'pg') ?? process.env['BOIDUONG_LRS_PG'];
  if (store === 'postgres' && !pg) throw new UsageError(t(io, '--store postgres cần --pg postgres://…', '--store postgres needs --pg postgres://…'));
  const schema = flagString(args, 'pg-schema');
  return { dataDir: resolve(io.cwd, flagString(args, 'data') ?? '.data'), store, ...(pg ? { pg } : {}), ...(schema ? { pgSchema: schema } : {}) };
}

/** `--pg-read` (a streaming replica for GETs) and `--pg-read-wait` (ms a GET waits for it). */
function replicaOptions(args: ParsedArgs, io: Io, store: LrsOptions['store']): Pick<LrsOptions, 'pgRead' | 'pgReadWaitMs'> {
  const pgRead = flagString(args, 'pg-read');
  const wait = flagString(args, 'pg-read-wait');
  if (pgRead === undefined) {
    if (wait !== undefined) throw new UsageError(t(io, '--pg-read-wait chỉ dùng cùng --pg-read', '--pg-read-wait goes with --pg-read'));
    return {};
  }
  if (store !== 'postgres') throw new UsageError(t(io, '--pg-read cần --store postgres và --pg (máy chủ chính)', '--pg-read needs --store postgres and --pg (the primary)'));
  const waitMs = wait === undefined ? undefined : Number(wait);
  if (waitMs !== undefined && (!Number.isInteger(waitMs) || waitMs < 0)) throw new UsageError(t(io, '--pg-read-wait là số mili giây, ví dụ 500', '--pg-read-wait is a number of milliseconds, e.g. 500'));
  return { pgRead, ...(waitMs !== undefined ? { pgReadWaitMs: waitMs } : {}) };
}

async function withCredentials<T>(args: ParsedArgs, io: Io, work: (c: CredentialStore) => Promise<T>): Promise<T> {
  const options = storeOptions(args, io);
  if (options.store === 'sqlite') {
    const store = SqliteStore.open({ dataDir: options.dataDir! });
    try {
      return await work(store.credentials);
    } finally {
      await store.close();
    }
  }
  const opened = await openStore(options);
  try {
    return await work(opened.credentials);
  } finally {
    await opened.store.close();
    await opened.closeExtra();
  }
}

async function serve(args: ParsedArgs, io: Io): Promise<number> {
  const port = Number(flagString(args, 'port') ?? '8080');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port 0-65535');
  const maxBody = flagString(args, 'max-body');
  const origins = flagString(args, 'origins');
  const defaultVersion = flagString(args, 'default-version') ?? '2.0.0';
  if (defaultVersion !== '1.0.3' && defaultVersion !== '2.0.0') throw new UsageError('--default-version 1.0.3|2.0.0');
  const logLevel = flagString(args, 'log-level') ?? 'info';
  if (logLevel !== 'info' && logLevel !== 'debug') throw new UsageError('--log-level info|debug');
  const publicUrl = flagString(args, 'public-url');
  if (publicUrl !== undefined && !/^https?:\/\/[^/]/.test(publicUrl)) {
    throw new UsageError(t(io, `--public-url cần địa chỉ xAPI mà máy khách dùng, ví dụ https://lrs.tinh.gov.vn/xapi (nhận được: ${publicUrl})`, `--public-url needs the xAPI endpoint clients use, e.g. https://lrs.example/xapi (got: ${publicUrl})`));
  }
  const stored = storeOptions(args, io);
  const lrs = await startLrs({
    ...stored,
    ...replicaOptions(args, io, stored.store),
    port,
    host: flagString(args, 'host') ?? '127.0.0.1',
    ...(origins ? { origins: origins.split(',').map((o) => o.trim()).filter(Boolean) } : {}),
    ...(maxBody ? { maxBody: Number(maxBody) } : {}),
    defaultVersion,
    logLevel,
    ...(publicUrl ? { publicUrl } : {}),
    log: (m) => io.err(m),
  });
  io.out(t(io, `LRS đang chạy tại ${lrs.url}`, `LRS listening at ${lrs.url}`));
  const keys = await lrs.credentials.listCredentials();
  if (!keys.some((k) => !k.revoked)) {
    io.out(t(io, 'Chưa có khóa nào: tạo bằng "boiduong lrs key create --scope all".', 'No keys yet: create one with "boiduong lrs key create --scope all".'));
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await lrs.close();
  return EXIT.ok;
}

async function key(args: ParsedArgs, io: Io): Promise<number> {
  const action = args.positionals[1];
  const asJson = args.flags['json'] === true;
  if (action === 'create') {
    const parsed = parseScopes(flagString(args, 'scope') ?? '');
    if ('unknown' in parsed) throw new UsageError(t(io, `phạm vi không hợp lệ: ${parsed.unknown}`, `unknown scope: ${parsed.unknown}`));
    if (parsed.scopes.length === 0) throw new UsageError(t(io, 'cần --scope, ví dụ --scope statements/write,statements/read', 'needs --scope, e.g. --scope statements/write,statements/read'));
    const name = flagString(args, 'name') ?? 'boiduong';
    const c = await withCredentials(args, io, (s) => createCredential(s, parsed.scopes, name));
    if (asJson) io.out(JSON.stringify({ key: c.key, secret: c.secret, scopes: parsed.scopes, name }));
    else {
      io.out(t(io, `Khóa: ${c.key}\nMật khẩu: ${c.secret}\nPhạm vi: ${parsed.scopes.join(', ')}`, `Key: ${c.key}\nSecret: ${c.secret}\nScopes: ${parsed.scopes.join(', ')}`));
      io.out(t(io, 'Mật khẩu chỉ hiện một lần; LRS chỉ lưu bản băm.', 'The secret is shown only once; the LRS keeps only its hash.'));
    }
    return EXIT.ok;
  }
  if (action === 'list') {
    const all = await withCredentials(args, io, (s) => listCredentials(s));
    if (asJson) io.out(JSON.stringify(all.map(({ secretHash: _h, ...rest }) => rest)));
    else for (const c of all) io.out(`${c.key}\t${c.name}\t${c.scopes.join(',')}\t${c.created}${c.revoked ? `\t${t(io, 'đã thu hồi', 'revoked')} ${c.revoked}` : ''}`);
    return EXIT.ok;
  }
  if (action === 'revoke') {
    const k = args.positionals[2];
    if (!k) throw new UsageError('boiduong lrs key revoke <key>');
    const done = await withCredentials(args, io, (s) => revokeCredential(s, k));
    if (!done) {
      io.err(t(io, `Không có khóa đang dùng nào tên ${k}.`, `No active key ${k}.`));
      return EXIT.contentErrors;
    }
    io.out(t(io, `Đã thu hồi khóa ${k}.`, `Revoked key ${k}.`));
    return EXIT.ok;
  }
  throw new UsageError('boiduong lrs key create|list|revoke');
}

const HELP_VI = `Cách dùng:
  boiduong lrs serve [--port 8080] [--host 127.0.0.1] [--data .data] [--store sqlite|postgres]
                     [--pg postgres://…] [--pg-schema boiduong_lrs] [--origins https://a,https://b] [--max-body byte] [--default-version 2.0.0]
                     [--log-level info|debug] [--public-url https://…/xapi]
                     [--pg-read postgres://…bản-sao…] [--pg-read-wait 500]
  boiduong lrs key create --scope statements/write,statements/read [--name tên] [--json]
  boiduong lrs key list [--json]
  boiduong lrs key revoke <khóa>

LRS xAPI (1.0.3 và 2.0) lưu bản ghi vào SQLite trong thư mục dữ liệu (mặc định .data/lrs.sqlite)
hoặc PostgreSQL. Địa chỉ xAPI là http://HOST:PORT/xapi. Phạm vi: statements/write, statements/read,
statements/read/mine, state, define, profile, all/read, all. --origins cho phép nội dung từ các
nguồn khác gọi LRS (CORS); "*" cho phép mọi nguồn. --default-version 1.0.3|2.0.0 là phiên bản
báo lại cho yêu cầu không ghi phiên bản (mặc định 2.0.0). --log-level debug ghi cả các sự việc
thường gặp, như máy khách ngắt kết nối giữa chừng. --public-url là địa chỉ xAPI máy khách dùng khi
nhiều nút LRS đứng sau một bộ cân bằng tải (authority của bản ghi và địa chỉ fetch cmi5 dùng địa chỉ này).
--pg-read là bản sao streaming của --pg: các yêu cầu GET đọc ở bản sao khi bản sao đã có mọi bản ghi
máy chủ chính đã lưu lúc yêu cầu đến; chờ quá --pg-read-wait mili giây (mặc định 500) thì đọc ở máy chủ chính.`;

const HELP_EN = `Usage:
  boiduong lrs serve [--port 8080] [--host 127.0.0.1] [--data .data] [--store sqlite|postgres]
                     [--pg postgres://…] [--pg-schema boiduong_lrs] [--origins https://a,https://b] [--max-body bytes] [--default-version 2.0.0]
                     [--log-level info|debug] [--public-url https://…/xapi]
                     [--pg-read postgres://…replica…] [--pg-read-wait 500]
  boiduong lrs key create --scope statements/write,statements/read [--name name] [--json]
  boiduong lrs key list [--json]
  boiduong lrs key revoke <key>

An xAPI LRS (1.0.3 and 2.0) storing statements in SQLite under the data directory (default
.data/lrs.sqlite) or in PostgreSQL. The xAPI endpoint is http://HOST:PORT/xapi. Scopes:
statements/write, statements/read, statements/read/mine, state, define, profile, all/read, all.
--origins lets content from other origins call the LRS (CORS); "*" allows any origin.
--default-version 1.0.3|2.0.0 is the version announced to requests that name none (default 2.0.0).
--log-level debug also logs routine events, such as a client that disconnects mid-request.
--public-url is the xAPI endpoint clients use when several LRS nodes stand behind a balancer (the
authority of stored statements and cmi5 fetch URLs use it).
--pg-read is a streaming replica of --pg: GETs read from it once it holds everything the primary had
committed when the GET arrived; after --pg-read-wait milliseconds (default 500) they read from the primary.`;

export const lrsCommand: Command = {
  name: 'lrs',
  summary: { vi: 'Chạy LRS xAPI và quản lý khóa truy cập', en: 'Run the xAPI LRS and manage its keys' },
  help: { vi: HELP_VI, en: HELP_EN },
  valueFlags: ['default-version', 'log-level', 'port', 'host', 'data', 'store', 'pg', 'pg-schema', 'origins', 'scope', 'name', 'max-body', 'public-url', 'pg-read', 'pg-read-wait'],
  async run(args, io) {
    const sub = args.positionals[0];
    if (sub === 'serve') return serve(args, io);
    if (sub === 'key') return key(args, io);
    throw new UsageError(t(io, 'boiduong lrs serve | key create | key list | key revoke', 'boiduong lrs serve | key create | key list | key revoke'));
  },
};
