/**
 * Ingest load from wrk, a load generator in C (Debian's package), for `bench:lrs --client wrk`.
 * On a machine of two cores the clients share the cores with the server they measure: the
 * benchmark's own client in Node (raw-http.ts) takes 0.1–0.3 ms of them per single POST, wrk a
 * tenth of that, so the servers' figures are less disturbed by their load.
 *
 * wrk runs for a time, not a count: each connection sends, waits for its answer and sends again
 * (no pipelining), cycling through statements made like the player's (makeStatement), each sent
 * with an id of its own, as the player sends them (wrk's script writes a new one into every
 * statement it sends: the peer spends a tenth more per statement when it must make the id
 * itself). A server that is faster stores more in the same time, which can only slow it (its
 * store grows), never the slower one.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeStatement, type Endpoint, type IngestResult } from './lrs-load.js';
import { endedChildrenCpuSeconds } from './pg-cpu.js';

/** Distinct statements wrk cycles through (in STATEMENTS / batch request bodies, at least 50). */
const STATEMENTS = 20_000;

/** Is wrk on this machine? */
export function hasWrk(): boolean {
  return spawnSync('wrk', ['--version'], { stdio: 'ignore' }).error === undefined;
}

/** A Lua string literal (wrk's scripts are Lua). */
const lua = (s: string): string => `"${s.replace(/[\\"]/g, '\\$&').replace(/\n/g, '\\n')}"`;

/** Where a statement's id goes in a body; the script writes a new id there at every send. */
const ID_MARK = '@ID@';

/**
 * The script: bodies cycled through, each statement's id `<run>-0000-4000-8000-<count>` (a
 * UUID; the run's 8 hex digits keep ids apart across runs against one store).
 */
function script(bodiesFile: string, path: string, headers: Readonly<Record<string, string>>, run: string): string {
  const h = Object.entries(headers).map(([k, v]) => `[${lua(k)}] = ${lua(v)}`).join(', ');
  return `
local bodies = {}
for line in io.lines(${lua(bodiesFile)}) do bodies[#bodies + 1] = line end
local headers = { ${h} }
local i = 0
local n = 0
local function nextId()
  n = n + 1
  return string.format("${run}-0000-4000-8000-%012x", n)
end
function request()
  i = i % #bodies + 1
  local body = bodies[i]:gsub(${lua(ID_MARK)}, nextId)
  return wrk.format("POST", ${lua(path)}, headers, body)
end
`;
}

const UNITS: Readonly<Record<string, number>> = { us: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/** What wrk printed, read: completed requests, the time they took, answers not 2xx/3xx, socket errors. */
export function parseWrk(out: string): { requests: number; seconds: number; notOk: number; socketErrors: number } {
  const done = /(\d+) requests in ([\d.]+)(us|ms|s|m|h)\b/.exec(out);
  if (!done) throw new Error(`wrk printed no summary:\n${out.slice(0, 2000)}`);
  const notOk = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const socketErrors = errors ? errors.slice(1).reduce((n, x) => n + Number(x), 0) : 0;
  return { requests: Number(done[1]), seconds: Number(done[2]) * UNITS[done[3]!]!, notOk, socketErrors };
}

/**
 * `clients` connections POSTing batches of `batch` statements for `seconds`. Statements are
 * counted in answers of status 2xx or 3xx (xAPI answers a POST with 200); the rest, and socket
 * errors, are failures.
 */
export async function ingestWithWrk(ep: Endpoint, seconds: number, batch: number, clients: number, offset = 0): Promise<IngestResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bd-wrk-'));
  try {
    const lines: string[] = [];
    const bodiesCount = Math.max(50, Math.floor(STATEMENTS / batch));
    for (let b = 0; b < bodiesCount; b++) {
      const list = Array.from({ length: batch }, (_, i) => ({ ...makeStatement(offset + b * batch + i), id: ID_MARK }));
      lines.push(JSON.stringify(batch === 1 ? list[0] : list));
    }
    const bodies = join(dir, 'bodies.jsonl');
    writeFileSync(bodies, lines.join('\n') + '\n');
    const url = new URL(ep.base + '/statements');
    const scriptFile = join(dir, 'post.lua');
    const headers = { authorization: ep.authorization, 'x-experience-api-version': ep.version ?? '1.0.3', 'content-type': 'application/json' };
    writeFileSync(scriptFile, script(bodies, url.pathname, headers, randomBytes(4).toString('hex')));
    const cpuBefore = await endedChildrenCpuSeconds();
    const out = await new Promise<string>((resolve, reject) => {
      // One thread: it keeps up with tens of connections, and leaves the cores to the servers.
      const child = spawn('wrk', ['-t1', `-c${clients}`, `-d${seconds}s`, '--timeout', '30s', '-s', scriptFile, `${url.protocol}//${url.host}`], { stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      child.stdout.on('data', (d: Buffer) => (text += d.toString()));
      child.stderr.on('data', (d: Buffer) => (text += d.toString()));
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk exited with ${code}:\n${text.slice(0, 2000)}`))));
    });
    const clientCpuSeconds = (await endedChildrenCpuSeconds()) - cpuBefore;
    const r = parseWrk(out);
    const ok = r.requests - r.notOk;
    return { statements: ok * batch, seconds: r.seconds, perSecond: (ok * batch) / r.seconds, failures: r.notOk + r.socketErrors, clientCpuSeconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
