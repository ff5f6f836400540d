/**
 * The offline statement queue. A statement is stored (with the id it got when it was built)
 * before any attempt to send it; it leaves the store only when the LRS has acknowledged it.
 * Sending is in creation order, in batches that never mix sessions (registration + cmi5 session
 * id), each sent with its own session's credentials, with exponential backoff after network
 * errors and 5xx. A batch the LRS refuses (4xx) is narrowed by halving to the statements it
 * refuses; those are set aside (kept, counted, reported) and the rest is delivered, so one
 * refused statement never stops the queue. A relaunch opens the same store and sends what an
 * earlier session left; ids never change, so the LRS keeps one copy.
 */
import type { Statement } from '../../core/index.js';
import { isCmi5Session, sameStatement, sessionKey } from './session.js';
import type { QueueStore, QueuedStatement } from './store.js';

/** Send statements to the LRS; resolve with the HTTP status, 0 when the network failed. */
export type Deliver = (
  statements: readonly Statement[],
  opts: { readonly keepalive: boolean; readonly authorization?: string | undefined },
) => Promise<number>;

/** Read a statement back by id (after a 409): the LRS's copy, undefined when it does not say. */
export type Lookup = (id: string, authorization: string | undefined) => Promise<unknown>;

/** A statement the LRS refused, kept in the browser for support. */
export interface SetAsideStatement {
  readonly statement: Statement;
  /** The HTTP status of the refusal; 0 when its ended session left no credentials. */
  readonly status: number;
  readonly at: number;
}

export type Schedule = (run: () => void, ms: number) => () => void;

export interface QueueOptions {
  readonly store: QueueStore;
  /** Statements queued for another LRS stay untouched. */
  readonly endpoint: string;
  readonly deliver: Deliver;
  /** The Authorization header of this session; stored with each statement it makes. */
  readonly authorization?: string | undefined;
  /** This session ("registration|sessionid", see sessionKey); statements of other cmi5 sessions use their own credentials. */
  readonly session?: string;
  /** Reads a statement back after a 409, to tell our own earlier copy from a conflict. */
  readonly lookup?: Lookup;
  /** Called with every statement set aside so far, each time more are set aside. */
  readonly onSetAside?: (all: readonly SetAsideStatement[], added: readonly SetAsideStatement[]) => void;
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
/** Worth retrying later: the network, the server, a timeout or a rate limit. */
const transient = (status: number): boolean => status === 0 || status >= 500 || status === 408 || status === 429;

type Outcome = 'done' | 'stop' | 'retry';

interface Credentials {
  readonly authorization: string | undefined;
  /** This session's (or a plain xAPI statement's): a 401 stops the queue instead of setting aside. */
  readonly current: boolean;
}

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

  /** Statements the LRS refused, kept so nothing is silently lost. */
  rejected(): readonly Statement[] {
    return this.setAside().map((x) => x.statement);
  }

  /** The refused statements with the status and time of their refusal, oldest first. */
  setAside(): readonly SetAsideStatement[] {
    return this.items
      .filter((x) => x.rejected && x.endpoint === this.opts.endpoint)
      .map((x) => ({ statement: x.statement, status: x.refusedWith ?? 400, at: x.refusedAt ?? 0 }));
  }

