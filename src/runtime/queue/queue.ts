/**
 * The offline statement queue. A statement is stored (with the id it got when it was built)
 * before any attempt to send it; it leaves the store only when the LRS has acknowledged it.
 * Sending is in creation order, in batches, with exponential backoff between failed attempts.
 * A relaunch opens the same store and sends what an earlier session left; since ids never
 * change, a statement the LRS already has is answered 2xx/409 and is not stored twice.
 */
import type { Statement } from '../../core/xapi/statement.js';
import type { QueueStore, QueuedStatement } from './store.js';

/** Send statements to the LRS; resolve with the HTTP status, 0 when the network failed. */
export type Deliver = (statements: readonly Statement[], opts: { readonly keepalive: boolean }) => Promise<number>;

export type Schedule = (run: () => void, ms: number) => () => void;

export interface QueueOptions {
  readonly store: QueueStore;
  /** Statements queued for another LRS stay untouched. */
  readonly endpoint: string;
  readonly deliver: Deliver;
  readonly schedule?: Schedule;
  /** 0..1; spreads retries of many learners on one commune network. */
  readonly random?: () => number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly batchSize?: number;
  readonly now?: () => number;
  /**
   * Synchronous storage written on page exit: an IndexedDB write started in pagehide may never
   * finish, so the pending statements are also copied here and merged back by the next open().
   */
  readonly exitBackup?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
}

const BACKUP_KEY = 'boiduong.xapi.queue.exit';
/** Browsers cap the bodies of keepalive requests in flight at 64 KiB. */
const KEEPALIVE_BYTES = 60_000;

export type QueueState = 'idle' | 'sending' | 'waiting' | 'stopped';

const defaultSchedule: Schedule = (run, ms) => {
  const t = setTimeout(run, ms);
  return () => clearTimeout(t);
};

const ok = (status: number): boolean => status >= 200 && status < 300;

export class StatementQueue {
  private readonly items: QueuedStatement[];
  private writes: Promise<void> = Promise.resolve();
  private flushing: Promise<void> | undefined;
  private cancelRetry: (() => void) | undefined;
  private failures = 0;
  private lastSeq: number;
  private stateNow: QueueState = 'idle';
  private readonly waiters: (() => void)[] = [];

  private constructor(
    private readonly opts: QueueOptions,
    loaded: QueuedStatement[],
  ) {
    this.items = loaded;
    this.lastSeq = loaded.reduce((m, x) => Math.max(m, x.seq), 0);
  }

  /** Open the queue over a store, with whatever earlier sessions left in it. */
  static async open(opts: QueueOptions): Promise<StatementQueue> {
    const loaded = await opts.store.all();
    const backup = opts.exitBackup;
    if (backup) {
      let saved: QueuedStatement[] = [];
      try {
        const parsed: unknown = JSON.parse(backup.getItem(BACKUP_KEY) ?? '[]');
        if (Array.isArray(parsed)) saved = parsed as QueuedStatement[];
      } catch {
        saved = [];
      }
      const known = new Set(loaded.map((x) => x.id));
      for (const item of saved) {
        if (!item || typeof item.id !== 'string' || known.has(item.id)) continue;
        loaded.push(item);
        known.add(item.id);
        await opts.store.put(item).catch(() => undefined);
      }
      loaded.sort((a, b) => a.seq - b.seq);
      try {
        backup.removeItem(BACKUP_KEY);
      } catch {
        // Nothing to clean.
      }
    }
    return new StatementQueue(opts, loaded);
  }

  get state(): QueueState {
    return this.stateNow;
  }

  /** Statements for this LRS not yet acknowledged (rejected ones excluded). */
  pending(): readonly Statement[] {
    return this.sendable().map((x) => x.statement);
  }

  /** Statements the LRS refused as invalid, kept so nothing is silently lost. */
  rejected(): readonly Statement[] {
    return this.items.filter((x) => x.rejected && x.endpoint === this.opts.endpoint).map((x) => x.statement);
  }

  /** Store the statement, then try to send. Resolves once it is stored. */
  enqueue(statement: Statement): Promise<void> {
    const now = this.opts.now?.() ?? Date.now();
    this.lastSeq = Math.max(this.lastSeq + 1, now * 1000);
    const item: QueuedStatement = { id: statement.id, seq: this.lastSeq, endpoint: this.opts.endpoint, statement };
    this.items.push(item);
    const write = this.writes.then(() => this.opts.store.put(item)).catch(() => undefined);
    this.writes = write;
    if (this.stateNow !== 'waiting' && this.stateNow !== 'stopped') void this.flush();
    return write;
  }

  /** Retry now (the browser went online, or a new session started). */
  wake(): void {
    this.cancelRetry?.();
    this.cancelRetry = undefined;
    this.failures = 0;
    if (this.stateNow === 'waiting' || this.stateNow === 'stopped') this.stateNow = 'idle';
    void this.flush();
  }

