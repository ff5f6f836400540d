/**
 * `boiduong report` as an officer runs it: against the embedded LRS over HTTP, then offline,
 * with the endpoint spelled either way, with wrong keys, dead hosts and bad options.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
