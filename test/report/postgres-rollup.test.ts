/**
 * A report computed in PostgreSQL from the rollup (report_rollup, folded off the insert path)
 * is the report the pull over xAPI gives, whatever the fold has reached and whichever modules
 * have rows of their own yet (none, some, all): partly folded, voids
 * posted before and after their targets were folded, a statement arriving after its voider, a
 * learner erased and a month dropped by retention after folding. And with the roster filter
 * (the default of `--pg`), the report reads only the roster's learners in a store that holds
 * many others: the same figures, their own counts, no stranger listed.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { PoolClient } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { parseRoster, type Learner, type Statement, type Taxonomy } from '../../src/core/index.js';
import { openReportDigest, startLrs, type RunningLrs } from '../../src/lrs/index.js';
import { dropSchema } from '../../src/lrs/store/postgres/index.js';
import { ensureMonths } from '../../src/lrs/store/postgres/partitions.js';
import { reportFactsStep } from '../../src/lrs/store/postgres/report-facts.js';
import { foldRollupUntil, registerReportObjectsIn } from '../../src/lrs/store/postgres/report-rollup.js';
import { buildReport, buildReportFromDigest, catalogueOf, FactCache, pull, type CatalogueCourse, type ComplianceReport, type ReportInput, type StatementFact } from '../../src/report/index.js';
import { repoRoot } from '../e2e/harness/index.js';
import { PG_URL, freshSchemaName } from '../lrs/contract/postgres-fixture.js';
import { readTestCourse } from '../support/course.js';
import { accountAgent, idMaker, random, sitting } from '../support/player-statements.js';

const schema = freshSchemaName();
const HOME = 'https://daotao.example.vn';
const VOIDED = 'http://adlnet.gov/expapi/verbs/voided';
let dir: string;
let lrs: RunningLrs;
let auth: string;
let taxonomy: Taxonomy;
let catalogue: CatalogueCourse[];
let course: CatalogueCourse;
let roster: Learner[];
/** Holds the fold's lock for the whole test, so the LRS's own timer never folds: the test decides. */
let folder: pg.Client;
const rnd = random(0x7011);
const nextId = idMaker(0x7011);
const year = new Date().getUTCFullYear();
const period = { from: `${year}-01-01`, to: `${year}-12-31` };
const generatedAt = `${year}-12-31T10:00:00.000Z`;
/** Statement id → actor key, to know whose statements a void hits. */
const actorOf = new Map<string, string>();

/** Sittings of every module for these learners: failed and passed attempts, unfinished ones. */
function sittings(learners: readonly { id: string; name: string }[], from: number, days: number): Statement[] {
  const out: Statement[] = [];
  for (const l of learners) {
    for (const m of course.modules) {
      if (rnd() < 0.2) continue;
      for (let a = 0, n = 1 + Math.floor(rnd() * 2); a < n; a++) {
        const s = sitting({
          actor: accountAgent(l.id, l.name),
          module: { courseActivityId: course.activityId, courseTitle: course.title, activityId: m.activityId, title: m.title, graded: m.graded },
          start: from + Math.floor(rnd() * days) * 86_400_000 + Math.floor(rnd() * 12) * 3_600_000,
          pages: 2,
          questions: m.graded ? 2 : 0,
          ...(rnd() < 0.15 ? {} : { mark: Math.round((a === n - 1 ? 4 + rnd() * 6 : rnd() * 6) * 10) / 10 }),
          pass: m.pass,
          nextId,
        });
        for (const x of s) actorOf.set(x.id, l.id);
        out.push(...s);
      }
    }
  }
  return out;
}

const strangers = Array.from({ length: 40 }, (_, i) => ({ id: `tinh-khac-${String(i).padStart(3, '0')}`, name: `Học viên tỉnh khác ${i}` }));

const voider = (target: string): Record<string, unknown> => ({
  id: nextId(),
  actor: { objectType: 'Agent', account: { homePage: HOME, name: 'can-bo-to-chuc' } },
  verb: { id: VOIDED, display: { vi: 'đã hủy' } },
  object: { objectType: 'StatementRef', id: target },
});

async function post(body: unknown[]): Promise<void> {
  for (let i = 0; i < body.length; i += 200) {
    const res = await fetch(`${lrs.url}/statements`, {
      method: 'POST',
      headers: { authorization: auth, 'x-experience-api-version': '1.0.3', 'content-type': 'application/json' },
      body: JSON.stringify(body.slice(i, i + 200)),
    });
    expect(res.status, await res.clone().text()).toBe(200);
  }
}

