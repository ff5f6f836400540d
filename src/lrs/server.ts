/**
 * startLrs: opens the store, registers the resources and listens. Used by `boiduong lrs serve`,
 * the preview LMS and the tests (port 0 → a random free port).
 */
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
import { registerResources, Router } from './http/index.js';
import { leveledLog } from './log.js';
import { StatementService } from './service/index.js';
import type { LogLevel } from './log.js';
import type { XapiVersion } from './protocol/index.js';
import { SqliteStore } from './store/sqlite/index.js';
import type { CredentialStore, ReadReplica, Store } from './store/index.js';
import type { ReadSource } from './service/index.js';

export interface LrsOptions {
  readonly port?: number;
  readonly host?: string;
  /** Data directory of the SQLite store (and of credentials when the store keeps none). Default .data */
  readonly dataDir?: string;
  readonly store?: 'sqlite' | 'postgres';
  /** PostgreSQL connection string when store is postgres. */
  readonly pg?: string;
  readonly pgSchema?: string;
  /**
   * A streaming replica of `pg` that serves GETs (statements, documents, activities) once it
   * holds every write the primary had committed when the GET arrived. Writes go to `pg`.
   */
  readonly pgRead?: string;
  /** How long a GET waits for the replica before it reads from the primary. Default 500 ms */
  readonly pgReadWaitMs?: number;
  /** Origins allowed by CORS; ['*'] allows any. Default: none. */
  readonly origins?: readonly string[];
  /** Body caps in bytes: JSON/documents (default 10 MB) and multipart (default 64 MB). */
  readonly maxBody?: number;
  readonly maxMultipartBody?: number;
  /** Path of the xAPI endpoint. Default /xapi */
  readonly base?: string;
  /**
   * The xAPI endpoint as clients reach it when that is not this process (a balancer in front of
   * several nodes), e.g. https://lrs.example/xapi. Its origin names this LRS in the authority of
   * stored statements and cmi5 fetch URLs point at it, so every node gives the same answers.
   * Default: this process's own address.
   */
  readonly publicUrl?: string;
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
  const store: Store = await PostgresStore.open({
    connectionString: options.pg,
    ...(options.pgSchema ? { schema: options.pgSchema } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  if (store.credentials) return { store, credentials: store.credentials, closeExtra: async () => undefined };
  const keys = SqliteStore.open({ file: join(dataDir, 'lrs-keys.sqlite') });
  return { store, credentials: keys.credentials, closeExtra: () => keys.close() };
}

function checkedPublicUrl(value: string): URL {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new Error(`publicUrl ${value} is not a URL: give the xAPI endpoint clients use, e.g. https://lrs.example/xapi`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`publicUrl ${value} must be http:// or https://`);
  return u;
}

/** The replica of `--pg-read`, after the primary is open (its schema is migrated by then). */
async function openReplica(options: LrsOptions): Promise<ReadReplica | undefined> {
  if (options.pgRead === undefined) return undefined;
  if (options.store !== 'postgres' || !options.pg) throw new Error('--pg-read needs --store postgres with --pg (the primary it is a replica of)');
  const { PostgresReplica } = await import('./store/postgres/index.js');
  return PostgresReplica.open({
    connectionString: options.pgRead,
    primary: options.pg,
    ...(options.pgSchema ? { schema: options.pgSchema } : {}),
    ...(options.pgReadWaitMs !== undefined ? { waitMs: options.pgReadWaitMs } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
}

/** Where a GET reads: the replica once it has caught up with the GET's arrival, else the primary. */
function readSourceOf(store: Store, replica: ReadReplica | undefined): () => Promise<ReadSource> {
  if (!replica) return () => Promise.resolve({ store });
  return async () => {
    const through = await replica.caughtUp(Date.now());
    return through === undefined ? { store } : { store: replica.store, through: new Date(through).toISOString() };
  };
}

export async function startLrs(options: LrsOptions = {}): Promise<RunningLrs> {
  const { store, credentials, closeExtra } = await openStore(options);
  let replica: ReadReplica | undefined;
  try {
    replica = await openReplica(options);
  } catch (e) {
    await store.close();
    await closeExtra();
    throw e;
  }
  const base = options.base ?? '/xapi';
  const host = options.host ?? '127.0.0.1';
  const log = leveledLog(options.log ?? ((m: string) => process.stderr.write(`${m}\n`)), options.logLevel);
  const publicUrl = options.publicUrl !== undefined ? checkedPublicUrl(options.publicUrl) : undefined;
  let homePage = publicUrl?.origin ?? `http://${host}`;
  const authenticator = new Authenticator(credentials, () => homePage);
  const unfollow = authenticator.follow(credentials.changes);
  const router = new Router({
    base,
    authenticator,
    origins: options.origins ?? [],
    maxBody: options.maxBody ?? 10 * 1024 * 1024,
    maxMultipartBody: options.maxMultipartBody ?? 64 * 1024 * 1024,
    log,
    defaultVersion: options.defaultVersion ?? '2.0.0',
  });
  registerResources(router, store, credentials, base, new StatementService(store), readSourceOf(store, replica));
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
  const url = `http://${shownHost}:${port}${base}`;
  if (!publicUrl) homePage = `http://${shownHost}:${port}`;
  const clientUrl = publicUrl ? publicUrl.href.replace(/\/$/, '') : url;
  return {
    url,
    store,
    credentials,
    createKey: (scopes, name) => createCredential(credentials, scopes, name),
    async createLaunch(binding, ttlSeconds) {
      const l = await createLaunchToken(credentials, binding, ttlSeconds);
      return { fetchUrl: `${clientUrl}${l.fetchPath}`, expires: l.expires };
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      unfollow();
      await replica?.close();
      await store.close();
      await closeExtra();
    },
  };
}
