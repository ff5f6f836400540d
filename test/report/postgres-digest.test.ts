/**
 * A report computed inside PostgreSQL (`boiduong report --pg`) is the report the pull over xAPI
 * gives, on the same statements: the player's statements of the sample course for the sample
 * roster over two years, failed then passed attempts, completed and passed in the same
 * millisecond, unfinished sittings, a class held in person, voided statements, actors not on
 * the roster, a statement at 23:30 on 31/12 Vietnam time, two nodes committing out of seq order.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { PoolClient } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { parseRoster, type Learner, type Statement } from '../../src/core/index.js';
import { openReportDigest, startLrs, type RunningLrs } from '../../src/lrs/index.js';
import { dropSchema } from '../../src/lrs/store/postgres/index.js';
import { writerApplicationName } from '../../src/lrs/store/postgres/horizon.js';
import { ensureMonths } from '../../src/lrs/store/postgres/partitions.js';
import { reportFactsStep } from '../../src/lrs/store/postgres/report-facts.js';
import { buildReport, buildReportFromDigest, catalogueOf, FactCache, pull, type CatalogueCourse, type ComplianceReport, type ReportInput } from '../../src/report/index.js';
import { classStatements } from '../../src/report/classes/index.js';
import { repoRoot } from '../e2e/harness/index.js';
import { PG_URL, freshSchemaName } from '../lrs/contract/postgres-fixture.js';
import { readTestCourse } from '../support/course.js';
import { accountAgent, idMaker, random, sitting } from '../support/player-statements.js';
import type { Taxonomy } from '../../src/core/index.js';

const schema = freshSchemaName();
let dir: string;
let lrs: RunningLrs;
let auth: string;
let taxonomy: Taxonomy;
let catalogue: CatalogueCourse[];
let roster: Learner[];

const VIETNAM_MS = 7 * 3600_000;
const at = (day: string, hour: number): number => Date.parse(`${day}T00:00:00Z`) - VIETNAM_MS + hour * 3600_000;

/** Two years of the sample course for the sample roster, as the player sends them. */
function campaign(): { statements: Statement[]; voidable: string[] } {
  const rnd = random(18);
  const nextId = idMaker(0x18f0c7);
  const course = catalogue.find((c) => c.id === 'boi-duong-bi-thu-dang-uy-xa')!;
  const statements: Statement[] = [];
  const voidable: string[] = [];
  const actors = [...roster.map((l) => accountAgent(l.id, l.name)), accountAgent('khach-01', 'Khách'), accountAgent('khach-02', 'Khách 2')];
  for (const actor of actors) {
    for (const year of [2025, 2026]) {
      for (const m of course.modules) {
        if (rnd() < 0.25) continue;
        const attempts = 1 + Math.floor(rnd() * 3);
        for (let a = 0; a < attempts; a++) {
          const day = `${year}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
          const unfinished = rnd() < 0.15;
          const mark = Math.round((a === attempts - 1 ? 4 + rnd() * 6 : rnd() * 6) * 10) / 10;
          const s = sitting({
            actor,
            module: { courseActivityId: course.activityId, courseTitle: course.title, activityId: m.activityId, title: m.title, graded: m.graded },
            start: at(day, 8 + Math.floor(rnd() * 12)),
            pages: 3,
            questions: m.graded ? 4 : 0,
            ...(unfinished ? {} : { mark }),
            pass: m.pass,
            nextId,
          });
          statements.push(...s);
          for (const x of s) if (/completed|passed/.test(x.verb.id) && x.object.id === m.activityId && rnd() < 0.08) voidable.push(x.id);
        }
      }
    }
  }
  // The last evening of 2025 in Vietnam: 2025's report counts it, 2026's does not.
  const lateModule = course.modules[0]!;
  statements.push(
    ...sitting({
      actor: accountAgent(roster[0]!.id, roster[0]!.name),
      module: { courseActivityId: course.activityId, courseTitle: course.title, activityId: lateModule.activityId, title: lateModule.title, graded: lateModule.graded },
      start: at('2025-12-31', 23) + 30 * 60_000 - 5 * 20_000,
      pages: 1,
      questions: 0,
      mark: 9,
      pass: 5,
      nextId,
    }),
  );
  return { statements, voidable };
}

function classHeld(): Record<string, unknown>[] {
  const course = catalogue.find((c) => c.id === 'boi-duong-bi-thu-dang-uy-xa')!;
  const record = {
    id: 'lop-boi-duong-2026-04',
    title: 'Lớp bồi dưỡng tháng 4/2026',
    course,
    modules: course.modules.slice(0, 2).map((m) => m.id),
    from: '2026-04-06',
    to: '2026-04-10',
    place: 'Hội trường Trung tâm Chính trị',
    organiser: 'Trung tâm Chính trị huyện',
    periods: 16,
    sessions: 5,
    sessionsNeeded: 4,
    pass: 5,
    homePage: 'https://daotao.example.vn',
  };
  const rows = roster.slice(0, 8).map((l, i) => ({ line: i + 2, id: l.id, sessions: 3 + (i % 3), ...(i % 2 === 0 ? { mark: 3 + i } : {}) }));
  const made = classStatements(record, rows, roster, 'lop.csv');
  expect(made.diagnostics).toEqual([]);
  return made.statements;
}

/**
 * Two nodes committing in the same millisecond: the transaction that took the later stamp
 * inserted first, so its statement has the lower seq. A pull reads (stored, seq); so must the
 * digest. Both complete the same module at the same timestamp: which one the report names as
 * evidence is the tie-break. Written as the writer writes (statement-writer.ts): a writer's
 * connection, stamps in µs from the database clock inside the transaction, so the consistency
 * horizon (and the rollup's fold behind it) waits for it like for any writer.
 */
async function commitsRacing(): Promise<void> {
  const course = catalogue.find((c) => c.id === 'boi-duong-bi-thu-dang-uy-xa')!;
  const learner = roster[1]!;
  const nextId = idMaker(0x2ace);
  const client = new pg.Client({ connectionString: PG_URL, application_name: writerApplicationName(schema) });
  await client.connect();
  try {
    await client.query(`SET search_path TO ${schema}`);
    await client.query('BEGIN');
    const { rows } = await client.query<{ us: string }>('SELECT (extract(epoch FROM greatest(clock_timestamp(), transaction_timestamp())) * 1000000)::bigint AS us');
    // Both in one millisecond: the first and second microsecond after the next whole one.
    const ms = BigInt(rows[0]!.us) / 1000n + 1n;
    await ensureMonths(client as unknown as PoolClient, [new Date(Number(ms)).toISOString().slice(0, 7)]);
    // Inserted in this order: the later stamp first.
    for (const us of [ms * 1000n + 2n, ms * 1000n + 1n]) {
      const id = nextId();
      const statement = {
        id,
        actor: accountAgent(learner.id, learner.name),
        verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { vi: 'đã hoàn thành' } },
        object: { objectType: 'Activity', id: course.modules[0]!.activityId },
        result: { completion: true },
        timestamp: '2025-01-01T00:00:00.000Z',
        stored: new Date(Number(ms)).toISOString(),
        authority: { objectType: 'Agent', account: { homePage: 'https://daotao.example.vn', name: 'lrs' } },
        version: '1.0.3',
      };
      await client.query(
        `WITH ins AS (INSERT INTO statements (stored, id, verb_id, body) VALUES (timestamptz 'epoch' + $1::bigint * interval '1 microsecond', $2, $3, $4) RETURNING stored, seq, id)
         INSERT INTO statement_ids (id, stored, seq) SELECT id, stored, seq FROM ins`,
        [String(us), id, statement.verb.id, JSON.stringify(statement)],
      );
      const facts = reportFactsStep([{ body: JSON.stringify(statement) }])!;
      await client.query(facts.sql, facts.params as unknown[]);
    }
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

async function post(body: unknown[]): Promise<void> {
  const res = await fetch(`${lrs.url}/statements`, {
    method: 'POST',
    headers: { authorization: auth, 'x-experience-api-version': '1.0.3', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bd-report-pg-'));
  const sample = await readTestCourse(join(repoRoot, 'content', 'courses', 'boi-duong-bi-thu-dang-uy-xa'));
  taxonomy = sample.taxonomy;
  catalogue = catalogueOf([sample.course]);
  roster = parseRoster(readFileSync(join(repoRoot, 'content', 'roster.csv'), 'utf8'), 'roster.csv').learners;
  lrs = await startLrs({ port: 0, dataDir: join(dir, 'lrs'), log: () => undefined, store: 'postgres', pg: PG_URL, pgSchema: schema });
  const key = await lrs.createKey(['all'], 'report-pg');
  auth = `Basic ${Buffer.from(`${key.key}:${key.secret}`).toString('base64')}`;
  const { statements, voidable } = campaign();
  const all: unknown[] = [...statements, ...classHeld()];
  for (let i = 0; i < all.length; i += 100) await post(all.slice(i, i + 100));
  const nextId = idMaker(0x7f0d);
  await post(
    voidable.map((id) => ({
      id: nextId(),
      actor: { objectType: 'Agent', account: { homePage: 'https://daotao.example.vn', name: 'can-bo-to-chuc' } },
      verb: { id: 'http://adlnet.gov/expapi/verbs/voided', display: { vi: 'đã hủy' } },
      object: { objectType: 'StatementRef', id },
    })),
  );
  await commitsRacing();
}, 120_000);

afterAll(async () => {
  await lrs?.close();
  await dropSchema(PG_URL, schema);
  rmSync(dir, { recursive: true, force: true });
});

const generatedAt = '2026-12-31T10:00:00.000Z';

async function pulledReport(input: ReportInput): Promise<ComplianceReport> {
  const cache = new FactCache(mkdtempSync(join(dir, 'cache-')));
  const { state } = await pull(cache, { endpoint: lrs.url, auth, pageSize: 300 });
  return buildReport(cache.facts(state), { ...input, voided: new Set(state.voided) });
}

async function reportInPostgres(input: ReportInput): Promise<ComplianceReport> {
  const modules = input.catalogue.flatMap((c) => c.modules.map((m) => m.activityId));
  const digest = await openReportDigest({ connectionString: PG_URL, schema }, { ...input.period, modules, batch: 97 });
  try {
    return await buildReportFromDigest(digest, input);
  } finally {
    await digest.close();
  }
}

describe('a report computed in PostgreSQL', () => {
  for (const period of [
    { from: '2025-01-01', to: '2025-12-31' },
    { from: '2026-01-01', to: '2026-12-31' },
    { from: '2026-07-01', to: '2026-12-31' },
  ]) {
    it(`equals the report over pulled statements, ${period.from}..${period.to}`, async () => {
      const input: ReportInput = { roster, taxonomy, catalogue, period, generatedAt };
      const [pulled, computed] = [await pulledReport(input), await reportInPostgres(input)];
      // Not an empty comparison: the figures the test is about are there.
      expect(pulled.statementsVoided).toBeGreaterThan(5);
      expect(pulled.unknownActors.map((a) => a.actor)).toEqual(['khach-01', 'khach-02']);
      expect(pulled.total.certificates).toBeGreaterThan(0);
      expect(pulled.total.periodsTotal).toBeGreaterThan(0);
      expect(Object.keys(pulled.total.grades).length).toBeGreaterThan(1);
      if (period.from === '2026-01-01') expect(pulled.total.classes).toBe(1);
      expect(computed).toEqual(pulled);
    });
  }

  it('is what `boiduong report --pg --unknown-actors` writes, and what `--lrs` writes; `--pg` alone reads the roster only', async () => {
    const work = mkdtempSync(join(dir, 'cli-'));
    cpSync(join(repoRoot, 'content', 'taxonomy'), join(work, 'content', 'taxonomy'), { recursive: true });
    cpSync(join(repoRoot, 'content', 'courses'), join(work, 'content', 'courses'), { recursive: true });
    cpSync(join(repoRoot, 'content', 'roster.csv'), join(work, 'content', 'roster.csv'));
    const run = async (argv: string[]): Promise<{ code: number; out: string; err: string }> => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t), cwd: work });
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    const common = ['report', '--year', '2026', '--format', 'json'];
    const viaPg = await run([...common, '--pg', PG_URL, '--pg-schema', schema, '--unknown-actors', '--out', 'pg']);
    expect(viaPg.err).not.toContain('PostgreSQL');
    expect(viaPg.code).toBe(0);
    const viaLrs = await run([...common, '--lrs', lrs.url, '--auth', Buffer.from(auth.slice(6), 'base64').toString(), '--out', 'lrs']);
    expect(viaLrs.code).toBe(0);
    const read = (out: string): Omit<ComplianceReport, 'generatedAt'> => {
      const { generatedAt: _at, ...rest } = JSON.parse(readFileSync(join(work, out, 'bao-cao.json'), 'utf8')) as ComplianceReport;
      return rest;
    };
    expect(read('pg')).toEqual(read('lrs'));
    expect(viaPg.out.split('\n')[0]).toBe(viaLrs.out.split('\n')[0]);
    // Without --unknown-actors only the roster's learners are read, and the report says so.
    const rosterOnly = await run(['report', '--year', '2026', '--format', 'json,html', '--pg', PG_URL, '--pg-schema', schema, '--out', 'roster']);
    expect(rosterOnly.code).toBe(0);
    const { unknownActors, rosterOnly: flag, statementsRead, statementsVoided, ...figures } = read('roster');
    const { unknownActors: all, statementsRead: allRead, statementsVoided: _v, ...pulledFigures } = read('lrs');
    expect(figures).toEqual(pulledFigures);
    expect([unknownActors, flag]).toEqual([[], true]);
    expect(all.length).toBe(2);
    expect(allRead - statementsRead).toBeGreaterThanOrEqual(all.reduce((n, a) => n + a.statements, 0));
    expect(statementsVoided).toBeGreaterThan(0);
    expect(readFileSync(join(work, 'roster', 'bao-cao.html'), 'utf8')).toContain('chỉ đọc bản ghi của học viên có trong danh sách');
  });

  it('takes --pg or --lrs, not both, and --pg-schema only with --pg', async () => {
    const run = async (argv: string[]): Promise<{ code: number; err: string }> => {
      const err: string[] = [];
      const code = await main(argv, { out: () => undefined, err: (t) => err.push(t), cwd: dir });
      return { code, err: err.join('\n') };
    };
    const both = await run(['report', '--pg', PG_URL, '--lrs', lrs.url]);
    expect(both.code).toBe(2);
    expect(both.err).toContain('--pg đã thay cho --lrs');
    const schemaAlone = await run(['report', '--lrs', lrs.url, '--pg-schema', schema, '--lang', 'en']);
    expect(schemaAlone.code).toBe(2);
    expect(schemaAlone.err).toContain('--pg-schema needs --pg');
  });

  it('names the database and what to check when PostgreSQL refuses', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['report', '--year', '2026', '--pg', 'postgres://bd:secret@127.0.0.1:1/x', '--content', join(repoRoot, 'content'), '--out', join(dir, 'none')], {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      cwd: dir,
    });
    expect(code).toBe(3);
    expect(err.join('\n')).toContain('PostgreSQL ở postgres://bd:***@127.0.0.1:1/x báo lỗi');
    expect(err.join('\n')).not.toContain('secret');
  });
});
