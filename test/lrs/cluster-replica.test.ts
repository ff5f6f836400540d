/**
 * A streaming replica serving reads: node 0 runs `lrs serve --pg-read <replica>`, node 1 only
 * the primary. A client must read its own writes whichever node took them (docs/lrs.md: a GET
 * read from the replica reads the horizon on the primary, then waits until the replica has
 * replayed past that read, at most --pg-read-wait, else reads from the primary), and
 * Consistent-Through must never claim more than the store that answered holds.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTER_PG, startCluster } from './cluster/index.js';
import type { Cluster } from './cluster/index.js';
import { startReplica } from './cluster/replica.js';
import type { Replica } from './cluster/replica.js';
import { pageAll, playerStatement, xapi } from './cluster/client.js';
import type { PagingPass } from './cluster/client.js';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { parseRoster, type Statement } from '../../src/core/index.js';
import { catalogueOf, type ComplianceReport } from '../../src/report/index.js';
import { repoRoot } from '../e2e/harness/index.js';
import { readTestCourse } from '../support/course.js';
import { accountAgent, idMaker, sitting } from '../support/player-statements.js';

const WAIT_MS = 300;
let replica: Replica;
let cluster: Cluster;
beforeAll(async () => {
  replica = await startReplica(CLUSTER_PG);
  cluster = await startCluster({ nodes: 2, nodeArgs: (i) => (i === 0 ? ['--pg-read', replica.url, '--pg-read-wait', String(WAIT_MS)] : []) });
}, 180_000);
afterAll(async () => {
  await cluster?.stop();
  await replica?.stop();
});

/** Transactions the replica has run for the database (reads count: they commit too). */
async function replicaTransactions(): Promise<number> {
  const c = new pg.Client({ connectionString: replica.url });
  await c.connect();
  try {
    const { rows } = await c.query<{ n: string }>('SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()');
    return Number(rows[0]!.n);
  } finally {
    await c.end();
  }
}

