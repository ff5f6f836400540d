/**
 * A test double of an LMS that refuses, in front of the project's LRS: it enforces cmi5 session
 * rules on statement POSTs the way ADL's reference LMS does. A launch token belongs to the first
 * session id it posts; a batch that mixes sessions, or carries another session's statement, is
 * refused with 403, and so is anything sent with a token after its session's terminated. Every
 * other request (State API, agent profiles, GET statements) passes through to the real LRS.
 * `refuse` makes it refuse chosen statements with 403 as well, as an LMS with its own rules may.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CMI5 } from '../../../src/core/xapi/cmi5.js';

export interface SessionLms {
  /** xAPI endpoint to put in launch links, ending with '/'. */
  readonly endpoint: string;
  /** Every statement POST: its sessions, its token, and the status answered. */
  readonly posts: { readonly sessions: string[]; readonly auth: string; readonly status: number }[];
  close(): Promise<void>;
}

const TERMINATED = 'http://adlnet.gov/expapi/verbs/terminated';
const HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding', 'host']);

function body(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c)).on('end', () => resolve(Buffer.concat(parts))).on('error', reject);
  });
}

type Posted = { verb: { id: string }; context?: { extensions?: Record<string, unknown> } };

export async function startSessionLms(upstreamEndpoint: string, refuse: (s: Posted) => boolean = () => false): Promise<SessionLms> {
  const upstream = new URL(upstreamEndpoint);
  const sessionOfToken = new Map<string, string>();
  const ended = new Set<string>();
  const posts: { sessions: string[]; auth: string; status: number }[] = [];
  let prefix = '';

  const server: Server = createServer((req, res) => {
    void (async () => {
      const data = await body(req);
      const path = (req.url ?? '/').slice(prefix.length);
      const auth = String(req.headers['authorization'] ?? '');
      if (req.method === 'POST' && path.startsWith('statements')) {
        const parsed = JSON.parse(data.toString('utf8')) as unknown;
        const list = (Array.isArray(parsed) ? parsed : [parsed]) as Posted[];
        const sessions = [...new Set(list.map((s) => String(s.context?.extensions?.[CMI5.sessionId] ?? '')))];
        const own = sessionOfToken.get(auth) ?? sessions[0]!;
        if (sessions.length > 1 || sessions[0] !== own || ended.has(own) || list.some(refuse)) {
          posts.push({ sessions, auth, status: 403 });
          res.writeHead(403, { 'Content-Type': 'text/plain', 'Access-Control-Allow-Origin': '*' }).end('cmi5: statement outside this session');
          return;
        }
        sessionOfToken.set(auth, own);
        const forwarded = await forward(req, data, path);
        posts.push({ sessions, auth, status: forwarded.status });
        if (forwarded.status < 300 && list.some((s) => s.verb.id === TERMINATED)) ended.add(own);
        return reply(res, forwarded);
      }
      reply(res, await forward(req, data, path));
    })().catch((e: unknown) => res.writeHead(502).end(String(e)));
  });

  async function forward(req: IncomingMessage, data: Buffer, path: string): Promise<Response> {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (!HOP.has(k) && typeof v === 'string') headers[k] = v;
    return fetch(`${upstream.origin}${upstream.pathname}${path}`, {
      method: req.method ?? 'GET',
      headers,
      ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body: new Uint8Array(data) }),
    });
  }

  function reply(res: import('node:http').ServerResponse, r: Response): void {
    void r.arrayBuffer().then((buf) => {
      const headers: Record<string, string> = {};
      r.headers.forEach((v, k) => {
        if (!HOP.has(k)) headers[k] = v;
      });
      res.writeHead(r.status, headers).end(Buffer.from(buf));
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  prefix = '/lms/xapi/';
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint: `${origin}${prefix}`,
    posts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
