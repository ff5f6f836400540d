/**
 * `boiduong report` as an officer runs it: against the embedded LRS over HTTP, then offline,
 * with the endpoint spelled either way, with wrong keys, dead hosts and bad options.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FactCache, pull, PullError } from '../../src/report/index.js';
import { main } from '../../src/cli/main.js';
import { startLrs, type RunningLrs } from '../../src/lrs/index.js';
import { repoRoot } from '../e2e/harness/index.js';

let dir: string;
let lrs: RunningLrs;
let auth: string;

const ROSTER = `id,ho_ten,chuc_danh,don_vi,trinh_do_llct,nam_sinh,gioi_tinh
hv001,Nguyễn Văn Hùng,bi-thu-dang-uy-xa,Xã Tân Lập,cao-cap,1972,nam
hv002,Trần Thị Thu Hà,pho-bi-thu-dang-uy-xa,Xã Tân Lập,trung-cap,1978,nữ
`;

const MODULE_IRI = 'https://daotao.example.gov.vn/xapi/test';
const statement = (id: string, verb: string, object: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  id,
  actor: { account: { homePage: 'https://daotao.example.gov.vn', name: 'hv001' } },
  verb: { id: `http://adlnet.gov/expapi/verbs/${verb}` },
  object,
  timestamp: '2026-03-01T08:00:00+07:00',
  ...extra,
});

async function run(argv: string[], cwd = dir): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t), cwd });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bd-report-cli-'));
  cpSync(join(repoRoot, 'content', 'taxonomy'), join(dir, 'content', 'taxonomy'), { recursive: true });
  cpSync(join(repoRoot, 'content', 'courses'), join(dir, 'content', 'courses'), { recursive: true });
  writeFileSync(join(dir, 'content', 'roster.csv'), ROSTER);
  lrs = await startLrs({ dataDir: join(dir, 'lrs'), port: 0, log: () => undefined });
  const key = await lrs.createKey(['all'], 'report-cli');
  auth = `${key.key}:${key.secret}`;
  const basic = `Basic ${Buffer.from(auth).toString('base64')}`;
  const post = async (body: unknown): Promise<void> => {
    const res = await fetch(`${lrs.url}/statements`, {
      method: 'POST',
      headers: { authorization: basic, 'x-experience-api-version': '1.0.3', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
  };
  const ids = ['1', '2', '3'].map((n) => `00000000-0000-4000-8000-00000000000${n}`);
  await post(ids.map((id, i) => statement(id, 'completed', { id: `${MODULE_IRI}/m${i}` })));
  // Two of the three are voided, by two voiding statements.
  await post(
    ids.slice(0, 2).map((id, i) =>
      statement(`00000000-0000-4000-8000-00000000010${i}`, 'voided', { objectType: 'StatementRef', id }),
    ),
  );
}, 60_000);

afterAll(async () => {
  await lrs?.close();
  rmSync(dir, { recursive: true, force: true });
});

const common = (): string[] => ['--auth', auth, '--year', '2026', '--format', 'json'];

describe('report offline and the cache', () => {
  it('reads the kept statements offline whatever the spelling of the endpoint, and keeps the cache whole', async () => {
    const cache = join(dir, 'cache-a');
    const pulled = await run(['report', '--lrs', `${lrs.url}/`, ...common(), '--cache', cache, '--out', join(dir, 'out-a')]);
    expect(pulled.code).toBe(0);
    const online = JSON.parse(readFileSync(join(dir, 'out-a', 'bao-cao.json'), 'utf8')) as { statementsRead: number };
    expect(online.statementsRead).toBeGreaterThan(0);
    const offline = await run(['report', '--offline', '--lrs', lrs.url, ...common(), '--cache', cache, '--out', join(dir, 'out-b')]);
    expect(offline.err).toBe('');
    expect(offline.code).toBe(0);
    const again = JSON.parse(readFileSync(join(dir, 'out-b', 'bao-cao.json'), 'utf8')) as { statementsRead: number };
    expect(again.statementsRead).toBe(online.statementsRead);
    // And once more the first way: nothing was emptied by the other spelling.
    const third = await run(['report', '--offline', '--lrs', `${lrs.url}/`, ...common(), '--cache', cache, '--out', join(dir, 'out-c')]);
    expect(third.code).toBe(0);
    expect((JSON.parse(readFileSync(join(dir, 'out-c', 'bao-cao.json'), 'utf8')) as { statementsRead: number }).statementsRead).toBe(
      online.statementsRead,
    );
  });

  it('refuses an offline run with no kept statements for that LRS (exit 3, no report)', async () => {
    const r = await run(['report', '--offline', '--lrs', 'http://127.0.0.1:9/xapi', ...common(), '--cache', join(dir, 'cache-none'), '--out', join(dir, 'out-none')]);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/Chưa lưu bản ghi nào của http:\/\/127\.0\.0\.1:9\/xapi/);
    expect(() => statSync(join(dir, 'out-none', 'bao-cao.json'))).toThrow();
  });

  it('counts both voided statements', async () => {
    const r = await run(['report', '--lrs', lrs.url, ...common(), '--cache', join(dir, 'cache-v'), '--out', join(dir, 'out-v')]);
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'out-v', 'bao-cao.json'), 'utf8')) as { statementsVoided: number };
    expect(report.statementsVoided).toBe(2);
  });
});

/** A port nothing listens on: bound once by the system, then released. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

describe('report says what happened with the LRS', () => {
  it('tells a wrong key at once, without retrying (exit 3)', async () => {
    const started = Date.now();
    const r = await run(['report', '--lrs', lrs.url, '--auth', 'wrong:key', '--year', '2026', '--cache', join(dir, 'cache-401'), '--out', join(dir, 'out-401')]);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/sai khóa hoặc mật khẩu \(HTTP 401\)/);
    expect(r.err).not.toMatch(/không trả lời|đã thử|\n\s+at /);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('tells a refused connection from a host that cannot be found, without a stack trace', async () => {
    const started = Date.now();
    const port = await freePort();
    const refused = await run(['report', '--lrs', `http://127.0.0.1:${port}/xapi`, '--lang', 'en', '--year', '2026', '--cache', join(dir, 'cache-r')]);
    expect(refused.code).toBe(3);
    expect(refused.err).toMatch(/refused the connection: nothing listens on that port/);
    expect(refused.err).not.toMatch(/\n\s+at /);
    const unknown = await run(['report', '--lrs', 'http://lrs.khong-co.invalid/xapi', '--year', '2026', '--cache', join(dir, 'cache-u')]);
    expect(unknown.code).toBe(3);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(unknown.err).toMatch(/Không tìm thấy máy chủ LRS http:\/\/lrs\.khong-co\.invalid\/xapi\//);
  }, 60_000);

  it('tells a timeout apart', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/xapi`;
      const failure = await pull(new FactCache(join(dir, 'cache-t')), { endpoint: url, timeoutMs: 200, retries: 1, backoffMs: 5 }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(PullError);
      expect((failure as PullError).kind).toBe('timeout');
      expect((failure as PullError).describe('vi')).toMatch(/không trả lời trong thời hạn chờ \(đã thử 2 lần\)/);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });
});

describe('report usage errors (exit 2)', () => {
  it.each([
    [['--bogus'], /Không có tùy chọn --bogus/],
    [['--from', '2026-02-30'], /--from 2026-02-30: không phải một ngày có thật/],
    [['--from', '2026-07-01', '--to', '2026-03-01'], /--from 2026-07-01 sau --to 2026-03-01/],
    [['--lang', 'fr'], /--lang fr: chỉ có vi hoặc en/],
    [['--year', '26'], /--year 26/],
  ])('%j', async (extra, message) => {
    const r = await run(['report', '--lrs', lrs.url, ...extra]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it('documents the endpoint variable, Vietnam time, the custom period and the exit codes in --help', async () => {
    for (const lang of ['vi', 'en']) {
      const r = await run(['report', '--help', '--lang', lang]);
      expect(r.code).toBe(0);
      expect(r.out).toContain('BOIDUONG_LRS_ENDPOINT');
      expect(r.out).toMatch(lang === 'vi' ? /giờ Việt Nam \(UTC\+7\)/ : /Vietnam time \(UTC\+7\)/);
      expect(r.out).toMatch(lang === 'vi' ? /tỷ lệ số ngày của kỳ/ : /prorates the annual minimum/);
      expect(r.out).toMatch(lang === 'vi' ? /Mã thoát: 0[\s\S]*2 sai cách dùng[\s\S]*3 lỗi LRS/ : /Exit codes: 0[\s\S]*2 usage[\s\S]*3 the LRS failed/);
    }
  });
});

describe('report and a roster saved on an office PC', () => {
  it('stops at the roster line that is not UTF-8 (exit 1) and says how to save it', async () => {
    const roster = join(dir, 'roster-1258.csv');
    writeFileSync(roster, Buffer.concat([Buffer.from(`${ROSTER.split('\n')[0]}\r\n`), Buffer.from('hv001,Nguy\xd2n V\xe3n An,bi-thu-dang-uy-xa,X\xe3 A,cao-cap,1972,nam\r\n', 'latin1')]));
    const r = await run(['report', '--lrs', lrs.url, ...common(), '--roster', roster, '--cache', join(dir, 'cache-enc'), '--out', join(dir, 'out-enc')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/roster-1258\.csv:2:1 {2}lỗi: Tệp không phải UTF-8.*CSV UTF-8/);
  });
});
