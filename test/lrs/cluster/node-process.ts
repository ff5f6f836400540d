/** One `boiduong lrs serve` process from the sources, as an operator runs it on a node. */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '..', '..', '..');
const CLI = join(repoRoot, 'src', 'cli', 'run.ts');
// Enough of a node's output to explain a failure, without growing under load.
const KEPT_OUTPUT = 20_000;

export interface NodeProcess {
  readonly child: ChildProcess;
  /** The xAPI endpoint of this node itself, e.g. http://127.0.0.1:40123/xapi */
  readonly url: string;
  readonly port: number;
  /** Resolves when the process has exited, however it ended. */
  readonly exited: Promise<void>;
  /** The last lines the process wrote (stdout and stderr). */
  output(): string;
}

/** `args` are the flags after `lrs serve`; `--port` must be among them. */
export async function startNodeProcess(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<NodeProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'lrs', 'serve', '--lang', 'en', ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let seen = '';
  const keep = (d: Buffer): void => {
    seen = (seen + d.toString()).slice(-KEPT_OUTPUT);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const onData = (): void => {
      const m = /LRS listening at (\S+)/.exec(seen);
      if (m) {
        child.stdout.off('data', onData);
        resolveUrl(m[1]!);
      }
    };
    child.stdout.on('data', onData);
    void exited.then(() => reject(new Error(`lrs serve ${args.join(' ')} exited before listening:\n${seen}`)));
  });
  return { child, url, port: Number(new URL(url).port), exited, output: () => seen };
}
