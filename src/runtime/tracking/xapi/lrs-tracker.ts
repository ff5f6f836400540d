/**
 * What the cmi5 and plain xAPI trackers share: statements built with the core builders, put in
 * the offline queue in the order they happen, resume state in the State API. The subclasses
 * say how to connect (launch parameters, token, launch data) and which verbs and categories
 * their lifecycle uses.
 */
import {
  type AssessmentOutcome,
  type InteractionRecord,
  EXT,
  clampScaled,
  interactionStatement,
  moduleStatement,
  outcomeStatement,
  type Result,
  type Statement,
  type StatementScope,
  isoDuration,
  uuid,
  VERBS,
  verbFor,
  type Verb,
  CMI5,
} from '../../../core/index.js';
import type { LaunchMode } from '../../context.js';
import { StatementQueue, type SetAsideStatement, openQueueStore, type QueueStore } from '../../queue/index.js';
import type { LaunchInfo, ModuleResult, Tracker, UndeliveredRecord } from '../tracker.js';
import type { LrsClient } from './lrs.js';
import { ResumeStore } from './resume.js';

export interface Connection {
  readonly client: LrsClient;
  readonly scope: StatementScope;
  readonly mode: LaunchMode;
  readonly masteryScore?: number;
  readonly lang?: 'vi' | 'en';
  readonly learnerName?: string;
  readonly returnUrl?: string;
  /** The resume state, already asked for while connecting (its key is the one start() uses). */
  readonly resume?: ResumeStore;
}

export interface LrsTrackerOptions {
  readonly now?: () => number;
  /** Storage for the queue (tests pass one in; browsers get IndexedDB). */
  readonly store?: QueueStore;
  readonly onError?: (message: string) => void;
  readonly baseDelayMs?: number;
}

