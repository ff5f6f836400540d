/**
 * The project's own LRS for the browser tests: started embedded on a random port with a fresh
 * SQLite store, an LMS key with every scope, and a gate in front of it so a test can make the
 * LRS unreachable (connections reset, as on a dead network). Everything the tests write or read
 * goes over xAPI with that key, as an LMS would: LaunchData and preferences in, statements out.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { CMI5 } from '../../../src/core/xapi/cmi5.js';
import { startLrs, type RunningLrs } from '../../../src/lrs/index.js';

export interface ProjectLrs {
  /** Origin the browser talks to (the gate). */
  readonly origin: string;
  /** xAPI endpoint as given in launch links, ending with '/'. */
  readonly endpoint: string;
  /** "Basic …" of the LMS key (also what a plain xAPI launch passes as auth). */
  readonly basicAuth: string;
  /** A one-time cmi5 fetch URL bound to this launch, reached through the gate. */
  newFetchUrl(binding: { actor: Record<string, unknown>; registration: string; activityId: string; contextTemplate?: Record<string, unknown> }): Promise<string>;
  /**
   * The LMS's side of a cmi5 launch: LaunchData with a new session's template, then a fetch URL
   * minted with that template (so the LRS holds the AU to the session's rules); the launch
   * parameters the AU reads from its URL.
   */
  prepareCmi5Launch(launch: Cmi5Launch): Promise<{ query: URLSearchParams; sessionId: string }>;
  /** While unreachable, every connection is reset before an answer. */
  setReachable(up: boolean): void;
  setState(activityId: string, agent: unknown, registration: string | undefined, stateId: string, doc: unknown): Promise<void>;
  getState(activityId: string, agent: unknown, registration: string | undefined, stateId: string): Promise<unknown>;
  setAgentProfile(agent: unknown, profileId: string, doc: unknown): Promise<void>;
  /** Every statement of a registration, oldest stored first, read back over GET /statements. */
  statements(registration: string): Promise<Record<string, unknown>[]>;
  /** POST to a URL of this LRS without credentials (e.g. a spent fetch URL); status and JSON body. */
  post(url: string): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

export interface Cmi5Launch {
  readonly actor: Record<string, unknown>;
  readonly registration: string;
  readonly activityId: string;
  readonly launchMode?: 'Normal' | 'Browse' | 'Review';
  readonly moveOn?: string;
}

/** A TCP gate in front of the LRS: forwards bytes, or resets every connection while closed. */
async function gate(target: number): Promise<{ server: Server; port: number; setOpen(open: boolean): void }> {
  let open = true;
  const live = new Set<Socket>();
  const server = createServer((client) => {
    if (!open) {
      client.resetAndDestroy();
      return;
    }
    const upstream = new Socket();
    live.add(client).add(upstream);
    const drop = (): void => {
      client.destroy();
      upstream.destroy();
      live.delete(client);
      live.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    upstream.connect(target, '127.0.0.1', () => {
      client.pipe(upstream);
      upstream.pipe(client);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    port: (server.address() as AddressInfo).port,
    setOpen(next) {
      open = next;
      // Kept-alive connections would otherwise let requests through a closed gate.
      if (!next) for (const s of live) s.destroy();
    },
  };
}

export async function startProjectLrs(): Promise<ProjectLrs> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bd-formats-lrs-'));
  const lrs: RunningLrs = await startLrs({ port: 0, dataDir, origins: ['*'], log: () => undefined });
  const key = await lrs.createKey(['all'], 'format tests (LMS)');
  const basicAuth = `Basic ${Buffer.from(`${key.key}:${key.secret}`).toString('base64')}`;
  const lrsUrl = new URL(lrs.url);
  const g = await gate(Number(lrsUrl.port));
  const origin = `http://127.0.0.1:${g.port}`;
  const endpoint = `${origin}${lrsUrl.pathname}/`;
  const viaGate = (u: string): string => {
    const url = new URL(u);
    return `${origin}${url.pathname}${url.search}`;
  };
  // The tests themselves talk to the LRS directly, so a closed gate does not blind them.
  const direct = `${lrs.url}/`;
  const headers = { Authorization: basicAuth, 'X-Experience-API-Version': '1.0.3' };

  const docQuery = (activityId: string, agent: unknown, registration: string | undefined, stateId: string): string => {
    const q = new URLSearchParams({ activityId, agent: JSON.stringify(agent), stateId });
    if (registration) q.set('registration', registration);
    return q.toString();
  };
  const expectOk = async (res: Response, what: string): Promise<void> => {
    if (!res.ok) throw new Error(`${what}: ${res.status} ${await res.text()}`);
  };

  const project: ProjectLrs = {
    origin,
    endpoint,
    basicAuth,
    async newFetchUrl(binding) {
      return viaGate((await lrs.createLaunch(binding)).fetchUrl);
    },
    async prepareCmi5Launch({ actor, registration, activityId, launchMode = 'Normal', moveOn = 'CompletedAndPassed' }) {
      const sessionId = randomUUID();
      const contextTemplate = { extensions: { [CMI5.sessionId]: sessionId } };
      await project.setState(activityId, actor, registration, CMI5.launchDataStateId, { contextTemplate, launchMode, moveOn });
      const fetch = await project.newFetchUrl({ actor, registration, activityId, contextTemplate });
      return { query: new URLSearchParams({ endpoint, fetch, actor: JSON.stringify(actor), registration, activityId }), sessionId };
    },
    setReachable: (up) => g.setOpen(up),
    async setState(activityId, agent, registration, stateId, doc) {
      const res = await fetch(`${direct}activities/state?${docQuery(activityId, agent, registration, stateId)}`, {
        method: 'PUT',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify(doc),
      });
      await expectOk(res, 'PUT state');
    },
    async getState(activityId, agent, registration, stateId) {
      const res = await fetch(`${direct}activities/state?${docQuery(activityId, agent, registration, stateId)}`, { headers });
      if (res.status === 404) return undefined;
      await expectOk(res, 'GET state');
      return (await res.json()) as unknown;
    },
    async setAgentProfile(agent, profileId, doc) {
      const q = new URLSearchParams({ agent: JSON.stringify(agent), profileId });
      const res = await fetch(`${direct}agents/profile?${q.toString()}`, {
        method: 'PUT',
        headers: { ...headers, 'Content-Type': 'application/json', 'If-None-Match': '*' },
        body: JSON.stringify(doc),
      });
      await expectOk(res, 'PUT agent profile');
    },
    async statements(registration) {
      const out: Record<string, unknown>[] = [];
      let next: string | undefined = `${direct}statements?${new URLSearchParams({ registration, ascending: 'true', limit: '100' }).toString()}`;
      while (next) {
        const res = await fetch(next, { headers });
        await expectOk(res, 'GET statements');
        const page = (await res.json()) as { statements: Record<string, unknown>[]; more?: string };
        out.push(...page.statements);
        next = page.more ? new URL(page.more, lrsUrl.origin).toString() : undefined;
      }
      return out;
    },
    async post(url) {
      const res = await fetch(url, { method: 'POST' });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    },
    async close() {
      g.setOpen(false);
      await new Promise<void>((resolve) => g.server.close(() => resolve()));
      await lrs.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return project;
}
