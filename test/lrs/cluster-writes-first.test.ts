/**
 * Three nodes behind HAProxy with statement writes sent to the first node with room (`balance
 * first`, haproxy.ts), GETs round robin: one node gathers every client's statements into its
 * groups while it lives. What must hold: the writes all reach the first node, reads reach all
 * three, and when the writing node is killed under load the next takes the writes, every
 * acknowledged statement is kept and every retried batch is acknowledged; restarted, the first
 * node takes the writes again.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster } from './cluster/index.js';
import type { Cluster } from './cluster/index.js';
import { pageAll, playerStatement, retryingClients, xapi } from './cluster/client.js';

let cluster: Cluster;
beforeAll(async () => {
  cluster = await startCluster({ nodes: 3, writes: 'first' });
});
afterAll(async () => {
  await cluster?.stop();
});

const registration = randomUUID();

/** Requests each server took since `before`, per server name. */
function since(before: Map<string, number>, now: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...now].map(([server, n]) => [server, n - (before.get(server) ?? 0)]));
}

/** Retrying clients sending batches of 1, 4 and 7 statements of one registration. */
const load = (clients: number) =>
  retryingClients(cluster.endpoint, cluster.authorization, clients, (c) => Array.from({ length: 1 + (c % 3) * 3 }, () => playerStatement(c, { context: { registration } })));

describe('statement writes to the first node with room', () => {
  it('sends every write to the first node and reads to all three', async () => {
    const writes0 = await cluster.balancer.requests('writers');
    const reads0 = await cluster.balancer.requests('nodes');
    const l = load(6);
    await l.until(60);
    await l.stop();
    for (let i = 0; i < 9; i++) expect((await xapi(cluster.endpoint, cluster.authorization, 'GET', `/statements?registration=${registration}&limit=1`)).status).toBe(200);

    const writes = since(writes0, await cluster.balancer.requests('writers'));
    expect(writes['n0']).toBeGreaterThanOrEqual(60);
    expect(writes['n1']).toBe(0);
    expect(writes['n2']).toBe(0);
    const reads = since(reads0, await cluster.balancer.requests('nodes'));
    for (const n of ['n0', 'n1', 'n2']) expect(reads[n], `GETs taken by ${n}`).toBeGreaterThanOrEqual(3);
  }, 60_000);

  it('moves the writes to the next node when the first is killed under load, keeping every acknowledged statement, and back once it returns', async () => {
    const l = load(6);
    await l.until(40);
    await cluster.kill(0);
    const atKill = l.acked.length;
    const writes0 = await cluster.balancer.requests('writers');
    await l.until(atKill + 60);
    const afterKill = since(writes0, await cluster.balancer.requests('writers'));
    expect(afterKill['n1']).toBeGreaterThanOrEqual(50);
    expect(afterKill['n2']).toBe(0);

    await cluster.restart(0);
    const writes1 = await cluster.balancer.requests('writers');
    const atRestart = l.acked.length;
    await l.until(atRestart + 40);
    await l.stop();
    const afterRestart = since(writes1, await cluster.balancer.requests('writers'));
    expect(afterRestart['n0']).toBeGreaterThanOrEqual(35);

    const stored = new Set((await pageAll([cluster.endpoint], cluster.authorization, `/statements?registration=${registration}&limit=200&format=ids`, 0)).ids);
    expect(l.acked.flat().filter((id) => !stored.has(id))).toEqual([]);
    for (const ids of l.attempted) expect([0, ids.length]).toContain(ids.filter((id) => stored.has(id)).length);
    expect(l.acked.length).toBe(l.attempted.length);
    console.log(`writes to the first node: ${l.acked.flat().length} statements in ${l.acked.length} batches acknowledged, ${l.retries()} retries around the kill`);
  }, 120_000);
});
