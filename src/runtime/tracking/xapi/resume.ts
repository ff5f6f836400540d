/**
 * Where the learner left off, for LRS-based formats: a State API document, mirrored in
 * localStorage so a session that ran offline still resumes at the right page. The newer copy wins.
 */
import type { DocumentKey, LrsClient } from './lrs.js';

export const RESUME_STATE_ID = 'https://boiduong.github.io/xapi/state/resume';

export interface ResumeDoc {
  location: string;
  suspendData: string;
  /** Per registration: completed and passed are sent once (cmi5 9.3). */
  completed: boolean;
  passed: boolean;
  /** Epoch ms of the last change. */
  t: number;
}

export const EMPTY_RESUME: ResumeDoc = { location: '', suspendData: '', completed: false, passed: false, t: 0 };

function asDoc(v: unknown): ResumeDoc | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  return {
    location: typeof o['location'] === 'string' ? o['location'] : '',
    suspendData: typeof o['suspendData'] === 'string' ? o['suspendData'] : '',
    completed: o['completed'] === true,
    passed: o['passed'] === true,
    t: typeof o['t'] === 'number' ? o['t'] : 0,
  };
}

function localKey(key: DocumentKey): string {
  const who = JSON.stringify(key.agent.account ?? key.agent.mbox ?? key.agent.openid ?? key.agent.mbox_sha1sum ?? '');
  return `boiduong.resume:${key.activityId}:${key.registration ?? ''}:${who}`;
}

function local(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export class ResumeStore {
  private doc: ResumeDoc = { ...EMPTY_RESUME };
  private savedT = 0;
  private remote: Promise<unknown> | undefined;

  constructor(
    private readonly client: LrsClient,
    private readonly key: DocumentKey,
  ) {}

  get current(): Readonly<ResumeDoc> {
    return this.doc;
  }

  /**
   * Asks the State API for the document now, so the request travels beside others (cmi5: with
   * LMS.LaunchData) instead of after them, or takes the answer of a request already sent for
   * it; load() then waits for this answer.
   */
  prefetch(asked?: Promise<unknown>): this {
    this.remote ??= asked ?? this.client.getState(this.key, RESUME_STATE_ID);
    return this;
  }

  async load(): Promise<ResumeDoc> {
    const remote = asDoc(await this.prefetch().remote);
    let mirrored: ResumeDoc | undefined;
    try {
      mirrored = asDoc(JSON.parse(local()?.getItem(localKey(this.key)) ?? 'null'));
    } catch {
      mirrored = undefined;
    }
    const best = [remote, mirrored].filter((d): d is ResumeDoc => d !== undefined).sort((a, b) => b.t - a.t)[0];
    if (best) {
      // Once completed or passed anywhere, it stays so.
      best.completed ||= remote?.completed === true || mirrored?.completed === true;
      best.passed ||= remote?.passed === true || mirrored?.passed === true;
      this.doc = best;
    }
    this.savedT = remote?.t ?? 0;
    return this.doc;
  }

  update(change: Partial<Omit<ResumeDoc, 't'>>, now: number): void {
    this.doc = { ...this.doc, ...change, t: Math.max(now, this.doc.t + 1) };
    try {
      local()?.setItem(localKey(this.key), JSON.stringify(this.doc));
    } catch {
      // Storage full or disabled: the State API copy still holds.
    }
  }

  /** Write to the State API when it changed since the last successful write. */
  save(keepalive = false): void {
    if (this.doc.t === this.savedT) return;
    const t = this.doc.t;
    void this.client.putState(this.key, RESUME_STATE_ID, this.doc, keepalive).then((status) => {
      if (status >= 200 && status < 300) this.savedT = Math.max(this.savedT, t);
    });
  }
}