  /** Store the statement, then try to send. Resolves once it is stored. */
  enqueue(statement: Statement): Promise<void> {
    const now = this.opts.now?.() ?? Date.now();
    this.lastSeq = Math.max(this.lastSeq + 1, now * 1000);
    const auth = this.opts.authorization;
    const item: QueuedStatement = { id: statement.id, seq: this.lastSeq, endpoint: this.opts.endpoint, statement, ...(auth ? { auth } : {}) };
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
    // One keepalive request per session, within the browser's budget for bodies in flight.
    let budget = KEEPALIVE_BYTES;
    for (const group of this.groups(all)) {
      const creds = this.credentialsFor(group[0]!);
      if (!creds.current && !creds.authorization) continue;
      const batch: Statement[] = [];
      let bytes = 2;
      for (const item of group) {
        const size = JSON.stringify(item.statement).length + 1;
        if (batch.length > 0 && bytes + size > budget) break;
        batch.push(item.statement);
        bytes += size;
      }
      void this.opts.deliver(batch, { keepalive: bytes <= budget, authorization: creds.authorization }).catch(() => 0);
      budget -= bytes;
      if (budget <= 2) break;
    }
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

  /** Runs of consecutive items of one session, in creation order. */
  private groups(items: readonly QueuedStatement[]): QueuedStatement[][] {
    const out: QueuedStatement[][] = [];
    let key: string | undefined;
    for (const item of items) {
      const k = sessionKey(item.statement);
      if (k !== key || out.length === 0) out.push([]);
      out[out.length - 1]!.push(item);
      key = k;
    }
    return out;
  }

  /**
   * This session's statements, and plain xAPI ones (no cmi5 session), go with this session's
   * credentials; a statement of another cmi5 session only with the credentials it was made under.
   */
  private credentialsFor(item: QueuedStatement): Credentials {
    const key = sessionKey(item.statement);
    if (this.opts.session === undefined || key === this.opts.session || !isCmi5Session(key)) {
      return { authorization: this.opts.authorization, current: true };
    }
    return { authorization: item.auth, current: false };
  }

  private async run(): Promise<void> {
    this.stateNow = 'sending';
    for (;;) {
      await this.writes;
      const group = this.groups(this.sendable())[0];
      if (!group) {
        this.stateNow = 'idle';
        return;
      }
      const batch = group.slice(0, this.opts.batchSize ?? 50);
      const creds = this.credentialsFor(batch[0]!);
      // An ended session that left no credentials: its statements cannot be sent as its own.
      const outcome = !creds.current && !creds.authorization ? (await this.putAside(batch, 0), 'done') : await this.settle(batch, creds);
      if (outcome === 'stop') {
        // This session's credentials are refused; the next launch brings new ones.
        this.stateNow = 'stopped';
        return;
      }
      if (outcome === 'retry') {
        this.retryLater();
        return;
      }
    }
  }

  /** Send a batch; on a refusal, halve it until the refused statements are found and set aside. */
  private async settle(batch: readonly QueuedStatement[], creds: Credentials): Promise<Outcome> {
    const status = await this.send(batch, creds.authorization);
    if (ok(status)) {
      await this.drop(batch);
      return 'done';
    }
    if (transient(status)) return 'retry';
    if (status === 401) {
      if (creds.current) return 'stop';
      // The ended session's token has expired: its statements can no longer be sent.
      await this.putAside(batch, status);
      return 'done';
    }
    if (batch.length === 1) {
      // A refused resend may be one the LRS already has (the answer to the first POST was lost,
      // e.g. a keepalive on page exit): then it is delivered, whatever the LMS says of a resend.
      if (await this.alreadyStored(batch[0]!, creds, status === 409)) await this.drop(batch);
      else await this.putAside(batch, status);
      return 'done';
    }
    const half = Math.ceil(batch.length / 2);
    for (const part of [batch.slice(0, half), batch.slice(half)]) {
      const outcome = await this.settle(part, creds);
      if (outcome !== 'done') return outcome;
    }
    return 'done';
  }

  /**
   * Whether the LRS holds this very statement. After a 409 the LRS says it has the id, so it
   * counts as delivered unless its copy differs; after another refusal, only when its copy is read.
   */
  private async alreadyStored(item: QueuedStatement, creds: Credentials, conflict: boolean): Promise<boolean> {
    if (!this.opts.lookup) return conflict;
    const stored = await this.opts.lookup(item.id, creds.authorization).catch(() => undefined);
    return stored === undefined ? conflict : sameStatement(item.statement, stored);
  }

  private send(batch: readonly QueuedStatement[], authorization: string | undefined): Promise<number> {
    return this.opts.deliver(batch.map((x) => x.statement), { keepalive: false, authorization }).catch(() => 0);
  }

  private async drop(batch: readonly QueuedStatement[]): Promise<void> {
    this.failures = 0;
    const ids = new Set(batch.map((x) => x.id));
    for (let i = this.items.length - 1; i >= 0; i--) if (ids.has(this.items[i]!.id)) this.items.splice(i, 1);
    await this.opts.store.remove([...ids]).catch(() => undefined);
  }

  /** Keep the refused statements, without their credentials, and say so. */
  private async putAside(batch: readonly QueuedStatement[], status: number): Promise<void> {
    const at = this.opts.now?.() ?? Date.now();
    for (const item of batch) {
      const { auth: _credentials, ...rest } = item;
      const marked: QueuedStatement = { ...rest, rejected: true, refusedWith: status, refusedAt: at };
      const i = this.items.findIndex((x) => x.id === item.id);
      if (i >= 0) this.items[i] = marked;
      await this.opts.store.put(marked).catch(() => undefined);
    }
    this.opts.onSetAside?.(this.setAside(), batch.map((x) => ({ statement: x.statement, status, at })));
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
