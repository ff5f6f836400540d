/**
 * A small but real LRS for the browser tests, until the project's LRS has a server entry:
 * statements (POST batch, PUT by id, GET), the State API, agent profiles, and a cmi5 fetch URL
 * that hands out a session token once. Cross-origin like a real deployment (CORS), Basic auth
 * checked on every xAPI call, a statement id stored once (the same statement again is accepted,
 * a different one with a known id is a 409).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

export interface TestLrs {
  readonly origin: string;
  /** xAPI endpoint, ending with '/'. */
  readonly endpoint: string;
  /** Statements in the order the LRS stored them. */
  readonly statements: Record<string, unknown>[];
  /** How many times each statement id arrived (resends included). */
  readonly received: Map<string, number>;
  /** Every request's method and path, in order. */
  readonly log: string[];
  /** "Basic …" for a plain xAPI launch. */
  readonly basicAuth: string;
  /** A new cmi5 fetch URL (one per launch). */
  newFetchUrl(): string;
  /** While unreachable, every connection is reset before an answer, as on a dead network. */
  setReachable(up: boolean): void;
  setState(activityId: string, agent: unknown, registration: string | undefined, stateId: string, doc: unknown): void;
  getState(activityId: string, agent: unknown, registration: string | undefined, stateId: string): unknown;
  setAgentProfile(agent: unknown, profileId: string, doc: unknown): void;
  close(): Promise<void>;
}

function agentKey(agent: unknown): string {
  const a = (typeof agent === 'string' ? JSON.parse(agent) : agent) as Record<string, unknown>;
  const account = a['account'] as { homePage: string; name: string } | undefined;
  if (account) return `account:${account.homePage}|${account.name}`;
  return `ifi:${String(a['mbox'] ?? a['mbox_sha1sum'] ?? a['openid'])}`;
}

function docKey(activityId: string, agent: unknown, registration: string | undefined, stateId: string): string {
  return [activityId, agentKey(agent), registration ?? '', stateId].join('\u0000');
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The statement as the learner's AU sent it, without what the LRS adds. */
function comparable(s: Record<string, unknown>): string {
  const { stored: _s, authority: _a, version: _v, ...rest } = s;
  return JSON.stringify(rest);
}

export async function startTestLrs(): Promise<TestLrs> {
  const statements: Record<string, unknown>[] = [];
  const byId = new Map<string, Record<string, unknown>>();
  const received = new Map<string, number>();
  const documents = new Map<string, string>();
  const profiles = new Map<string, string>();
  const tokens = new Set<string>();
  const fetchUrls = new Map<string, boolean>();
  const log: string[] = [];
  let reachable = true;
  const basicToken = Buffer.from('lms:secret').toString('base64');
  tokens.add(basicToken);

  const cors = (res: ServerResponse): void => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Experience-API-Version');
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, OPTIONS');
    res.setHeader('Access-Control-Expose-Headers', 'ETag, X-Experience-API-Version');
  };
  const json = (res: ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'Content-Type': 'application/json', 'X-Experience-API-Version': '1.0.3' });
    res.end(JSON.stringify(body));
  };

  /** Store a batch atomically: all new or identical, else nothing and 409. */
  const store = (batch: Record<string, unknown>[]): number => {
    for (const s of batch) received.set(String(s['id']), (received.get(String(s['id'])) ?? 0) + 1);
    for (const s of batch) {
      const known = byId.get(String(s['id']));
      if (known && comparable(known) !== comparable(s)) return 409;
    }
    for (const s of batch) {
      const id = typeof s['id'] === 'string' ? s['id'] : randomBytes(16).toString('hex');
      if (byId.has(id)) continue;
      const stored = { ...s, id, stored: new Date().toISOString() };
      byId.set(id, stored);
      statements.push(stored);
    }
    return 200;
  };

  const server = createServer((req, res) => {
    if (!reachable) {
      req.socket.destroy();
      return;
    }
    void (async () => {
      cors(res);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      log.push(`${req.method} ${url.pathname}`);
      if (req.method === 'OPTIONS') {
        res.writeHead(204).end();
        return;
      }
      if (url.pathname.startsWith('/fetch/') && req.method === 'POST') {
        const key = url.pathname.slice('/fetch/'.length);
        if (!fetchUrls.has(key)) return json(res, 404, { 'error-code': '3', 'error-text': 'unknown' });
        if (fetchUrls.get(key)) return json(res, 200, { 'error-code': '1', 'error-text': 'already in use' });
        fetchUrls.set(key, true);
        const token = Buffer.from(`au:${key}`).toString('base64');
        tokens.add(token);
        return json(res, 200, { 'auth-token': token });
      }
      if (!url.pathname.startsWith('/xapi/')) return json(res, 404, {});
      const auth = req.headers.authorization ?? '';
      if (!auth.startsWith('Basic ') || !tokens.has(auth.slice(6))) return json(res, 401, { error: 'unauthorised' });
      if (!req.headers['x-experience-api-version']) return json(res, 400, { error: 'version header missing' });
      const resource = url.pathname.slice('/xapi/'.length);
      const q = url.searchParams;
      const body = req.method === 'GET' ? '' : await readBody(req);
      if (resource === 'statements') {
        if (req.method === 'POST') {
          const parsed = JSON.parse(body) as unknown;
          const batch = (Array.isArray(parsed) ? parsed : [parsed]) as Record<string, unknown>[];
          const status = store(batch);
          return status === 200 ? json(res, 200, batch.map((s) => s['id'])) : json(res, status, { error: 'conflict' });
        }
        if (req.method === 'PUT') {
          const s = JSON.parse(body) as Record<string, unknown>;
          if (s['id'] !== q.get('statementId')) return json(res, 400, { error: 'id mismatch' });
          const status = store([s]);
          res.writeHead(status === 200 ? 204 : status).end();
          return;
        }
        return json(res, 200, { statements, more: '' });
      }
      if (resource === 'activities/state') {
        const key = docKey(q.get('activityId') ?? '', q.get('agent') ?? '{}', q.get('registration') ?? undefined, q.get('stateId') ?? '');
        if (req.method === 'PUT' || req.method === 'POST') {
          documents.set(key, body);
          res.writeHead(204).end();
          return;
        }
        const doc = documents.get(key);
        if (doc === undefined) return json(res, 404, {});
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(doc);
        return;
      }
      if (resource === 'agents/profile') {
        const doc = profiles.get(`${agentKey(q.get('agent') ?? '{}')}\u0000${q.get('profileId') ?? ''}`);
        if (doc === undefined) return json(res, 404, {});
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(doc);
        return;
      }
      return json(res, 404, {});
    })().catch((e: unknown) => {
      if (!res.headersSent) json(res, 500, { error: String(e) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    endpoint: `${origin}/xapi/`,
    statements,
    received,
    log,
    basicAuth: `Basic ${basicToken}`,
    newFetchUrl() {
      const key = randomBytes(8).toString('hex');
      fetchUrls.set(key, false);
      return `${origin}/fetch/${key}`;
    },
    setReachable(up) {
      reachable = up;
    },
    setState(activityId, agent, registration, stateId, doc) {
      documents.set(docKey(activityId, agent, registration, stateId), JSON.stringify(doc));
    },
    getState(activityId, agent, registration, stateId) {
      const d = documents.get(docKey(activityId, agent, registration, stateId));
      return d === undefined ? undefined : (JSON.parse(d) as unknown);
    },
    setAgentProfile(agent, profileId, doc) {
      profiles.set(`${agentKey(agent)}\u0000${profileId}`, JSON.stringify(doc));
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
