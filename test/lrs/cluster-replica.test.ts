/**
 * A streaming replica serving reads: node 0 runs `lrs serve --pg-read <replica>`, node 1 only
 * the primary. A client must read its own writes whichever node took them (docs/lrs.md: a GET
 * read from the replica waits until the replica holds every write the primary had committed when
 * the GET arrived, at most --pg-read-wait, else reads from the primary), and Consistent-Through
 * must never claim more than the store that answered holds.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTER_PG, startCluster } from './cluster/index.js';
import type { Cluster } from './cluster/index.js';
import { startReplica } from './cluster/replica.js';
import type { Replica } from './cluster/replica.js';
import { playerStatement, xapi } from './cluster/client.js';

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
      while (writing) {
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
    expect(answers.length).toBeGreaterThan(10);
  }, 60_000);
});
