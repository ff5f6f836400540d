/**
 * Writers and readers on three nodes at once, through HAProxy and directly to the nodes, and a
 * node killed with SIGKILL under load. What must hold whatever node answers:
 * - every completed paging pass (`more` links, descending, ascending or with `since`) holds every
 *   statement stored at or before its first page's Consistent-Through, and no statement twice. A
 *   statement acknowledged before the pass began may come only in a later pass when another
 *   write, begun before it was stored, was still open (the horizon, docs/lrs.md); a pass begun
 *   after every write was acknowledged holds them all;
 * - every acknowledged (2xx) statement is stored, a batch is stored whole or not at all, and a
 *   client retrying through HAProxy after a node dies gets its batch acknowledged.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster } from './cluster/index.js';
import type { Cluster } from './cluster/index.js';
import { pageAll, playerStatement, retryingClients, xapi } from './cluster/client.js';
import type { PagingPass } from './cluster/client.js';

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

interface Pass extends PagingPass {
  readonly name: string;
  /** performance.now() before the first page was asked for. */
  readonly started: number;
}

const registration = randomUUID();

const page = (endpoints: readonly string[], first: string, offset: number): Promise<PagingPass> => pageAll(endpoints, cluster.authorization, first, offset);

describe('writers and readers on three nodes', () => {
  it('shows every paging pass each statement stored up to its Consistent-Through exactly once, and every acknowledged one once all are', async () => {
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
      // At least four passes each, however quickly the writers finish on a loaded machine.
      for (let n = 0; writing || n < 4; n++) {
        const query = queries[(r + n) % queries.length]!;
        const started = performance.now();
        passes.push({ name: `reader ${r} pass ${n}: ${query}`, started, ...(await page(endpoints, query, r + n)) });
      }
    };

    const writers = Array.from({ length: 6 }, (_, w) => writer(w));
    const readers = Array.from({ length: 3 }, (_, r) => reader(r));
    await Promise.all(writers);
    const allAcknowledged = performance.now();
    writing = false;
    await Promise.all(readers);
    // One pass after everything: it must see all of it.
    passes.push({ name: 'final pass', started: performance.now(), ...(await page(endpoints, queries[0]!, 0)) });
    const stored = new Map<string, string>();
    for (let more: string | undefined = `/statements?registration=${registration}&limit=500`; more; ) {
      const body: { statements: { id: string; stored: string }[]; more: string } = (await xapi(cluster.endpoint, cluster.authorization, 'GET', more)).json<{ statements: { id: string; stored: string }[]; more: string }>();
      for (const st of body.statements) stored.set(st.id, st.stored);
      more = body.more || undefined;
    }

    const problems: string[] = [];
    for (const p of passes) {
      const count = new Map<string, number>();
      for (const id of p.ids) count.set(id, (count.get(id) ?? 0) + 1);
      for (const [id, c] of count) if (c > 1) problems.push(`${p.name}: ${id} seen ${c} times`);
      for (const [id, at] of stored) if (at <= p.through && !count.has(id)) problems.push(`${p.name}: ${id} stored ${at}, at or before Consistent-Through ${p.through}, missing`);
      if (p.started > allAcknowledged) for (const a of acks) for (const id of a.ids) if (!count.has(id)) problems.push(`${p.name}: ${id} acknowledged before the pass began, missing`);
    }
    expect(problems.slice(0, 20)).toEqual([]);
    expect(passes.length).toBeGreaterThan(10);
    expect(acks.flatMap((a) => a.ids).length).toBe(6 * 40 * 2.5);
    expect(stored.size).toBe(6 * 40 * 2.5);
  }, 120_000);
});

describe('a node killed with SIGKILL under load', () => {
  it('keeps every acknowledged statement, never half a batch, and the clients retrying through HAProxy get every batch acknowledged', async () => {
    const reg = randomUUID();
    // Clients like the player's queue: the same batch (same ids) again until it is acknowledged.
    const l = retryingClients(cluster.endpoint, cluster.authorization, 6, (c) => Array.from({ length: 1 + (c % 3) * 4 }, () => playerStatement(c, { context: { registration: reg } })));
    const { acked, attempted } = l;
    await l.until(60);
    // A more link minted by the node about to die, to follow once it is back.
    const minted = (await xapi(cluster.nodes[1]!.url, cluster.authorization, 'GET', `/statements?registration=${reg}&limit=5&format=ids`)).json<{ more: string }>().more;
    expect(minted).not.toBe('');
    await cluster.kill(1);
    await l.until(acked.length + 60);
    await l.stop();

    const stored = new Set((await page([cluster.endpoint], `/statements?registration=${reg}&limit=200&format=ids`, 0)).ids);
    expect(acked.flat().filter((id) => !stored.has(id))).toEqual([]);
    for (const ids of attempted) expect([0, ids.length]).toContain(ids.filter((id) => stored.has(id)).length);
    // Every batch was acknowledged in the end, including those the dead node had in hand.
    expect(acked.length).toBe(attempted.length);
    console.log(`SIGKILL test: ${acked.flat().length} statements in ${acked.length} batches acknowledged, ${l.retries()} retries`);

    await cluster.restart(1);
    expect((await xapi(cluster.nodes[1]!.url, cluster.authorization, 'GET', `/statements?registration=${reg}&limit=1`)).status).toBe(200);
    // The restarted process honours the link its previous life minted.
    const followed = await xapi(cluster.nodes[1]!.url, cluster.authorization, 'GET', minted);
    expect(followed.status, followed.text).toBe(200);
    expect(followed.json().statements.length).toBe(5);
  }, 120_000);
});
