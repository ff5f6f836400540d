/**
 * `boiduong moodle pull` against answers recorded from a real Moodle 4.5.6 (replayed on
 * 127.0.0.1), into the project's LRS over HTTP, then `boiduong report` over that LRS: the
 * trainees' modules, marks and tiết as Moodle stored them. Error cases replay Moodle's own
 * answers (invalidtoken, nopermissions, accessexception) or meet a refused port / a hung server.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { parseCsv } from '../../src/core/csv.js';
import { startLrs, type RunningLrs } from '../../src/lrs/index.js';
import { repoRoot } from '../e2e/harness/index.js';
import { recording, startReplay, type Replay } from './replay.js';

const ROSTER_BY_USERNAME = `id,ho_ten,chuc_danh,don_vi,trinh_do_llct
hv01,Nguyễn Văn A,bi-thu-dang-uy-xa,Xã Sơn Kim 1,cao-cap
hv02,Trần Thị B,bi-thu-dang-uy-xa,Xã Sơn Kim 1,cao-cap
`;
const ROSTER_BY_IDNUMBER = ROSTER_BY_USERNAME.replace('hv01,', 'BD-001,').replace('hv02,', 'BD-002,');

let root: string;
let content: string;
let lrs: RunningLrs;
let auth: string;
let replay: Replay | undefined;

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), cwd: root });
  return { code, out, err };
}

const pullArgs = (url: string, ...more: string[]): string[] =>
  ['moodle', 'pull', '--url', url, '--token', 'recorded-token', '--lrs', lrs.url, '--auth', auth, '--content', content, ...more];

async function storedStatements(): Promise<Record<string, unknown>[]> {
  const res = await fetch(`${lrs.url}/statements?limit=1000`, {
    headers: { authorization: `Basic ${Buffer.from(auth).toString('base64')}`, 'x-experience-api-version': '1.0.3' },
  });
  return ((await res.json()) as { statements: Record<string, unknown>[] }).statements;
}

async function report(tag: string): Promise<{ learners: { learner: { id: string }; courses: { modulesCompleted: number; mark?: number }[] }[]; csv: string[][] }> {
  const out = path.join(root, `report-${tag}`);
  const r = await run(['report', '--lrs', lrs.url, '--auth', auth, '--content', content, '--year', '2026', '--out', out, '--cache', path.join(root, `cache-${tag}`)]);
  expect(r.code, r.err).toBe(0);
  const json = JSON.parse(readFileSync(path.join(out, 'bao-cao.json'), 'utf8'));
  return { learners: json.learners, csv: parseCsv(readFileSync(path.join(out, 'hoc-vien.csv'), 'utf8')).map((row) => row.fields) };
}

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'bd-moodle-pull-'));
  content = path.join(root, 'content');
  cpSync(path.join(repoRoot, 'content', 'taxonomy'), path.join(content, 'taxonomy'), { recursive: true });
  mkdirSync(path.join(content, 'courses'), { recursive: true });
  cpSync(path.join(repoRoot, 'test', 'formats', 'fixtures', 'graded'), path.join(content, 'courses', 'khoa-thu-cham-diem'), { recursive: true });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeEach(async () => {
  writeFileSync(path.join(content, 'roster.csv'), ROSTER_BY_USERNAME);
  lrs = await startLrs({ dataDir: mkdtempSync(path.join(root, 'lrs-')), port: 0, origins: ['*'], log: () => undefined });
  const key = await lrs.createKey(['all'], 'moodle-pull-test');
  auth = `${key.key}:${key.secret}`;
});
afterEach(async () => {
  await replay?.close();
  replay = undefined;
  await lrs.close();
});

describe('moodle pull, replaying Moodle 4.5.6', () => {
  it('the recordings are real Moodle answers with the token replaced', () => {
    for (const name of ['pull', 'invalidtoken', 'nopermissions', 'nopermissions-course', 'accessexception']) {
      const r = recording(name);
      expect(r.recordedFrom).toMatch(/^Moodle 4\.5\.6/);
      for (const e of r.exchanges) expect(e.request.body['wstoken']).toBe('<TOKEN>');
    }
  });

  it('writes what trainees did in Moodle, and the report shows their modules, marks and tiết', async () => {
    replay = await startReplay('pull');
    const pulled = await run(pullArgs(replay.url));
    expect(pulled.code, pulled.err).toBe(0);
    expect(replay.tokens).toEqual(new Set(['recorded-token']));
    expect(pulled.out).toContain('Moodle 4.5.6 (Build: 20250811) (http://127.0.0.1:8610): 1 khóa học, 6 hoạt động SCORM, 7 lần làm bài, 40 bản ghi xAPI');
    // The whole-course sample packages in that Moodle are not in this content folder.
    expect(pulled.err).toContain('Bỏ qua hoạt động SCORM không thuộc nội dung: BDX SCORM 2004 (gốc) (cmid 4)');

    const statements = await storedStatements();
    expect(statements).toHaveLength(40);
    const passed = statements.find(
      (s) => (s['verb'] as { id: string }).id.endsWith('/passed') && (s['actor'] as { account: { name: string } }).account.name === 'hv02',
    )!;
    expect(passed).toMatchObject({
      actor: { account: { homePage: 'http://127.0.0.1:8610', name: 'hv02' } },
      object: { id: 'https://daotao.example.gov.vn/xapi/courses/khoa-thu-cham-diem/modules/kiem-tra-hoa-giai' },
      result: { success: true, score: { scaled: 1 } },
      context: { platform: 'Moodle 4.5.6 (Build: 20250811)', contextActivities: { parent: [{ id: 'https://daotao.example.gov.vn/xapi/courses/khoa-thu-cham-diem' }] } },
    });
    expect((passed['result'] as { duration?: string }).duration).toMatch(/^PT/);

    const { learners, csv } = await report('first');
    const course = (id: string) => learners.find((l) => l.learner.id === id)!.courses[0]!;
    // hv01: module 1 read in the whole-course 2004 package; module 2's 10/10 there was lost to
    // Moodle's Initialize 104 (before the fix), so the best stored mark is the split package's 5/10.
    expect(course('hv01')).toMatchObject({ course: 'khoa-thu-cham-diem', modulesCompleted: 2, modulesTotal: 2, mark: 5 });
    expect(course('hv02')).toMatchObject({ course: 'khoa-thu-cham-diem', modulesCompleted: 2, modulesTotal: 2, mark: 10 });
    const row = (id: string) => csv.find((r) => r[0] === id)!;
    expect(row('hv01')[5]).toBe('2'); // tiết: two modules of 1 tiết each
    expect(row('hv02')[5]).toBe('2');

    // A second run reads the same tracks and adds nothing.
    await replay.close();
    replay = await startReplay('pull');
    expect((await run(pullArgs(replay.url))).code).toBe(0);
    expect(await storedStatements()).toHaveLength(40);
  }, 60_000);

  it('matches the roster by Moodle idnumber with --match idnumber, and --course limits the courses', async () => {
    writeFileSync(path.join(content, 'roster.csv'), ROSTER_BY_IDNUMBER);
    replay = await startReplay('pull');
    const pulled = await run(pullArgs(replay.url, '--match', 'idnumber', '--course', '2'));
    expect(pulled.code, pulled.err).toBe(0);
    expect(replay.calls).not.toContain('core_course_get_courses');
    const { learners } = await report('idnumber');
    expect(learners.find((l) => l.learner.id === 'BD-001')!.courses[0]).toMatchObject({ modulesCompleted: 2, mark: 5 });
    expect(learners.find((l) => l.learner.id === 'BD-002')!.courses[0]).toMatchObject({ modulesCompleted: 2, mark: 10 });
  }, 60_000);

  it('a run cut short writes only fully read sets, and the next run completes it without doubles', async () => {
    replay = await startReplay('pull', { failFrom: 20 });
    const cut = await run(pullArgs(replay.url));
    expect(cut.code).toBe(5);
    expect(cut.err).toContain('Không kết nối được tới Moodle');
    expect(cut.err).toMatch(/Đã dừng sau khi ghi (\d+) bản ghi/);
    const partial = await storedStatements();
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(40);
    await replay.close();
    replay = await startReplay('pull');
    expect((await run(pullArgs(replay.url))).code).toBe(0);
    expect(await storedStatements()).toHaveLength(40);
  }, 60_000);
});

describe('moodle pull errors', () => {
  it("Moodle's invalidtoken: exit 3, an actionable message, nothing written", async () => {
    replay = await startReplay('invalidtoken');
    const r = await run(pullArgs(replay.url));
    expect(r.code).toBe(3);
    expect(r.err).toContain('Moodle không chấp nhận token');
    expect(r.err).toContain('core_webservice_get_site_info: invalidtoken — Invalid token - token not found');
    expect(r.err).toContain('Chưa ghi gì vào LRS.');
    expect(await storedStatements()).toEqual([]);
  });

  it('in English with --lang en', async () => {
    replay = await startReplay('invalidtoken');
    const r = await run([...pullArgs(replay.url), '--lang', 'en']);
    expect(r.code).toBe(3);
    expect(r.err).toContain('Moodle rejected the token');
    expect(r.err).toContain('Nothing was written to the LRS.');
  });

  it.each([
    ['nopermissions', [], 'core_course_get_courses: nopermissions'],
    ['nopermissions-course', ['--course', '2'], 'mod_scorm_get_scorm_attempt_count: nopermissions'],
    ['accessexception', [], 'core_webservice_get_site_info: accessexception'],
  ])("Moodle's %s: exit 4, which permission to give, nothing written", async (name, more, detail) => {
    replay = await startReplay(name);
    const r = await run(pullArgs(replay.url, ...more));
    expect(r.code).toBe(4);
    expect(r.err).toContain('Người dùng của token thiếu quyền');
    expect(r.err).toContain(detail);
    expect(await storedStatements()).toEqual([]);
  });

  it('a refused port: exit 5', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const r = await run(pullArgs(`http://127.0.0.1:${port}`));
    expect(r.code).toBe(5);
    expect(r.err).toContain('ECONNREFUSED');
    expect(r.err).toContain('Chưa ghi gì vào LRS.');
  });

  it('a Moodle that never answers: exit 5 after --timeout', async () => {
    const sockets: import('node:net').Socket[] = [];
    const hung = createServer((socket) => void sockets.push(socket)).listen(0, '127.0.0.1');
    await new Promise((r) => hung.once('listening', r));
    try {
      const r = await run(pullArgs(`http://127.0.0.1:${(hung.address() as { port: number }).port}`, '--timeout', '0.5'));
      expect(r.code).toBe(5);
      expect(r.err).toContain('timeout');
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((r) => hung.close(r));
    }
  });
});
