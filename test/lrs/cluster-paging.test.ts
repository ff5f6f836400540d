/**
 * Several `lrs serve` nodes on one PostgreSQL schema behind HAProxy: what a client gets must not
 * depend on which node answers. `more` links, cmi5 launch tokens, voiding and the authority.
 */
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

describe('three nodes behind HAProxy', () => {
  it('follows a more link on every node, page after page, and through the balancer', async () => {
    const batch = Array.from({ length: 25 }, (_, i) => playerStatement(7, { context: { registration: '5d6f1a0e-0000-4000-8000-000000000007', extensions: { 'https://boiduong.example/n': i } } }));
    expect((await xapi(cluster.endpoint, cluster.authorization, 'POST', '/statements', batch)).status).toBe(200);
    for (const first of cluster.nodes) {
      const seen: string[] = [];
      let path: string | undefined = '/statements?registration=5d6f1a0e-0000-4000-8000-000000000007&limit=4';
      let hop = first.index;
      while (path) {
        // Each page from the next node: a link minted by one node is followed on another.
        const node = cluster.nodes[hop++ % cluster.nodes.length]!;
        const page = await xapi(node.url, cluster.authorization, 'GET', path);
        expect(page.status, page.text).toBe(200);
        const body = page.json<{ statements: { id: string }[]; more: string }>();
        seen.push(...body.statements.map((s) => s.id));
        path = body.more || undefined;
      }
      expect(seen.sort()).toEqual(batch.map((s) => s.id).sort());
    }
  });
});
