/**
 * Figures for the multi-node LRS (docs/lrs.md, "Several nodes" and "Read replica"):
 * - how long a key revoked through the store keeps working on the other nodes (the change
 *   notification's delay), over 20 revocations on 3 nodes behind HAProxy;
 * - what reading from a streaming replica costs a GET: by-id latency through a node with
 *   --pg-read against a node on the primary alone, idle and right after a write through the
 *   other node (read-your-writes).
 *
 *   npx tsx test/bench/cluster.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCredential, openStore, revokeCredential } from '../../src/lrs/index.js';
import { CLUSTER_PG, startCluster } from '../lrs/cluster/index.js';
import { startReplica } from '../lrs/cluster/replica.js';
import { basicAuth, playerStatement, xapi } from '../lrs/cluster/client.js';
import { percentile } from './lrs-load.js';

const ms = (n: number): string => `${n.toFixed(1)} ms`;

async function revocationDelay(): Promise<void> {
  const cluster = await startCluster({ nodes: 3 });
  const dir = mkdtempSync(join(tmpdir(), 'bd-bench-cluster-'));
  const opened = await openStore({ store: 'postgres', pg: cluster.pg, pgSchema: cluster.schema, dataDir: dir });
  try {
    const delays: number[] = [];
    for (let i = 0; i < 20; i++) {
      const k = await createCredential(opened.credentials, ['all'], `bench ${i}`);
      const auth = basicAuth(k.key, k.secret);
      for (const n of cluster.nodes) await xapi(n.url, auth, 'GET', '/about');
      for (const n of cluster.nodes) await xapi(n.url, auth, 'GET', '/statements?limit=1');
      const started = performance.now();
      await revokeCredential(opened.credentials, k.key);
      const pending = new Set(cluster.nodes.map((n) => n.url));
      while (pending.size > 0) {
        for (const url of [...pending]) if ((await xapi(url, auth, 'GET', '/statements?limit=1')).status === 401) pending.delete(url);
      }
      delays.push(performance.now() - started);
    }
    delays.sort((a, b) => a - b);
    console.log(`revoked key refused by all 3 nodes after: p50 ${ms(percentile(delays, 50))}, max ${ms(delays[delays.length - 1]!)} (20 revocations; includes the polling GETs)`);
  } finally {
    await opened.store.close();
    await opened.closeExtra();
    rmSync(dir, { recursive: true, force: true });
    await cluster.stop();
  }
}

async function replicaCost(): Promise<void> {
  const replica = await startReplica(CLUSTER_PG);
  const cluster = await startCluster({ nodes: 2, nodeArgs: (i) => (i === 0 ? ['--pg-read', replica.url] : []) });
  try {
    const [viaReplica, primaryOnly] = [cluster.nodes[0]!, cluster.nodes[1]!];
    const s = playerStatement(1);
    await xapi(primaryOnly.url, cluster.authorization, 'POST', '/statements', s);
    const timed = async (url: string, path: string): Promise<number> => {
      const t = performance.now();
      const r = await xapi(url, cluster.authorization, 'GET', path);
      if (r.status !== 200) throw new Error(`GET ${path}: ${r.status}`);
      return performance.now() - t;
    };
    const rounds = 300;
    const idle = { replica: [] as number[], primary: [] as number[] };
    for (let i = 0; i < rounds; i++) {
      idle.replica.push(await timed(viaReplica.url, `/statements?statementId=${s.id}`));
      idle.primary.push(await timed(primaryOnly.url, `/statements?statementId=${s.id}`));
    }
    const afterWrite: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const w = playerStatement(2);
      await xapi(primaryOnly.url, cluster.authorization, 'POST', '/statements', w);
      afterWrite.push(await timed(viaReplica.url, `/statements?statementId=${w.id}`));
    }
    for (const list of [idle.replica, idle.primary, afterWrite]) list.sort((a, b) => a - b);
    const line = (name: string, l: number[]) => `${name}: p50 ${ms(percentile(l, 50))}, p99 ${ms(percentile(l, 99))}`;
    console.log(line('GET by id, node on the primary only', idle.primary));
    console.log(line('GET by id, node reading the replica (idle)', idle.replica));
    console.log(line('GET by id through the replica node, just after a POST through the other node', afterWrite));
  } finally {
    await cluster.stop();
    await replica.stop();
  }
}

await revocationDelay();
await replicaCost();