/** Statements stored in a past month, written as the writer writes them (it stamps only "now"), with their facts. */
async function storedIn(month: string, statements: readonly Statement[]): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    await client.query('BEGIN');
    await ensureMonths(client as unknown as PoolClient, [month]);
    let i = 0;
    for (const s of statements) {
      const stored = new Date(Date.parse(`${month}-10T08:00:00.000Z`) + i++).toISOString();
      const body = JSON.stringify({ ...s, stored, authority: { objectType: 'Agent', account: { homePage: HOME, name: 'lrs' } }, version: '1.0.3' });
      const { rows } = await client.query<{ seq: string }>('INSERT INTO statements (stored, id, verb_id, body) VALUES ($1, $2, $3, $4) RETURNING seq', [stored, s.id, s.verb.id, body]);
      await client.query('INSERT INTO statement_ids (id, stored, seq) VALUES ($1, $2, $3)', [s.id, stored, rows[0]!.seq]);
      const agent = `account:${JSON.stringify([HOME, (s.actor as { account: { name: string } }).account.name])}`;
      await client.query('INSERT INTO statement_agents (stored, seq, agent_key, direct) VALUES ($1, $2, $3, true)', [stored, rows[0]!.seq, agent]);
      await client.query('INSERT INTO statement_activities (stored, seq, activity_id, direct) VALUES ($1, $2, $3, true)', [stored, rows[0]!.seq, s.object.id]);
      const facts = reportFactsStep([{ body }])!;
      await client.query(facts.sql, facts.params as unknown[]);
    }
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

/** Folds up to the newest stored statement (all acknowledged, so all committed). */
async function foldAll(): Promise<number> {
  const { rows } = await folder.query<{ top: string }>('SELECT max(stored)::text AS top FROM report_facts');
  return (await foldRollupUntil(folder as unknown as PoolClient, schema, rows[0]!.top)).facts;
}

/** Registers modules for rows of their own, holding the fold's lock as the test does. */
async function register(modules: readonly string[]): Promise<string[]> {
  await folder.query('BEGIN');
  const added = await registerReportObjectsIn(folder as unknown as PoolClient, schema, modules);
  await folder.query('COMMIT');
  return added;
}
const moduleRows = async (): Promise<number> => Number((await folder.query<{ n: string }>("SELECT count(*) AS n FROM report_rollup WHERE object <> ''")).rows[0]!.n);

const watermark = async (): Promise<string> => (await folder.query<{ w: string }>('SELECT watermark::text AS w FROM report_rollup_state')).rows[0]!.w;
const unfolded = async (): Promise<number> =>
  Number((await folder.query<{ n: string }>('SELECT count(*) AS n FROM report_facts WHERE stored > (SELECT watermark FROM report_rollup_state)')).rows[0]!.n);

async function pulled(): Promise<{ facts: StatementFact[]; voided: Set<string> }> {
  const cache = new FactCache(mkdtempSync(join(dir, 'cache-')));
  const { state } = await pull(cache, { endpoint: lrs.url, auth, pageSize: 500 });
  const facts: StatementFact[] = [];
  for await (const f of cache.facts(state)) facts.push(f);
  return { facts, voided: new Set(state.voided) };
}

const input = (): ReportInput => ({ roster, taxonomy, catalogue, period, generatedAt });

async function inPostgres(rosterOnly: boolean): Promise<ComplianceReport> {
  const modules = catalogue.flatMap((c) => c.modules.map((m) => m.activityId));
  const digest = await openReportDigest(
    { connectionString: PG_URL, schema },
    { ...period, modules, batch: 113, fold: false, ...(rosterOnly ? { roster: roster.map((l) => l.id) } : {}) },
  );
  try {
    return await buildReportFromDigest(digest, input());
  } finally {
    await digest.close();
  }
}

/** Both readings of the store against the pull: every actor, and the roster's learners only. */
async function expectSameAsPull(): Promise<ComplianceReport> {
  const p = await pulled();
  const everything = await buildReport(p.facts, { ...input(), voided: p.voided });
  expect(await inPostgres(false)).toEqual(everything);
  // The roster's own: the pull's figures over the roster's statements, voided ones of theirs counted.
  const theirs = await buildReport(p.facts.filter((f) => roster.some((l) => l.id === f.actor)), { ...input(), voided: p.voided });
  const { statementsVoided: _all, ...expected } = theirs;
  const { statementsVoided, rosterOnly, ...computed } = await inPostgres(true);
  expect(computed).toEqual(expected);
  expect(rosterOnly).toBe(true);
  expect(statementsVoided).toBe([...p.voided].filter((id) => roster.some((l) => l.id === actorOf.get(id))).length);
  return everything;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bd-report-rollup-'));
  const sample = await readTestCourse(join(repoRoot, 'content', 'courses', 'boi-duong-bi-thu-dang-uy-xa'));
  taxonomy = sample.taxonomy;
  catalogue = catalogueOf([sample.course]);
  course = catalogue.find((c) => c.id === 'boi-duong-bi-thu-dang-uy-xa')!;
  roster = parseRoster(readFileSync(join(repoRoot, 'content', 'roster.csv'), 'utf8'), 'roster.csv').learners;
  folder = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
  await folder.connect();
  await folder.query('SELECT pg_advisory_lock(hashtext($1))', [`boiduong-lrs-rollup:${schema}`]);
  lrs = await startLrs({ port: 0, dataDir: join(dir, 'lrs'), log: () => undefined, store: 'postgres', pg: PG_URL, pgSchema: schema });
  const key = await lrs.createKey(['all'], 'report-rollup');
  auth = `Basic ${Buffer.from(`${key.key}:${key.secret}`).toString('base64')}`;
}, 60_000);

