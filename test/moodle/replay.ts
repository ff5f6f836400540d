/**
 * Replays answers recorded from a real Moodle 4.5.6 (test/moodle/recorded/*.json) on 127.0.0.1:
 * a request is answered with the recorded response whose form fields (all but the token) are the
 * same. A request that was never recorded fails the test loudly (HTTP 599), so a change in what
 * the pull asks shows up here instead of passing on a made-up answer.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

interface Exchange {
  readonly request: { readonly path: string; readonly body: Record<string, string> };
  readonly response: { readonly status: number; readonly contentType: string | null; readonly body: unknown };
}

export const recordedDir = path.join(import.meta.dirname, 'recorded');

export function recording(name: string): { recordedFrom: string; exchanges: Exchange[] } {
  return JSON.parse(readFileSync(path.join(recordedDir, `${name}.json`), 'utf8')) as { recordedFrom: string; exchanges: Exchange[] };
}

const keyOf = (p: string, body: Record<string, string>): string =>
  `${p.split('?')[0]} ${JSON.stringify(Object.entries(body).filter(([k]) => k !== 'wstoken').sort(([a], [b]) => a.localeCompare(b)))}`;

export interface Replay {
  readonly url: string;
  /** wsfunction of every request served, in order. */
  readonly calls: string[];
  /** Tokens the client sent (the pull must send one, in the body). */
  readonly tokens: Set<string>;
  close(): Promise<void>;
}

export interface ReplayOptions {
  /** Drop the connection instead of answering from this request on (0-based), to cut a run short. */
  readonly failFrom?: number;
}

export async function startReplay(name: string, options: ReplayOptions = {}): Promise<Replay> {
  const answers = new Map<string, Exchange['response']>();
  for (const e of recording(name).exchanges) {
    const key = keyOf(e.request.path, e.request.body);
    if (!answers.has(key)) answers.set(key, e.response);
  }
  const calls: string[] = [];
  const tokens = new Set<string>();
  const server: Server = createServer((req, res) => void reply(req, res));
  async function reply(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const body = Object.fromEntries(new URLSearchParams(raw));
    if (body['wstoken']) tokens.add(body['wstoken']);
    if (options.failFrom !== undefined && calls.length >= options.failFrom) {
      calls.push(`dropped:${body['wsfunction'] ?? ''}`);
      req.socket.destroy();
      return;
    }
    calls.push(body['wsfunction'] ?? '');
    const answer = answers.get(keyOf(req.url ?? '', body));
    if (!answer) {
      res.writeHead(599, { 'content-type': 'text/plain' });
      res.end(`not recorded: ${keyOf(req.url ?? '', body)}`);
      return;
    }
    res.writeHead(answer.status, { 'content-type': answer.contentType ?? 'application/json' });
    res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    tokens,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
