/**
 * Several `lrs serve` nodes on one PostgreSQL schema behind HAProxy: what a client gets must not
 * depend on which node answers. `more` links, cmi5 launch tokens, voiding and the authority.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLrs } from '../../src/lrs/index.js';
import { startCluster } from './cluster/index.js';
import type { Cluster } from './cluster/index.js';
import { playerStatement, xapi } from './cluster/client.js';

const VOIDED = 'http://adlnet.gov/expapi/verbs/voided';
const learner = { objectType: 'Agent', name: 'Trần Thị Bình', account: { homePage: 'https://boiduong.example', name: 'hv-042' } };

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
    const endpoints = [...cluster.nodes.map((n) => n.url), cluster.endpoint];
    for (let first = 0; first < endpoints.length; first++) {
      const seen: string[] = [];
      let path: string | undefined = '/statements?registration=5d6f1a0e-0000-4000-8000-000000000007&limit=4';
      let hop = first;
      while (path) {
        // Each page from the next node (the balancer last): a link minted by one is followed on another.
        const base = endpoints[hop++ % endpoints.length]!;
        const page = await xapi(base, cluster.authorization, 'GET', path);
        expect(page.status, page.text).toBe(200);
        const body = page.json<{ statements: { id: string }[]; more: string }>();
        seen.push(...body.statements.map((s) => s.id));
        path = body.more || undefined;
      }
      expect(seen.sort()).toEqual(batch.map((s) => s.id).sort());
    }
  });

  it('stores every statement with the same authority whichever node took it', async () => {
    const ids: string[] = [];
    for (const n of cluster.nodes) {
      const s = playerStatement(9);
      ids.push(s.id);
      expect((await xapi(n.url, cluster.authorization, 'POST', '/statements', s)).status).toBe(200);
    }
    const authorities = await Promise.all(ids.map(async (id) => (await xapi(cluster.endpoint, cluster.authorization, 'GET', `/statements?statementId=${id}`)).json().authority));
    expect(authorities).toEqual(ids.map(() => ({ objectType: 'Agent', name: 'cluster', account: { homePage: new URL(cluster.endpoint).origin, name: cluster.key } })));
  });

  it('voids on one node what another stored, and every node then answers as voided', async () => {
    const target = playerStatement(11);
    expect((await xapi(cluster.nodes[0]!.url, cluster.authorization, 'PUT', `/statements?statementId=${target.id}`, target)).status).toBe(204);
    const voiding = { id: randomUUID(), actor: target.actor, verb: { id: VOIDED, display: { vi: 'đã hủy' } }, object: { objectType: 'StatementRef', id: target.id } };
    expect((await xapi(cluster.nodes[1]!.url, cluster.authorization, 'POST', '/statements', voiding)).status).toBe(200);
    for (const n of cluster.nodes) {
      expect((await xapi(n.url, cluster.authorization, 'GET', `/statements?statementId=${target.id}`)).status).toBe(404);
      expect((await xapi(n.url, cluster.authorization, 'GET', `/statements?voidedStatementId=${target.id}`)).json().id).toBe(target.id);
    }
    // The voiding statement itself cannot be voided, whichever node is asked.
    const again = { id: randomUUID(), actor: target.actor, verb: { id: VOIDED }, object: { objectType: 'StatementRef', id: voiding.id } };
    expect((await xapi(cluster.nodes[2]!.url, cluster.authorization, 'POST', '/statements', again)).status).toBe(400);
  });
});

describe('cmi5 launch tokens across nodes', () => {
  it('hands the token out once on any node, through the fetch URL on the balancer, and the token works on every node', async () => {
    // The LMS's embedded LRS on the same schema mints the launch, naming the balancer as its public URL.
    const dataDir = mkdtempSync(join(tmpdir(), 'bd-cluster-lms-'));
    const lms = await startLrs({ port: 0, dataDir, store: 'postgres', pg: cluster.pg, pgSchema: cluster.schema, publicUrl: cluster.endpoint, log: () => undefined });
    try {
      const registration = randomUUID();
      const auId = 'https://boiduong.example/course/c1/au/tiep-dan';
      const sessionId = randomUUID();
      const contextTemplate = { contextActivities: { grouping: [{ id: auId }] }, extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': sessionId } };
      const launch = await lms.createLaunch({ actor: learner, registration, activityId: auId, contextTemplate });
      expect(launch.fetchUrl.startsWith(`${cluster.endpoint}/cmi5/fetch/`)).toBe(true);

      const fetched = await fetch(launch.fetchUrl, { method: 'POST' });
      expect(fetched.status).toBe(200);
      const token = ((await fetched.json()) as { 'auth-token': string })['auth-token'];
      // A second fetch is refused whichever node it reaches.
      const fetchPath = new URL(launch.fetchUrl).pathname.replace('/xapi', '');
      for (const n of cluster.nodes) {
        const second = await fetch(`${n.url}${fetchPath}`, { method: 'POST' });
        expect(second.status).toBe(401);
        expect(((await second.json()) as Record<string, string>)['error-code']).toBe('1');
      }

      const auth = `Basic ${token}`;
      const context = { registration, ...contextTemplate };
      const cmi5 = { id: 'https://w3id.org/xapi/cmi5/context/categories/cmi5' };
      const initialized = { id: randomUUID(), actor: learner, verb: { id: 'http://adlnet.gov/expapi/verbs/initialized' }, object: { id: auId }, context: { ...context, contextActivities: { ...context.contextActivities, category: [cmi5] } } };
      expect((await xapi(cluster.nodes[0]!.url, auth, 'POST', '/statements', initialized)).status).toBe(200);
      // The session's order rules read what another node stored: initialized twice is refused on node 1.
      const twice = { ...initialized, id: randomUUID() };
      const refused = await xapi(cluster.nodes[1]!.url, auth, 'POST', '/statements', twice);
      expect(refused.status, refused.text).toBe(403);
      expect(refused.text).toContain('cmi5 9.3');
      for (const n of cluster.nodes) {
        const mine = await xapi(n.url, auth, 'GET', `/statements?registration=${registration}`);
        expect(mine.status).toBe(200);
        expect(mine.json().statements.map((s: { id: string }) => s.id)).toEqual([initialized.id]);
        // Another registration is out of the token's reach on every node.
        expect((await xapi(n.url, auth, 'GET', `/statements?registration=${randomUUID()}`)).status).toBe(403);
      }
    } finally {
      await lms.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
