/**
 * startLrs: opens the store, registers the resources and listens. Used by `boiduong lrs serve`,
 * the preview LMS and the tests (port 0 → a random free port).
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  Authenticator,
  createCredential,
  type NewCredential,
  createLaunchToken,
  type LaunchBinding,
  type Scope,
} from './auth/index.js';
import { MoreTokens, registerResources, Router } from './http/index.js';
import { leveledLog } from './log.js';
import { StatementService } from './service/index.js';
import type { LogLevel } from './log.js';
import type { XapiVersion } from './protocol/index.js';
import { SqliteStore } from './store/sqlite/index.js';
import type { CredentialStore, Store } from './store/index.js';

export interface LrsOptions {
  readonly port?: number;
  readonly host?: string;
  /** Data directory of the SQLite store (and of credentials when the store keeps none). Default .data */
  readonly dataDir?: string;
  readonly store?: 'sqlite' | 'postgres';
  /** PostgreSQL connection string when store is postgres. */
  readonly pg?: string;
  readonly pgSchema?: string;
  /** Origins allowed by CORS; ['*'] allows any. Default: none. */
  readonly origins?: readonly string[];
  /** Body caps in bytes: JSON/documents (default 10 MB) and multipart (default 64 MB). */
  readonly maxBody?: number;
  readonly maxMultipartBody?: number;
  /** Path of the xAPI endpoint. Default /xapi */
  readonly base?: string;
  /**
   * xAPI version in X-Experience-API-Version of answers to requests that name none (the 400 for a
   * missing header, /about, CORS preflights) or name one this LRS does not speak. Default 2.0.0
   */
  readonly defaultVersion?: XapiVersion;
  /** Where log lines go (default stderr). */
  readonly log?: (message: string) => void;
  /** `debug` also logs routine events such as client aborts. Default info */
  readonly logLevel?: LogLevel;
}

export interface RunningLrs {
  /** Base URL of the xAPI endpoint, e.g. http://127.0.0.1:8080/xapi */
  readonly url: string;
  readonly store: Store;
  readonly credentials: CredentialStore;
  /** Creates a Basic credential; the secret is shown only here. */
  createKey(scopes: readonly Scope[], name: string): Promise<NewCredential>;
  /** A one-time fetch URL for a cmi5 launch bound to this registration. */
  createLaunch(binding: LaunchBinding, ttlSeconds?: number): Promise<{ fetchUrl: string; expires: string }>;
  close(): Promise<void>;
}

export async function openStore(options: LrsOptions): Promise<{ store: Store; credentials: CredentialStore; closeExtra: () => Promise<void> }> {
  const dataDir = options.dataDir ?? '.data';
  if ((options.store ?? 'sqlite') === 'sqlite') {
    const store = SqliteStore.open({ dataDir });
    await store.ready();
    return { store, credentials: store.credentials, closeExtra: async () => undefined };
  }
  if (!options.pg) throw new Error('--store postgres needs --pg postgres://USER@HOST:PORT/DB');
  const { PostgresStore } = await import('./store/postgres/index.js');
  const store: Store = await PostgresStore.open({ connectionString: options.pg, ...(options.pgSchema ? { schema: options.pgSchema } : {}) });
  if (store.credentials) return { store, credentials: store.credentials, closeExtra: async () => undefined };
  const keys = SqliteStore.open({ file: join(dataDir, 'lrs-keys.sqlite') });
  return { store, credentials: keys.credentials, closeExtra: () => keys.close() };
}

export async function startLrs(options: LrsOptions = {}): Promise<RunningLrs> {
  const { store, credentials, closeExtra } = await openStore(options);
  const base = options.base ?? '/xapi';
  const host = options.host ?? '127.0.0.1';
  const log = leveledLog(options.log ?? ((m: string) => process.stderr.write(`${m}\n`)), options.logLevel);
  let homePage = `http://${host}`;
  const authenticator = new Authenticator(credentials, () => homePage);
  const router = new Router({
    base,
    authenticator,
    origins: options.origins ?? [],
    maxBody: options.maxBody ?? 10 * 1024 * 1024,
    maxMultipartBody: options.maxMultipartBody ?? 64 * 1024 * 1024,
    log,
    defaultVersion: options.defaultVersion ?? '2.0.0',
  });
  // Nodes sharing a store share the key of their `more` links (a balancer may send the next
  // page to another node); a store without one to share gets a key for this process.
  const tokens = new MoreTokens((await store.sharedSecret?.('more-token')) ?? randomBytes(32));
  registerResources(router, store, credentials, base, new StatementService(store), tokens);
  const server = createServer({ keepAliveTimeout: 65_000 }, router.listener);
  // Expect: 100-continue goes through the router too, which sends 100 Continue only after the
  // credentials are checked and the body is wanted.
  server.on('checkContinue', router.listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  homePage = `http://${shownHost}:${port}`;
  const url = `${homePage}${base}`;
  return {
    url,
    store,
    credentials,
    createKey: (scopes, name) => createCredential(credentials, scopes, name),
    async createLaunch(binding, ttlSeconds) {
      const l = await createLaunchToken(credentials, binding, ttlSeconds);
      return { fetchUrl: `${url}${l.fetchPath}`, expires: l.expires };
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await store.close();
      await closeExtra();
    },
  };
}
