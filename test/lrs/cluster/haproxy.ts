/**
 * Debian's HAProxy in front of the LRS nodes: round robin (statement writes optionally to the
 * first node with room), an HTTP health check on /xapi/about, and connection failures
 * redispatched to another node (the request was not sent, so it is safe for a POST). The admin
 * socket tells when HAProxy sees a node up or down, and how many requests each took.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';

export const HAPROXY_PATH = process.env['HAPROXY_PATH'] ?? '/usr/sbin/haproxy';

export interface Balancer {
  readonly port: number;
  /** 'UP', 'DOWN', … per server name (n0, n1, …), from `show stat`. */
  status(): Promise<Map<string, string>>;
  /** Requests (sessions) each server of a backend has taken so far, per server name. */
  requests(backend: 'nodes' | 'writers'): Promise<Map<string, number>>;
  /** Resolves once every listed server has this status. */
  waitFor(servers: readonly string[], status: 'UP' | 'DOWN', timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * How statement writes are spread. 'roundrobin': like every other request. 'first': each goes to
 * the first node with a free slot (HAProxy's `balance first`, WRITE_SLOTS requests per node), so
 * one node writes while it keeps up and its groups hold every client's statements, and the next
 * takes the overflow, or everything once the first is down. GETs and documents stay round robin.
 */
export type WriteBalance = 'roundrobin' | 'first';

/** Statement writes a node takes at once, under `first`, before the next node gets them. */
export const WRITE_SLOTS = 128;

export function haproxyConfig(port: number, nodePorts: readonly number[], socket: string, writes: WriteBalance = 'roundrobin'): string {
  const first = writes === 'first';
  return [
    'global',
    `  stats socket ${socket} mode 600 level admin`,
    '  maxconn 4096',
    'defaults',
    '  mode http',
    // The nodes read the client's address from it (lrs serve --trust-proxy 127.0.0.1).
    '  option forwardfor',
    '  timeout connect 1s',
    '  timeout client 60s',
    '  timeout server 60s',
    '  timeout http-keep-alive 10s',
    // A node that refuses the connection (killed, restarting): try another one.
    '  retries 3',
    '  option redispatch 1',
    'frontend lrs',
    `  bind 127.0.0.1:${port}`,
    ...(first ? ['  acl statement_write method POST PUT', '  acl statements path_beg /xapi/statements', '  use_backend writers if statement_write statements'] : []),
    '  default_backend nodes',
    'backend nodes',
    '  balance roundrobin',
    '  option httpchk',
    '  http-check send meth GET uri /xapi/about',
    '  http-check expect status 200',
    '  default-server inter 250ms fall 2 rise 1',
    ...nodePorts.map((p, i) => `  server n${i} 127.0.0.1:${p} check`),
    // The same servers, up and down as the nodes backend's checks say (track).
    ...(first ? ['backend writers', '  balance first', ...nodePorts.map((p, i) => `  server n${i} 127.0.0.1:${p} maxconn ${WRITE_SLOTS} track nodes/n${i}`)] : []),
    '',
  ].join('\n');
}

function adminCommand(socket: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const c = connect(socket);
    let out = '';
    c.on('data', (d: Buffer) => (out += d.toString()));
    c.on('end', () => resolve(out));
    c.on('error', reject);
    c.end(`${command}\n`);
  });
}

export async function startHaproxy(dir: string, port: number, nodePorts: readonly number[], writes: WriteBalance = 'roundrobin'): Promise<Balancer> {
  if (!existsSync(HAPROXY_PATH)) throw new Error(`HAProxy not found at ${HAPROXY_PATH}: install Debian's "haproxy" (or set HAPROXY_PATH)`);
  const socket = join(dir, 'haproxy.sock');
  const config = join(dir, 'haproxy.cfg');
  writeFileSync(config, haproxyConfig(port, nodePorts, socket, writes));
  const child: ChildProcess = spawn(HAPROXY_PATH, ['-f', config, '-db'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));

  /** A column of `show stat` for each server of a backend. */
  const column = async (backend: string, name: string): Promise<Map<string, string>> => {
    const csv = await adminCommand(socket, 'show stat');
    const out = new Map<string, string>();
    const [header, ...rows] = csv.replace(/^# /, '').trim().split('\n');
    const columns = (header ?? '').split(',');
    const [px, sv, value] = ['pxname', 'svname', name].map((c) => columns.indexOf(c));
    for (const row of rows) {
      const f = row.split(',');
      if (f[px!] === backend && f[sv!] !== 'BACKEND') out.set(f[sv!]!, f[value!]!);
    }
    return out;
  };
  const status = async (): Promise<Map<string, string>> =>
    new Map([...(await column('nodes', 'status'))].map(([server, st]) => [server, st.split(' ')[0]!]));
  const requests = async (backend: 'nodes' | 'writers'): Promise<Map<string, number>> =>
    new Map([...(await column(backend, 'stot'))].map(([server, n]) => [server, Number(n)]));
  const waitFor = async (servers: readonly string[], wanted: 'UP' | 'DOWN', timeoutMs = 10_000): Promise<void> => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`HAProxy exited:\n${output}`);
      const now = await status().catch(() => new Map<string, string>());
      if (servers.every((s) => now.get(s) === wanted)) return;
      if (Date.now() > until) throw new Error(`HAProxy did not see ${servers.join(', ')} ${wanted} within ${timeoutMs} ms: ${JSON.stringify([...now])}\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  // Ready once the admin socket answers.
  const until = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`HAProxy did not start:\n${output}`);
    if (await status().then(() => true, () => false)) break;
    if (Date.now() > until) throw new Error(`HAProxy did not start within 10 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    status,
    requests,
    waitFor,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const late = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(late);
    },
  };
}
