/**
 * Reads from a streaming replica without reading stale data. A read that arrives at time a is
 * served by the replica once the replica has replayed the primary's WAL up to a position the
 * primary had flushed at some t ≥ a: every write acknowledged before the read arrived, by any
 * node, committed (and was flushed, synchronous_commit on) before t, so the replica holds it.
 * When that takes longer than the wait bound, or either server cannot be asked, the read goes to
 * the primary.
 *
 * One loop serves every waiting read: it samples the primary's flush position (one query) when a
 * read is waiting for a sample newer than its arrival, and polls the replica's replay position
 * until the samples are confirmed. Both run on connections of their own, so a busy pool delays
 * neither.
 */
import pg from 'pg';
import type { ReadReplica } from '../store.js';
import type { PostgresOptions } from './pool.js';
import { PostgresStore } from './store.js';

export interface ReplicaOptions extends PostgresOptions {
  /** The primary, whose flush position the replica must reach. */
  readonly primary: string;
  /** How long a read waits for the replica before it goes to the primary. Default 500 ms. */
  readonly waitMs?: number;
}

interface Sample {
  /** When the primary's position was asked for (ms; taken before the query was sent). */
  readonly at: number;
  readonly lsn: bigint;
}

interface Waiter {
  readonly since: number;
  readonly deadline: number;
  readonly resolve: (t: number | undefined) => void;
}

const POLL_MS = 2;

/** "16/B374D848" → a number that orders like the position. */
export function parseLsn(text: string): bigint {
  const [hi, lo] = text.split('/');
  return (BigInt(`0x${hi}`) << 32n) | BigInt(`0x${lo}`);
}

/** One connection, opened when first needed and again after it fails. */
class OwnConnection {
  private client: Promise<pg.Client> | undefined;
  constructor(private readonly connectionString: string) {}

  async value(sql: string): Promise<string | null> {
    this.client ??= this.open();
    try {
      const c = await this.client;
      const { rows } = await c.query<{ v: string | null }>(sql);
      return rows[0]?.v ?? null;
    } catch (e) {
      const broken = this.client;
      this.client = undefined;
      void broken?.then((c) => c.end()).catch(() => undefined);
      throw e;
    }
  }

  private async open(): Promise<pg.Client> {
    const c = new pg.Client({ connectionString: this.connectionString, application_name: 'boiduong-lrs-replay' });
    c.on('error', () => undefined);
    await c.connect();
    return c;
  }

  async close(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    await c?.then((x) => x.end()).catch(() => undefined);
  }
}

export class PostgresReplica implements ReadReplica {
  private waiters: Waiter[] = [];
  private samples: Sample[] = [];
  /** The latest time through which the replica is known to hold every commit. */
  private confirmed = 0;
  private running = false;
  /** Whether the last attempt to ask failed (logged once until it works again). */
  private failing = false;
  private readonly primary: OwnConnection;
  private readonly replica: OwnConnection;

  private constructor(
    readonly store: PostgresStore,
    options: ReplicaOptions,
    private readonly waitMs: number,
    private readonly log: (message: string) => void,
  ) {
    this.primary = new OwnConnection(options.primary);
    this.replica = new OwnConnection(options.connectionString);
  }

  static async open(options: ReplicaOptions): Promise<PostgresReplica> {
    const store = await PostgresStore.openReadOnly(options);
    return new PostgresReplica(store, options, options.waitMs ?? 500, options.log ?? (() => undefined));
  }

  caughtUp(since: number): Promise<number | undefined> {
    if (this.confirmed >= since) return Promise.resolve(this.confirmed);
    return new Promise((resolve) => {
      this.waiters.push({ since, deadline: since + this.waitMs, resolve });
      if (!this.running) void this.run();
    });
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      while (this.waiters.length > 0) {
        const newest = this.samples[this.samples.length - 1];
        if (!newest || this.waiters.some((w) => w.since > newest.at)) {
          const at = Date.now();
          const lsn = await this.primary.value('SELECT pg_current_wal_flush_lsn()::text AS v');
          if (lsn === null) throw new Error('the primary gave no WAL position');
          this.samples.push({ at, lsn: parseLsn(lsn) });
        }
        const replayed = await this.replica.value('SELECT pg_last_wal_replay_lsn()::text AS v');
        if (this.failing) this.log('LRS: the replica answers again; reads go to it');
        this.failing = false;
        if (replayed !== null) {
          const r = parseLsn(replayed);
          while (this.samples.length > 0 && this.samples[0]!.lsn <= r) this.confirmed = Math.max(this.confirmed, this.samples.shift()!.at);
        }
        const now = Date.now();
        this.waiters = this.waiters.filter((w) => {
          if (this.confirmed >= w.since) w.resolve(this.confirmed);
          else if (now >= w.deadline) w.resolve(undefined);
          else return true;
          return false;
        });
        if (this.waiters.length > 0) await new Promise((r) => setTimeout(r, POLL_MS));
      }
    } catch (e) {
      if (!this.failing) this.log(`LRS: cannot tell how far the replica has replayed (${e instanceof Error ? e.message : String(e)}); reads go to the primary meanwhile`);
      this.failing = true;
      for (const w of this.waiters) w.resolve(undefined);
      this.waiters = [];
      this.samples = [];
    } finally {
      this.running = false;
    }
  }

  async close(): Promise<void> {
    for (const w of this.waiters) w.resolve(undefined);
    this.waiters = [];
    await Promise.all([this.primary.close(), this.replica.close(), this.store.close()]);
  }
}