function exitBackup(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

function undeliveredRecord(x: SetAsideStatement): UndeliveredRecord {
  return { verb: x.statement.verb.id.split('/').pop() ?? '', timestamp: x.statement.timestamp, status: x.status };
}

export type StatementKind = 'start' | 'moveon' | 'end' | 'allowed';

export abstract class LrsTracker implements Tracker {
  abstract readonly format: 'cmi5' | 'xapi';
  protected conn!: Connection;
  protected queue!: StatementQueue;
  protected resume!: ResumeStore;
  protected readonly now: () => number;
  private started = 0;
  private ended = false;
  private pendingResult: ModuleResult | undefined;
  private lastFailedScaled: number | undefined;
  private completedNow = false;

  constructor(protected readonly options: LrsTrackerOptions = {}) {
    this.now = options.now ?? (() => Date.now());
  }

  protected abstract connect(): Promise<Connection>;
  /** The first statement's verb (initialized; resumed for plain xAPI when resuming). */
  protected abstract startVerb(resuming: boolean): Verb;
  /** The last statement's verb. */
  protected abstract endVerb(suspended: boolean): Verb;
  /** Category activity ids for a statement of this kind. */
  protected abstract categories(kind: StatementKind): string[];
  /** Context extensions for passed/failed (cmi5: the mastery score). */
  protected resultExtensions(): Record<string, unknown> {
    return {};
  }

  /**
   * Only Normal records judgement. cmi5 10.2.2: in Browse and Review "satisfaction-related data
   * MUST NOT be recorded", Browse being to "look around without judgement"; an answered statement
   * carries result.success and a test's passed/failed a grade, so neither is sent there either.
   * Held here, for every component, rather than in each of them.
   */
  private get judged(): boolean {
    return this.conn.mode === 'normal';
  }

  async start(): Promise<LaunchInfo> {
    this.started = this.now();
    this.conn = await this.connect();
    const c = this.conn;
    const client = c.client;
    const templateExtensions = c.scope.contextTemplate?.['extensions'] as Record<string, unknown> | undefined;
    const sessionId = templateExtensions?.[CMI5.sessionId];
    const key = { activityId: c.scope.module.activityId, agent: c.scope.actor, ...(c.scope.registration ? { registration: c.scope.registration } : {}) };
    // The resume state travels while the queue opens its local store.
    this.resume = (c.resume ?? new ResumeStore(client, key)).prefetch();
    this.queue = await StatementQueue.open({
      store: this.options.store ?? (await openQueueStore()),
      // One queue per LRS and registration: an LMS's launch tokens are bound to a registration,
      // so what another launch left behind waits for that launch instead of blocking this one.
      endpoint: c.scope.registration ? `${client.endpoint}#registration=${c.scope.registration}` : client.endpoint,
      // Within the registration, each cmi5 session's statements go with that session's token.
      session: `${c.scope.registration ?? ''}|${typeof sessionId === 'string' ? sessionId : ''}`,
      authorization: client.credentials,
      deliver: (batch, { keepalive, authorization }) => client.postStatements(batch, keepalive, authorization),
      lookup: (id, authorization) => client.getStatement(id, authorization),
      onSetAside: (all, added) => this.setAside(all, added),
      ...(this.options.baseDelayMs !== undefined ? { baseDelayMs: this.options.baseDelayMs } : {}),
      ...(exitBackup() ? { exitBackup: exitBackup()! } : {}),
    });
    const g = globalThis as { addEventListener?: (t: string, f: () => void) => void };
    g.addEventListener?.('online', () => this.queue.wake());
    const doc = await this.resume.load();
    const resuming = doc.location !== '' || doc.suspendData !== '';
    this.emit(moduleStatement(c.scope, this.startVerb(resuming), this.stamp(), { categories: this.categories('start') }));
    const info: { -readonly [K in keyof LaunchInfo]: LaunchInfo[K] } = { mode: c.mode };
    if (c.lang) info.lang = c.lang;
    if (c.learnerName) info.learnerName = c.learnerName;
    const account = c.scope.actor.account;
    if (account) info.learnerId = account.name;
    if (c.masteryScore !== undefined) info.masteryScore = c.masteryScore;
    if (c.returnUrl) info.returnUrl = c.returnUrl;
    if (resuming) info.resume = { location: doc.location, suspendData: doc.suspendData };
    return info;
  }

  private readonly undeliveredListeners: ((records: readonly UndeliveredRecord[]) => void)[] = [];

  watchUndelivered(listener: (records: readonly UndeliveredRecord[]) => void): void {
    this.undeliveredListeners.push(listener);
    listener(this.queue.setAside().map(undeliveredRecord));
  }

  private setAside(all: readonly SetAsideStatement[], added: readonly SetAsideStatement[]): void {
    for (const x of added) console.warn(`[boiduong] LRS refused statement ${x.statement.id} (${x.statement.verb.id}) with ${x.status}; kept in this browser, not resent`);
    const records = all.map(undeliveredRecord);
    for (const l of this.undeliveredListeners) l(records);
  }

  private stamp(): { id: string; now: number } {
    return { id: uuid(), now: this.now() };
  }

  /** Into the queue, unless the session has ended: nothing may follow terminated. */
  protected emit(s: Statement): void {
    if (this.ended) return;
    this.queue.enqueue(s).catch((e: unknown) => this.options.onError?.(`queue: ${String(e)}`));
  }

  /** Every statement sent or waiting, for diagnostics. */
  pendingStatements(): readonly Statement[] {
    return this.queue.pending();
  }

  saveProgress(location: string, suspendData: string): void {
    if (this.ended) return;
    this.resume.update({ location, suspendData }, this.now());
  }

  /** Progress lives in the resume state; no statement per page. */
  setProgress(_measure: number): void {}

  record(i: InteractionRecord): void {
    if (!this.judged) return;
    const verb = i.verb ? verbFor(i.verb) : VERBS.answered;
    this.emit(interactionStatement(this.conn.scope, verb, i, this.stamp()));
  }

  recordOutcome(o: AssessmentOutcome): void {
    if (!this.judged) return;
    this.emit(outcomeStatement(this.conn.scope, o.passed ? VERBS.passed : VERBS.failed, o, this.stamp()));
  }

  complete(): void {
    if (!this.judged || this.completedNow) return;
    this.completedNow = true;
    if (!this.resume.current.completed) {
      const result: Result = { completion: true, duration: isoDuration(this.now() - this.started) };
      this.emit(moduleStatement(this.conn.scope, VERBS.completed, this.stamp(), { result, categories: this.categories('moveon') }));
      this.resume.update({ completed: true }, this.now());
    }
    this.sendResult();
  }

  /** The grade is sent right after completed (the player gives it with completion). */
  setResult(r: ModuleResult): void {
    this.pendingResult = r;
    if (this.completedNow) this.sendResult();
  }

  private sendResult(): void {
    const r = this.pendingResult;
    if (!r || !this.judged || this.resume.current.passed) return;
    const scaled = clampScaled(r.scaled);
    const passed = this.conn.masteryScore !== undefined ? scaled >= this.conn.masteryScore : r.passed;
    if (!passed && this.lastFailedScaled === scaled) return;
    const extensions: Record<string, unknown> = { [EXT.mark10]: r.mark };
    if (r.gradeBand) extensions[EXT.gradeBand] = r.gradeBand;
    const result: Result = {
      score: { scaled, raw: Math.min(10, Math.max(0, r.mark)), min: 0, max: 10 },
      success: passed,
      duration: isoDuration(this.now() - this.started),
      extensions,
    };
    const opts = { result, categories: this.categories('moveon'), extensions: this.resultExtensions() };
    this.emit(moduleStatement(this.conn.scope, passed ? VERBS.passed : VERBS.failed, this.stamp(), opts));
    if (passed) this.resume.update({ passed: true }, this.now());
    else this.lastFailedScaled = scaled;
    this.pendingResult = undefined;
  }

  commit(): void {
    if (this.ended) return;
    this.resume.save();
  }

  finish(suspended: boolean): void {
    if (this.ended) return;
    if (this.pendingResult) this.sendResult();
    const result: Result = { duration: isoDuration(this.now() - this.started) };
    this.emit(moduleStatement(this.conn.scope, this.endVerb(suspended), this.stamp(), { result, categories: this.categories('end') }));
    this.ended = true;
    this.resume.save(true);
    this.queue.flushOnExit();
  }
}
