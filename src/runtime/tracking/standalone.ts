/**
 * No LMS (preview, a file opened from disk): the learner's place and state stay in localStorage
 * so a reload resumes, and nothing leaves the browser.
 */
import type { AssessmentOutcome, InteractionRecord } from '../../core/index.js';
import type { LaunchInfo, ModuleResult, Tracker } from './tracker.js';

export interface StandaloneRecord {
  location: string;
  suspendData: string;
  status: 'incomplete' | 'completed' | 'passed' | 'failed';
  mark?: number;
}

/** localStorage may be missing or throw (private mode, file:// in some browsers): fall back to memory. */
function storage(): Pick<Storage, 'getItem' | 'setItem'> {
  try {
    const s = window.localStorage;
    const probe = '__bd_probe__';
    s.setItem(probe, '1');
    s.removeItem(probe);
    return s;
  } catch {
    const mem = new Map<string, string>();
    return { getItem: (k) => mem.get(k) ?? null, setItem: (k, v) => void mem.set(k, v) };
  }
}

export class StandaloneTracker implements Tracker {
  readonly format = 'standalone' as const;
  private readonly store = storage();
  private record_: StandaloneRecord = { location: '', suspendData: '', status: 'incomplete' };
  private completed = false;
  private result: ModuleResult | undefined;

  /** key: one per course and module, e.g. "boiduong:course-id:module-id". */
  constructor(private readonly key: string) {}

  async start(): Promise<LaunchInfo> {
    const raw = this.store.getItem(this.key);
    if (raw) {
      try {
        this.record_ = { ...this.record_, ...(JSON.parse(raw) as Partial<StandaloneRecord>) };
      } catch {
        // A corrupt entry is ignored rather than blocking the module.
      }
    }
    const { location, suspendData } = this.record_;
    return location || suspendData ? { mode: 'normal', resume: { location, suspendData } } : { mode: 'normal' };
  }

  saveProgress(location: string, suspendData: string): void {
    this.record_.location = location;
    this.record_.suspendData = suspendData;
    this.commit();
  }

  setProgress(_measure: number): void {}
  record(_interaction: InteractionRecord): void {}
  recordOutcome(_outcome: AssessmentOutcome): void {}

  complete(): void {
    this.completed = true;
    this.update();
  }

  setResult(result: ModuleResult): void {
    this.result = result;
    this.update();
  }

  private update(): void {
    if (this.result) this.record_.mark = this.result.mark;
    if (this.completed) this.record_.status = this.result ? (this.result.passed ? 'passed' : 'failed') : 'completed';
    this.commit();
  }

  commit(): void {
    try {
      this.store.setItem(this.key, JSON.stringify(this.record_));
    } catch {
      // Quota full: the session still runs; only resume is lost.
    }
  }

  finish(_suspended: boolean): void {
    this.commit();
  }
}
