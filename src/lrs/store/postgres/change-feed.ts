/**
 * Credential changes from every process sharing a schema, over PostgreSQL LISTEN/NOTIFY. The
 * writer notifies in the statement that changes the row (credentials.ts), so a change and its
 * notification commit together, and PostgreSQL delivers it to every listening session.
 *
 * A notification can only be missed while the listening connection is down. That is detected
 * by the connection's own error/end events and by a heartbeat query (HEARTBEAT_MS, answered
 * within HEARTBEAT_TIMEOUT_MS); then every listener is told `lost()` (they forget what they
 * remember and fall back to their time-to-live) and the feed reconnects.
 */
import pg from 'pg';
import type { ChangeListener, CredentialChanges } from '../store.js';

/** One channel for the database; the payload names the schema, so schemas do not see each other's changes. */
export const CHANGE_CHANNEL = 'boiduong_lrs';
/** application_name of the listening connections, so an operator can tell them in pg_stat_activity. */
export const CHANGE_FEED_APPLICATION = 'boiduong-lrs-changes';
export const HEARTBEAT_MS = 1_000;
export const HEARTBEAT_TIMEOUT_MS = 1_000;
const RECONNECT_MS = 500;

export interface ChangeNotice {
  /** Schema whose row changed. */
  readonly s: string;
  /** Credential key. */
  readonly k: string;
}

export class ChangeFeed implements CredentialChanges {
  private readonly listeners = new Set<ChangeListener>();
  private client: pg.Client | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private retry: NodeJS.Timeout | undefined;
  private closed = false;
  /** Whether a listening connection is up now (for tests and the log). */
  live = false;

  constructor(
    private readonly connectionString: string,
    private readonly schema: string,
    private readonly onError: (message: string) => void = () => undefined,
  ) {}

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    if (!this.client && !this.retry && !this.closed) void this.connect();
    return () => this.listeners.delete(listener);
  }

  private async connect(): Promise<void> {
    this.retry = undefined;
    const client = new pg.Client({ connectionString: this.connectionString, application_name: CHANGE_FEED_APPLICATION });
    this.client = client;
    let failed = false;
    const fail = (why: string): void => {
      if (failed || this.closed) return;
      failed = true;
      this.down(client, why);
    };
    client.on('error', (e) => fail(e.message));
    client.on('end', () => fail('connection ended'));
    client.on('notification', (n) => {
      if (n.channel !== CHANGE_CHANNEL || n.payload === undefined) return;
      const notice = parseNotice(n.payload);
      if (notice?.s === this.schema) for (const l of this.listeners) l.changed(notice.k);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGE_CHANNEL}`);
    } catch (e) {
      fail(e instanceof Error ? e.message : String(e));
      return;
    }
    if (this.closed || failed) return;
    this.live = true;
    this.heartbeat = setInterval(() => {
      const timer = setTimeout(() => fail(`no answer to the heartbeat within ${HEARTBEAT_TIMEOUT_MS} ms`), HEARTBEAT_TIMEOUT_MS);
      client.query('SELECT 1').then(
        () => clearTimeout(timer),
        (e: unknown) => {
          clearTimeout(timer);
          fail(e instanceof Error ? e.message : String(e));
        },
      );
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** The connection is gone: everyone forgets, and the feed tries again. */
  private down(client: pg.Client, why: string): void {
    if (this.client !== client) return;
    const wasLive = this.live;
    this.live = false;
    clearInterval(this.heartbeat);
    this.client = undefined;
    void client.end().catch(() => undefined);
    for (const l of this.listeners) l.lost();
    if (wasLive) this.onError(`LRS: credential change notifications interrupted (${why}); keys are rechecked every few seconds until they are back`);
    if (!this.closed) {
      this.retry = setTimeout(() => void this.connect(), RECONNECT_MS);
      this.retry.unref();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.live = false;
    clearInterval(this.heartbeat);
    clearTimeout(this.retry);
    const c = this.client;
    this.client = undefined;
    await c?.end().catch(() => undefined);
  }
}

function parseNotice(payload: string): ChangeNotice | undefined {
  try {
    const n = JSON.parse(payload) as Partial<ChangeNotice>;
    return typeof n.s === 'string' && typeof n.k === 'string' ? { s: n.s, k: n.k } : undefined;
  } catch {
    return undefined;
  }
}
