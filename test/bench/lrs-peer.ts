/**
 * The peer the LRS benchmarks compare with: npm xapi-statements 5.0.1 (Learning Locker's
 * statements service) with its in-memory store and test credentials, started from the folder
 * LRS_PEER_DIR names (where `npm install xapi-statements@5.0.1` was run, outside the project).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { send, type Endpoint } from './lrs-load.js';

export interface PeerServer {
  readonly endpoint: Endpoint;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

/** The peer: Learning Locker's statements service, in-memory models and storage, test auth. */
export async function startPeer(dir: string): Promise<PeerServer> {
  const port = 18000 + Math.floor(Math.random() * 1000);
  const logs = mkdtempSync(join(tmpdir(), 'bd-peer-'));
  const child = spawn(process.execPath, [join(dir, 'node_modules', 'xapi-statements', 'dist', 'server.js')], {
    cwd: logs,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      AUTH_REPO: 'test',
      EVENTS_REPO: 'test',
      MODELS_REPO: 'memory',
      STORAGE_REPO: 'memory',
      EXPRESS_PORT: String(port),
      EXPRESS_MORGAN_DIRECTORY: join(logs, 'access'),
      WINSTON_CONSOLE_LEVEL: 'error',
    },
  });
  const endpoint = { base: `http://127.0.0.1:${port}/xAPI`, authorization: `Basic ${Buffer.from('test:test').toString('base64')}` };
  for (let i = 0; i < 100; i++) {
    try {
      if ((await send(endpoint, 'GET', '/about')).status === 200) break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const stop = (): Promise<void> =>
    new Promise((done) => {
      child.once('exit', () => {
        rmSync(logs, { recursive: true, force: true });
        done();
      });
      child.kill('SIGTERM');
    });
  return { endpoint, child, stop };
}