afterAll(async () => {
  await folder?.end();
  await lrs?.close();
  await dropSchema(PG_URL, schema);
  rmSync(dir, { recursive: true, force: true });
});

describe('a report computed in PostgreSQL from the rollup', () => {
  const jan = Date.parse(`${year}-01-05T01:00:00Z`);
  let firstBatch: Statement[] = [];

  it('is the pulled report with the rollup partly folded, strangers many times the roster', async () => {
    // Three months ago: retention drops it at the end. Then the rest through the LRS.
    const back = new Date();
    back.setUTCMonth(back.getUTCMonth() - 3, 1);
    const oldMonth = back.toISOString().slice(0, 7);
    await storedIn(oldMonth, sittings(roster.slice(0, 6), jan, 20));
    firstBatch = sittings([...roster, ...strangers], jan + 30 * 86_400_000, 60);
    await post(firstBatch);
    expect(await foldAll()).toBeGreaterThan(1000);
    const folded = await watermark();
    await post(sittings([...roster.slice(0, 10), ...strangers.slice(0, 10)], jan + 120 * 86_400_000, 60));
    expect(await watermark()).toBe(folded);
    expect(await unfolded()).toBeGreaterThan(100);
    const report = await expectSameAsPull();
    expect(report.unknownActors.length).toBe(strangers.length);
    expect(report.total.certificates).toBeGreaterThan(0);
  });

  it('is the pulled report as the modules get rows of their own, some after the others', async () => {
    const modules = catalogue.flatMap((c) => c.modules.map((m) => m.activityId));
    expect(modules.length).toBeGreaterThan(2);
    expect(await moduleRows()).toBe(0);
    expect(await register(modules.slice(0, 2))).toEqual([...modules.slice(0, 2)].sort());
    expect(await moduleRows()).toBeGreaterThan(roster.length);
    await expectSameAsPull();
    expect(await register(modules)).toEqual([...modules.slice(2)].sort());
    await expectSameAsPull();
    // What the '' rows still hold is no module's.
    const { rows } = await folder.query<{ n: string }>(
      `SELECT count(*) AS n FROM report_rollup r CROSS JOIN LATERAL unnest(r.member_stored, r.member_seq) AS m(stored, seq)
       JOIN report_facts f ON f.stored = m.stored AND f.seq = m.seq WHERE r.object = '' AND f.object = ANY($1)`,
      [modules],
    );
    expect(rows[0]!.n).toBe('0');
  });

  it('is the pulled report with voids of folded statements before and after the voids are folded', async () => {
    // Module results, and answers to questions (which sit in the learners' '' rows).
    const targets = firstBatch.filter((s) => (/completed|passed/.test(s.verb.id) && rnd() < 0.3) || (/answered/.test(s.verb.id) && rnd() < 0.05)).map((s) => s.id);
    expect(targets.length).toBeGreaterThan(10);
    expect(firstBatch.filter((s) => targets.includes(s.id) && /answered/.test(s.verb.id)).length).toBeGreaterThan(3);
    await post(targets.map(voider));
    expect(await unfolded()).toBeGreaterThan(targets.length);
    await expectSameAsPull();
    await foldAll();
    expect(await unfolded()).toBe(0);
    await expectSameAsPull();
  });

  it('leaves out a statement that arrives after its voider, folded or not', async () => {
    const learner = roster[3]!;
    const late = sittings([learner], jan + 200 * 86_400_000, 1).filter((s) => /completed|passed/.test(s.verb.id));
    expect(late.length).toBeGreaterThan(0);
    await post(late.map((s) => voider(s.id)));
    await foldAll();
    await post(late);
    await expectSameAsPull();
    await foldAll();
    await expectSameAsPull();
  });

  it('is the pulled report after a learner is erased and a month dropped, both after folding', async () => {
    const gone = roster[2]!;
    const cli = async (...argv: string[]): Promise<number> => main(argv, { out: () => undefined, err: () => undefined, cwd: dir });
    const flags = ['--store', 'postgres', '--pg', PG_URL, '--pg-schema', schema];
    // Erasure waits for the fold's lock: the LRS may fold again from here, which changes nothing.
    await folder.query('SELECT pg_advisory_unlock(hashtext($1))', [`boiduong-lrs-rollup:${schema}`]);
    const before = await expectSameAsPull();
    expect(before.learners.find((l) => l.learner.id === gone.id)!.periodsCompleted).toBeGreaterThan(0);
    expect(await cli('lrs', 'erase', '--agent', JSON.stringify({ account: { homePage: HOME, name: gone.id } }), '--apply', ...flags)).toBe(0);
    // Their voided statements are gone with the rest: no one's voided statements any more.
    for (const [id, actor] of actorOf) if (actor === gone.id) actorOf.delete(id);
    const erased = await expectSameAsPull();
    expect(erased.learners.find((l) => l.learner.id === gone.id)!.periodsCompleted).toBe(0);
    expect(await cli('lrs', 'retention', '--older-than', '2m', '--apply', ...flags)).toBe(0);
    const dropped = await expectSameAsPull();
    expect(dropped.statementsRead).toBeLessThan(erased.statementsRead);
  });
});
