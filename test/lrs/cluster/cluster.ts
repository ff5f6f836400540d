/**
 * A cluster on one machine, as an operator deploys several LRS nodes: N `boiduong lrs serve`
 * processes on one fresh PostgreSQL schema, behind Debian's HAProxy (round robin, health check).
 * Used by the cluster tests and the national benchmark:
 *
 *   const c = await startCluster({ nodes: 3 });
 *   fetch(`${c.endpoint}/statements`, { headers: { authorization: c.authorization, … } });
 *   await c.kill(1);          // SIGKILL node 1 (HAProxy marks it down)
 *   await c.restart(1);       // same port, HAProxy marks it up again
 *   await c.stop();           // every process stopped, the schema dropped, temp files removed
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCredential, openStore } from '../../../src/lrs/index.js';
import { dropSchema } from '../../../src/lrs/store/postgres/index.js';
import { startHaproxy } from './haproxy.js';
import type { Balancer, WriteBalance } from './haproxy.js';
import { freePort } from './ports.js';
import { startNodeProcess } from './node-process.js';
import type { NodeProcess } from './node-process.js';

const STOP_GRACE_MS = 5_000;

export const CLUSTER_PG = process.env['BOIDUONG_TEST_PG'] ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface ClusterOptions {
  /** Number of `lrs serve` processes. Default 3. */
  readonly nodes?: number;
  /** The primary PostgreSQL. Default BOIDUONG_TEST_PG or the local test database. */
  readonly pg?: string;
  /** Schema shared by the nodes; default a fresh one, dropped by stop(). */
  readonly schema?: string;
  /** More `lrs serve` flags for node i (e.g. ['--pg-read', replicaUrl]). */
  readonly nodeArgs?: (index: number) => readonly string[];
  /** Environment of the node processes (merged over this process's). */
  readonly env?: NodeJS.ProcessEnv;
  /** How HAProxy spreads statement writes (haproxy.ts). Default round robin, like the rest. */
  readonly writes?: WriteBalance;
}

export interface ClusterNode {
  readonly index: number;
  /** This node's own xAPI endpoint, bypassing HAProxy. */
  readonly url: string;
  readonly port: number;
  readonly alive: boolean;
  readonly pid: number | undefined;
  /** The node's recent output, to explain a failure. */
  output(): string;
}

export interface Cluster {
  /** HAProxy's xAPI endpoint: what clients use. */
  readonly endpoint: string;
  readonly nodes: readonly ClusterNode[];
  readonly pg: string;
  readonly schema: string;
  /** A key with scope `all`, and its Basic Authorization header. */
  readonly key: string;
  readonly secret: string;
  readonly authorization: string;
  readonly balancer: Balancer;
  /** Kills node i (SIGKILL unless told) and waits until it has exited and HAProxy marks it down. */
  kill(index: number, signal?: NodeJS.Signals): Promise<void>;
  /** Starts node i again on its port and waits until HAProxy marks it up. */
  restart(index: number): Promise<void>;
  /** Stops HAProxy and every node, drops the schema (unless given), removes the temp dir. */
  stop(): Promise<void>;
}

class Node implements ClusterNode {
  constructor(
    readonly index: number,
    public process: NodeProcess,
  ) {}
  get url(): string {
    return this.process.url;
  }
  get port(): number {
    return this.process.port;
  }
  get alive(): boolean {
    return this.process.child.exitCode === null && this.process.child.signalCode === null;
  }
  get pid(): number | undefined {
    return this.process.child.pid;
  }
  output(): string {
    return this.process.output();
  }
}

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const count = options.nodes ?? 3;
  const pg = options.pg ?? CLUSTER_PG;
  const ownSchema = options.schema === undefined;
  const schema = options.schema ?? `bd_cluster_${randomBytes(6).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), 'bd-cluster-'));
  const started: Node[] = [];
  let balancer: Balancer | undefined;

  const stopAll = async (): Promise<void> => {
    await balancer?.stop();
    await Promise.all(
      started.map(async (n) => {
        if (!n.alive) return;
        n.process.child.kill('SIGTERM');
        // A node that does not finish its shutdown in time is killed, so stop() always returns.
        const late = setTimeout(() => n.process.child.kill('SIGKILL'), STOP_GRACE_MS);
        await n.process.exited;
        clearTimeout(late);
      }),
    );
    if (ownSchema) await dropSchema(pg, schema).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    // Migrate once and create the key before the nodes start, so they start on a ready schema.
    const opened = await openStore({ store: 'postgres', pg, pgSchema: schema, dataDir: dir });
    const credential = await createCredential(opened.credentials, ['all'], 'cluster');
    await opened.store.close();
    await opened.closeExtra();

    const balancerPort = await freePort();
    const endpoint = `http://127.0.0.1:${balancerPort}/xapi`;
    const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
    const argsOf = (i: number): string[] => [
      '--store', 'postgres', '--pg', pg, '--pg-schema', schema, '--data', dir,
      '--host', '127.0.0.1', '--port', String(ports[i]), '--public-url', endpoint, '--trust-proxy', '127.0.0.1',
      ...(options.nodeArgs?.(i) ?? []),
    ];
    const env = options.env ?? {};
    for (const [i, p] of (await Promise.all(ports.map((_, i) => startNodeProcess(argsOf(i), env)))).entries()) started.push(new Node(i, p));
    balancer = await startHaproxy(dir, balancerPort, ports, options.writes);
    const names = started.map((n) => `n${n.index}`);
    await balancer.waitFor(names, 'UP');
    const b = balancer;

    return {
      endpoint,
      nodes: started,
      pg,
      schema,
      key: credential.key,
      secret: credential.secret,
      authorization: `Basic ${Buffer.from(`${credential.key}:${credential.secret}`).toString('base64')}`,
      balancer: b,
      async kill(index, signal = 'SIGKILL') {
        const n = started[index]!;
        if (n.alive) n.process.child.kill(signal);
        await n.process.exited;
        await b.waitFor([`n${index}`], 'DOWN');
      },
      async restart(index) {
        const n = started[index]!;
        if (n.alive) throw new Error(`node ${index} is still running`);
        n.process = await startNodeProcess(argsOf(index), env);
        await b.waitFor([`n${index}`], 'UP');
      },
      stop: stopAll,
    };
  } catch (e) {
    await stopAll();
    throw e;
  }
}