  /** Send everything pending in order; one flush at a time. */
  flush(): Promise<void> {
    if (!this.flushing) {
      this.flushing = this.run().finally(() => {
        this.flushing = undefined;
        if (this.sendable().length === 0 || this.stateNow !== 'sending') this.notify();
      });
    }
    return this.flushing;
  }

  /**
   * The page is going away: hand what is pending to the browser with keepalive and return at
   * once. The items stay stored; the next launch resends them and the LRS keeps one copy.
   */
  flushOnExit(): void {
    const all = this.sendable();
    if (all.length === 0) return;
    if (this.opts.exitBackup) {
      try {
        const others = this.items.filter((x) => x.endpoint !== this.opts.endpoint || x.rejected);
        this.opts.exitBackup.setItem(BACKUP_KEY, JSON.stringify([...others, ...all]));
      } catch {
        // Quota: the IndexedDB copies still stand.
      }
    }
    const batch: Statement[] = [];
    let bytes = 2;
    for (const item of all) {
      const size = JSON.stringify(item.statement).length + 1;
      if (batch.length > 0 && bytes + size > KEEPALIVE_BYTES) break;
      batch.push(item.statement);
      bytes += size;
    }
    void this.opts.deliver(batch, { keepalive: bytes <= KEEPALIVE_BYTES }).catch(() => 0);
  }

  /** Resolves when nothing is pending, or the queue is waiting to retry or stopped. */
  settled(): Promise<void> {
    if (this.stateNow !== 'sending' && !this.flushing) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private notify(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  private sendable(): QueuedStatement[] {
    return this.items.filter((x) => x.endpoint === this.opts.endpoint && !x.rejected);
  }

  private async run(): Promise<void> {
    this.stateNow = 'sending';
    for (;;) {
      await this.writes;
      const batch = this.sendable().slice(0, this.opts.batchSize ?? 50);
      if (batch.length === 0) {
        this.stateNow = 'idle';
        return;
      }
      const status = await this.send(batch);
      if (ok(status)) {
        await this.drop(batch);
        continue;
      }
      if ((status === 409 || status === 400) && batch.length > 1) {
        // One statement in the batch is known or bad: find it by sending them one by one.
        const outcome = await this.sendSingly(batch);
        if (outcome === 'continue') continue;
        return;
      }
      if (status === 409) {
        await this.drop(batch);
        continue;
      }
      if (status === 400) {
        await this.reject(batch);
        continue;
      }
      if (status === 401 || status === 403) {
        // The session's credentials are gone; the next launch brings new ones.
        this.stateNow = 'stopped';
        return;
      }
      this.retryLater();
      return;
    }
  }

  private async sendSingly(batch: readonly QueuedStatement[]): Promise<'continue' | 'stop'> {
    for (const item of batch) {
      const status = await this.send([item]);
      if (ok(status) || status === 409) await this.drop([item]);
      else if (status === 400) await this.reject([item]);
      else {
        if (status === 401 || status === 403) this.stateNow = 'stopped';
        else this.retryLater();
        return 'stop';
      }
    }
    return 'continue';
  }

  private send(batch: readonly QueuedStatement[]): Promise<number> {
    return this.opts.deliver(batch.map((x) => x.statement), { keepalive: false }).catch(() => 0);
  }

  private async drop(batch: readonly QueuedStatement[]): Promise<void> {
    this.failures = 0;
    const ids = new Set(batch.map((x) => x.id));
    for (let i = this.items.length - 1; i >= 0; i--) if (ids.has(this.items[i]!.id)) this.items.splice(i, 1);
    await this.opts.store.remove([...ids]).catch(() => undefined);
  }

  private async reject(batch: readonly QueuedStatement[]): Promise<void> {
    for (const item of batch) {
      const i = this.items.findIndex((x) => x.id === item.id);
      const marked = { ...item, rejected: true };
      if (i >= 0) this.items[i] = marked;
      await this.opts.store.put(marked).catch(() => undefined);
    }
  }

  /** Delay before the next attempt: base·2^failures, capped, with up to 25 % jitter. */
  nextDelay(): number {
    const base = this.opts.baseDelayMs ?? 1000;
    const max = this.opts.maxDelayMs ?? 60_000;
    const d = Math.min(max, base * 2 ** Math.min(this.failures, 16));
    return Math.round(d * (1 + 0.25 * (this.opts.random?.() ?? Math.random())));
  }

  private retryLater(): void {
    const delay = this.nextDelay();
    this.failures++;
    this.stateNow = 'waiting';
    const schedule = this.opts.schedule ?? defaultSchedule;
    this.cancelRetry = schedule(() => {
      this.cancelRetry = undefined;
      this.stateNow = 'idle';
      void this.flush();
    }, delay);
  }
}
