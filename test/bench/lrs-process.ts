/**
 * Runs our LRS in a child process (test/bench/lrs-server.ts) so a test can SIGKILL it and a
 * benchmark can read its memory alone. The child prints `READY <endpoint>` once listening.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { Endpoint } from './lrs-load.js';

const repoRoot = resolve(import.meta.dirname, '..', '..');

export interface ServerProcessOptions {
  readonly store: 'sqlite' | 'postgres';
  readonly dataDir: string;
  readonly pg?: string;
  readonly schema?: string;
  /** Drop the PostgreSQL schema when the process exits normally. */
  readonly dropOnExit?: boolean;
  /** Reuse a credential (after a restart); a new one is made otherwise. */
  readonly key?: string;
  readonly secret?: string;
  /** Body cap in bytes. */
  readonly maxBody?: number;
  /** Options for node itself, e.g. --cpu-prof. */
  readonly nodeArgs?: readonly string[];
}

export interface ServerProcess {
  readonly endpoint: Endpoint;
  readonly child: ChildProcess;
  readonly key: string;
  readonly secret: string;
  /** Resolves when the process has exited, however it ended. */
  readonly exited: Promise<void>;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
}

export async function startServerProcess(o: ServerProcessOptions): Promise<ServerProcess> {
  const key = o.key ?? `bench-${randomBytes(4).toString('hex')}`;
  const secret = o.secret ?? randomBytes(18).toString('base64url');
  const args = [...(o.nodeArgs ?? []), '--import', 'tsx', join(repoRoot, 'test', 'bench', 'lrs-server.ts'), '--store', o.store, '--data', o.dataDir, '--key', key, '--secret', secret];
  if (o.pg) args.push('--pg', o.pg);
  if (o.schema) args.push('--schema', o.schema);
  if (o.dropOnExit) args.push('--drop-on-exit');
  if (o.maxBody) args.push('--max-body', String(o.maxBody));
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const base = await new Promise<string>((resolveBase, reject) => {
    let seen = '';
    const onData = (d: Buffer) => {
      seen += d.toString();
      const m = /READY (\S+)/.exec(seen);
      if (m) resolveBase(m[1]!);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d: Buffer) => (seen += d.toString()));
    void exited.then(() => reject(new Error(`LRS process exited before it was ready:\n${seen.slice(-3000)}`)));
  });
  return {
    endpoint: { base, authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}` },
    child,
    key,
    secret,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
