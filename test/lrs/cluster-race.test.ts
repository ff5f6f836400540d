/**
 * Writers and readers on three nodes at once, through HAProxy and directly to the nodes, and a
 * node killed with SIGKILL under load. What must hold whatever node answers:
 * - every completed paging pass (`more` links, descending, ascending or with `since`) holds every
 *   statement acknowledged before the pass started, exactly once, and no statement twice;
 * - every acknowledged (2xx) statement is stored, a batch is stored whole or not at all, and a
 *   client retrying through HAProxy after a node dies gets its batch acknowledged.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster } from './cluster/index.js';
import type { Cluster } from './cluster/index.js';
import { playerStatement, xapi } from './cluster/client.js';

let cluster: Cluster;
beforeAll(async () => {
  cluster = await startCluster({ nodes: 3 });
});
afterAll(async () => {
  await cluster?.stop();
});

interface Ack {
  readonly ids: readonly string[];
  /** performance.now() when the 2xx answer arrived. */
  readonly at: number;
}

interface Pass {
  readonly name: string;
  /** performance.now() before the first page was asked for. */
  readonly started: number;
  readonly ids: string[];
}

const registration = randomUUID();
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One page after another, each from the next endpoint in turn; the ids in the order received. */
async function page(endpoints: readonly string[], first: string, offset: number): Promise<string[]> {
  const ids: string[] = [];
  let path: string | undefined = first;
  let hop = offset;
  while (path) {
    const base = endpoints[hop++ % endpoints.length]!;
    const r = await xapi(base, cluster.authorization, 'GET', path);
    if (r.status !== 200) throw new Error(`GET ${path} on ${base}: ${r.status} ${r.text}`);
    const body = r.json<{ statements: { id: string }[]; more: string }>();
    ids.push(...body.statements.map((s) => s.id));
    path = body.more || undefined;
  }
  return ids;
}

describe('writers and readers on three nodes', () => {
  it('shows every acknowledged statement exactly once to every paging pass that started after it', async () => {
    const endpoints = [cluster.endpoint, ...cluster.nodes.map((n) => n.url)];
    const since = new Date(Date.now() - 1000).toISOString();
    const acks: Ack[] = [];
    const passes: Pass[] = [];
    let writing = true;

    const writer = async (w: number): Promise<void> => {
      for (let i = 0; i < 40; i++) {
        const size = 1 + ((w + i) % 4);
        const batch = Array.from({ length: size }, () => playerStatement(w, { context: { registration } }));
        const base = endpoints[(w + i) % endpoints.length]!;
        const r = await xapi(base, cluster.authorization, 'POST', '/statements', size === 1 ? batch[0] : batch);
        if (r.status !== 200) throw new Error(`POST on ${base}: ${r.status} ${r.text}`);
        acks.push({ ids: batch.map((s) => s.id), at: performance.now() });
      }
    };
    const queries = [
      `/statements?registration=${registration}&limit=9&format=ids`,
      `/statements?registration=${registration}&limit=9&format=ids&ascending=true`,
      `/statements?registration=${registration}&limit=9&format=ids&since=${encodeURIComponent(since)}`,
    ];
    const reader = async (r: number): Promise<void> => {
      for (let n = 0; writing; n++) {
        const query = queries[(r + n) % queries.length]!;
        const started = performance.now();
        passes.push({ name: `reader ${r} pass ${n}: ${query}`, started, ids: await page(endpoints, query, r + n) });
      }
    };

    const writers = Array.from({ length: 6 }, (_, w) => writer(w));
    const readers = Array.from({ length: 3 }, (_, r) => reader(r));
    await Promise.all(writers);
    writing = false;
    await Promise.all(readers);
    // One pass after everything: it must see all of it.
    passes.push({ name: 'final pass', started: performance.now(), ids: await page(endpoints, queries[0]!, 0) });

    const problems: string[] = [];
    for (const p of passes) {
      const count = new Map<string, number>();
      for (const id of p.ids) count.set(id, (count.get(id) ?? 0) + 1);
      for (const [id, c] of count) if (c > 1) problems.push(`${p.name}: ${id} seen ${c} times`);
      for (const a of acks) if (a.at < p.started) for (const id of a.ids) if (!count.has(id)) problems.push(`${p.name}: ${id} acknowledged before the pass began, missing`);
    }
    expect(problems.slice(0, 20)).toEqual([]);
    expect(passes.length).toBeGreaterThan(10);
    expect(acks.flatMap((a) => a.ids).length).toBe(6 * 40 * 2.5);
  }, 120_000);
});

describe('a node killed with SIGKILL under load', () => {
  it('keeps every acknowledged statement, never half a batch, and the clients retrying through HAProxy get every batch acknowledged', async () => {
    const reg = randomUUID();
    const acked: string[][] = [];
    const attempted: string[][] = [];
    let retried = 0;
    let stop = false;

    // A client like the player's queue: the same batch (same ids) again until it is acknowledged.
    const client = async (c: number): Promise<void> => {
      while (!stop) {
        const batch = Array.from({ length: 1 + (c % 3) * 4 }, () => playerStatement(c, { context: { registration: reg } }));
        const ids = batch.map((s) => s.id);
        attempted.push(ids);
        for (let attempt = 0; ; attempt++) {
          const status = await xapi(cluster.endpoint, cluster.authorization, 'POST', '/statements', batch).then((r) => r.status, () => 0);
          if (status === 200) break;
          if (attempt === 50) throw new Error(`batch of client ${c} still refused after 50 tries (last status ${status})`);
          retried++;
          await pause(50);
        }
        acked.push(ids);
      }
    };
    const clients = Array.from({ length: 6 }, (_, c) => client(c));
    while (acked.length < 60) await pause(10);
    await cluster.kill(1);
    const atKill = acked.length;
    while (acked.length < atKill + 60) await pause(10);
    stop = true;
    await Promise.all(clients);

    const stored = new Set(await page([cluster.endpoint], `/statements?registration=${reg}&limit=200&format=ids`, 0));
    expect(acked.flat().filter((id) => !stored.has(id))).toEqual([]);
    for (const ids of attempted) expect([0, ids.length]).toContain(ids.filter((id) => stored.has(id)).length);
    // Every batch was acknowledged in the end, including those the dead node had in hand.
    expect(acked.length).toBe(attempted.length);
    console.log(`SIGKILL test: ${acked.flat().length} statements in ${acked.length} batches acknowledged, ${retried} retries`);

    await cluster.restart(1);
    expect((await xapi(cluster.nodes[1]!.url, cluster.authorization, 'GET', `/statements?registration=${reg}&limit=1`)).status).toBe(200);
  }, 120_000);
});