describe('reads from a streaming replica', () => {
  it('reads at once on the replica node what was just written through the other node, and the replica serves those reads', async () => {
    const [reading, writing] = [cluster.nodes[0]!, cluster.nodes[1]!];
    const before = await replicaTransactions();
    const registration = randomUUID();
    for (let i = 0; i < 30; i++) {
      const s = playerStatement(5, { context: { registration } });
      expect((await xapi(writing.url, cluster.authorization, 'POST', '/statements', s)).status).toBe(200);
      const byId = await xapi(reading.url, cluster.authorization, 'GET', `/statements?statementId=${s.id}`);
      expect(byId.status, byId.text).toBe(200);
      const list = await xapi(reading.url, cluster.authorization, 'GET', `/statements?registration=${registration}&format=ids&limit=1`);
      expect(list.json().statements[0].id).toBe(s.id);
    }
    // The replica ran those reads (its statistics are flushed within a second or so).
    const until = Date.now() + 10_000;
    while ((await replicaTransactions()) < before + 60 && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    expect(await replicaTransactions()).toBeGreaterThanOrEqual(before + 60);
  });

  it('reads its own State document at once, with the same ETag, after a PUT through the other node', async () => {
    const agent = encodeURIComponent(JSON.stringify({ mbox: 'mailto:hv-77@boiduong.example' }));
    const path = `/activities/state?activityId=${encodeURIComponent('https://boiduong.example/course/c1/au/1')}&agent=${agent}&stateId=tien-do`;
    for (let i = 0; i < 10; i++) {
      const put = await xapi(cluster.nodes[1]!.url, cluster.authorization, 'PUT', path, { trang: i });
      expect(put.status).toBe(204);
      const got = await xapi(cluster.nodes[0]!.url, cluster.authorization, 'GET', path);
      expect(got.json()).toEqual({ trang: i });
      const fromPrimary = await xapi(cluster.nodes[1]!.url, cluster.authorization, 'GET', path);
      expect(got.headers.get('etag')).toBe(fromPrimary.headers.get('etag'));
    }
  });

  it('still answers with the latest writes while the replica stops replaying, from the primary after the wait bound', async () => {
    await replica.pause();
    try {
      const s = playerStatement(6);
      expect((await xapi(cluster.nodes[1]!.url, cluster.authorization, 'POST', '/statements', s)).status).toBe(200);
      const started = Date.now();
      const got = await xapi(cluster.nodes[0]!.url, cluster.authorization, 'GET', `/statements?statementId=${s.id}`);
      expect(got.status).toBe(200);
      // It waited for the replica first: the fallback is the bound, not a guess.
      expect(Date.now() - started).toBeGreaterThanOrEqual(WAIT_MS - 20);
    } finally {
      await replica.resume();
    }
  });

  it('never claims in Consistent-Through more than the answer holds, while statements are written through the replica node', async () => {
    const node = cluster.nodes[0]!;
    const registration = randomUUID();
    const answers: { through: string; ids: Set<string> }[] = [];
    let writing = true;
    const writer = async (): Promise<void> => {
      for (let i = 0; i < 60; i++) {
        const batch = [playerStatement(8, { context: { registration } }), playerStatement(8, { context: { registration } })];
        expect((await xapi(node.url, cluster.authorization, 'POST', '/statements', batch)).status).toBe(200);
      }
    };
    const reader = async (): Promise<void> => {
      // On a loaded machine the writers may be done before the readers have asked much: ask at least 10 times.
      for (let n = 0; writing || n < 10; n++) {
        const r = await xapi(node.url, cluster.authorization, 'GET', `/statements?registration=${registration}&format=ids&limit=500`);
        answers.push({ through: r.headers.get('x-experience-api-consistent-through')!, ids: new Set(r.json().statements.map((s: { id: string }) => s.id)) });
      }
    };
    const readers = [reader(), reader()];
    let pausedOnce = false;
    await Promise.all([
      writer(),
      writer(),
      (async () => {
        // Part of the time the replica lags on purpose.
        await new Promise((r) => setTimeout(r, 300));
        await replica.pause();
        pausedOnce = true;
        await new Promise((r) => setTimeout(r, 600));
        await replica.resume();
      })(),
    ]);
    writing = false;
    await Promise.all(readers);
    expect(pausedOnce).toBe(true);

    const all = (await xapi(cluster.nodes[1]!.url, cluster.authorization, 'GET', `/statements?registration=${registration}&limit=500`)).json().statements as { id: string; stored: string }[];
    expect(all.length).toBe(240);
    const problems: string[] = [];
    for (const a of answers) {
      for (const s of all) if (s.stored <= a.through && !a.ids.has(s.id)) problems.push(`Consistent-Through ${a.through} but ${s.id} stored ${s.stored} is missing`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(answers.length).toBeGreaterThanOrEqual(20);
  }, 60_000);

  it('shows every paging pass through the replica node each statement stored up to its Consistent-Through once, and every acknowledged one once all are', async () => {
    const registration = randomUUID();
    const acks: { ids: string[]; at: number }[] = [];
    const passes: (PagingPass & { started: number })[] = [];
    let writing = true;
    const writer = async (w: number): Promise<void> => {
      for (let i = 0; i < 30; i++) {
        const batch = Array.from({ length: 1 + (i % 3) }, () => playerStatement(w, { context: { registration } }));
        const r = await xapi(cluster.nodes[(w + i) % 2]!.url, cluster.authorization, 'POST', '/statements', batch);
        expect(r.status).toBe(200);
        acks.push({ ids: batch.map((s) => s.id), at: performance.now() });
      }
    };
    const reader = async (): Promise<void> => {
      for (let n = 0; writing || n < 3; n++) {
        const started = performance.now();
        passes.push({ started, ...(await pageAll([cluster.nodes[0]!.url], cluster.authorization, `/statements?registration=${registration}&format=ids&limit=7`)) });
      }
    };
    const readers = [reader(), reader()];
    await Promise.all([
      writer(1),
      writer(2),
      writer(3),
      (async () => {
        // For a while the replica falls behind on purpose.
        await new Promise((r) => setTimeout(r, 200));
        await replica.pause();
        await new Promise((r) => setTimeout(r, 500));
        await replica.resume();
      })(),
    ]);
    const allAcknowledged = performance.now();
    writing = false;
    await Promise.all(readers);
    const all = (await xapi(cluster.nodes[1]!.url, cluster.authorization, 'GET', `/statements?registration=${registration}&limit=500`)).json().statements as { id: string; stored: string }[];
    expect(all.length).toBe(acks.flatMap((a) => a.ids).length);
    const problems: string[] = [];
    for (const p of passes) {
      const seen = new Map<string, number>();
      for (const id of p.ids) seen.set(id, (seen.get(id) ?? 0) + 1);
      for (const [id, n] of seen) if (n > 1) problems.push(`${id} seen ${n} times`);
      for (const st of all) if (st.stored <= p.through && !seen.has(st.id)) problems.push(`Consistent-Through ${p.through} but ${st.id} stored ${st.stored} is missing`);
      // With no write open, the horizon holds nothing back.
      if (p.started > allAcknowledged) for (const a of acks) for (const id of a.ids) if (!seen.has(id)) problems.push(`${id} acknowledged before the pass, missing`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(passes.length).toBeGreaterThanOrEqual(6);
  }, 60_000);
});

/** Reads of the rollup's tables (scans of any kind) the replica has run for the schema. */
async function replicaRollupReads(schema: string): Promise<number> {
  const c = new pg.Client({ connectionString: replica.url });
  await c.connect();
  try {
    const { rows } = await c.query<{ n: string | null }>(
      `SELECT sum(seq_scan + coalesce(idx_scan, 0)) AS n FROM pg_stat_user_tables WHERE schemaname = $1 AND relname LIKE 'report\\_rollup%'`,
      [schema],
    );
    return Number(rows[0]!.n ?? 0);
  } finally {
    await c.end();
  }
}

describe('reports from a streaming replica', () => {
  it('computes `report --pg --pg-read` on the replica once it holds the primary\'s fold: the report of --pg alone; from the primary when the replica lags', async () => {
    const work = mkdtempSync(join(tmpdir(), 'bd-replica-report-'));
    try {
      for (const part of ['taxonomy', 'courses', 'roster.csv']) cpSync(join(repoRoot, 'content', part), join(work, 'content', part), { recursive: true });
      const sample = await readTestCourse(join(repoRoot, 'content', 'courses', 'boi-duong-bi-thu-dang-uy-xa'));
      const course = catalogueOf([sample.course]).find((c) => c.id === 'boi-duong-bi-thu-dang-uy-xa')!;
      const roster = parseRoster(readFileSync(join(repoRoot, 'content', 'roster.csv'), 'utf8'), 'roster.csv').learners;
      const year = new Date().getUTCFullYear();
      const nextId = idMaker(0x5e9a);
      const sittings = (learners: typeof roster, day: number): Statement[] =>
        learners.flatMap((l, i) =>
          course.modules.flatMap((m) =>
            sitting({
              actor: accountAgent(l.id, l.name),
              module: { courseActivityId: course.activityId, courseTitle: course.title, activityId: m.activityId, title: m.title, graded: m.graded },
              start: Date.parse(`${year}-01-10T01:00:00Z`) + (day + i) * 86_400_000,
              pages: 1,
              questions: m.graded ? 1 : 0,
              mark: 6 + (i % 4),
              pass: m.pass,
              nextId,
            }),
          ),
        );
      const post = async (statements: Statement[]): Promise<void> => {
        for (let i = 0; i < statements.length; i += 100) {
          const r = await xapi(cluster.endpoint, cluster.authorization, 'POST', '/statements', statements.slice(i, i + 100));
          expect(r.status, r.text).toBe(200);
        }
      };
      const run = async (out: string, ...extra: string[]): Promise<{ code: number; err: string; report: Omit<ComplianceReport, 'generatedAt'> }> => {
        const err: string[] = [];
        const code = await main(['report', '--year', String(year), '--format', 'json', '--pg', CLUSTER_PG, '--pg-schema', cluster.schema, '--out', out, ...extra], {
          out: () => undefined,
          err: (t) => err.push(t),
          cwd: work,
        });
        const { generatedAt: _at, ...report } = JSON.parse(readFileSync(join(work, out, 'bao-cao.json'), 'utf8')) as ComplianceReport;
        return { code, err: err.join('\n'), report };
      };
      const settledReads = async (above: number): Promise<number> => {
        // Statistics reach the view when the report's connections close, within a second or so.
        const until = Date.now() + 10_000;
        while ((await replicaRollupReads(cluster.schema)) <= above && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
        return replicaRollupReads(cluster.schema);
      };

      await post(sittings(roster.slice(0, 8), 0));
      const reads0 = await replicaRollupReads(cluster.schema);
      const onReplica = await run('replica', '--pg-read', replica.url);
      // The store's first report of the course: its modules get rows of their own, said once.
      expect([onReplica.code, ...onReplica.err.split('\n')]).toEqual([
        0,
        expect.stringMatching(/^Lần đầu báo cáo [1-9]\d* học phần trên kho này: tách bản ghi của các học phần đó ra bảng tổng hợp \(một lần; với kho lớn có thể mất vài phút\)\.$/),
        `Đọc báo cáo ở bản sao ${replica.url}.`,
      ]);
      const reads1 = await settledReads(reads0);
      expect(reads1).toBeGreaterThan(reads0);
      const onPrimary = await run('primary');
      expect(onPrimary.err).toBe('');
      expect(onReplica.report).toEqual(onPrimary.report);
      expect(onPrimary.report.total.certificates).toBeGreaterThan(0);

      // The replica stops replaying: the report waits its bound, then reads the primary, which has the latest.
      await replica.pause();
      try {
        await post(sittings(roster.slice(8, 12), 40));
        const lagging = await run('lagging', '--pg-read', replica.url, '--pg-read-wait', '300', '--lang', 'en');
        expect(lagging.code).toBe(0);
        expect(lagging.err).toMatch(/^The replica .* had not caught up after 0\.[3-9] s: reading the report on the primary\.$/);
        expect(lagging.report).toEqual((await run('primary-later')).report);
        expect(lagging.report.statementsRead).toBeGreaterThan(onPrimary.report.statementsRead);
        // Nothing of it was read on the replica.
        await new Promise((r) => setTimeout(r, 1_500));
        expect(await replicaRollupReads(cluster.schema)).toBe(reads1);
      } finally {
        await replica.resume();
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 120_000);

  it('refuses --pg-read without --pg, and a --pg-read-wait that is not milliseconds', async () => {
    const err: string[] = [];
    const io = { out: () => undefined, err: (t: string) => err.push(t), cwd: repoRoot };
    expect(await main(['report', '--lrs', 'http://127.0.0.1:1/xapi', '--pg-read', replica.url], io)).toBe(2);
    expect(await main(['report', '--pg', CLUSTER_PG, '--pg-read', replica.url, '--pg-read-wait', '5s'], io)).toBe(2);
    expect(await main(['report', '--pg', CLUSTER_PG, '--pg-read-wait', '500'], io)).toBe(2);
    expect(err.join('\n')).toContain('--pg-read và --pg-read-wait cần đi cùng --pg');
    expect(err.join('\n')).toContain('--pg-read-wait là số mili giây');
    expect(err.join('\n')).toContain('--pg-read-wait chỉ dùng cùng --pg-read');
  });
});

