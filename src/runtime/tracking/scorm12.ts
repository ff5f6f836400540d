/**
 * SCORM 1.2 tracker. Writes only values that changed and commits only when something did,
 * so an answer costs a few LMSSetValue calls, never the whole state (LMSs freeze otherwise).
 */
import { CommitBatch } from './commit-batch.js';
import type { AssessmentOutcome, InteractionRecord, InteractionResult, InteractionType } from '../../core/index.js';
import type { LaunchMode } from '../context.js';
import type { LaunchInfo, ModuleResult, Refusal, Tracker } from './tracker.js';
import type { Scorm12Api } from './scorm12-api.js';
import { scorm12TimeOfDay, scorm12Timespan } from './time.js';

export const SCORM12_LIMITS = { location: 255, suspendData: 4096, response: 255 } as const;

function result12(r: InteractionResult): string {
  if (typeof r === 'number') return String(r);
  return r === 'incorrect' ? 'wrong' : r;
}

function modeOf(lessonMode: string): LaunchMode {
  return lessonMode === 'browse' ? 'browse' : lessonMode === 'review' ? 'review' : 'normal';
}

export interface Scorm12Options {
  readonly now?: () => number;
  /** Reports API errors (the player logs them to the console). */
  readonly onError?: (message: string) => void;
}

export class Scorm12Tracker implements Tracker {
  readonly format = 'scorm12' as const;
  readonly suspendLimit = SCORM12_LIMITS.suspendData;
  private readonly written = new Map<string, string>();
  private dirty = false;
  private readonly batch = new CommitBatch(() => this.commit());
  private started = 0;
  private finished = false;
  private mode: LaunchMode = 'normal';
  private interactionCount = 0;
  private objectiveIds: string[] = [];
  private interactionsSupported = true;
  private objectivesSupported = true;
  private result: ModuleResult | undefined;
  private completed = false;
  private readonly now: () => number;
  private readonly refusalListeners: ((r: Refusal) => void)[] = [];

  constructor(
    private readonly api: Scorm12Api,
    private readonly options: Scorm12Options = {},
  ) {
    this.now = options.now ?? (() => Date.now());
  }

  private get(element: string): string {
    const v = this.api.LMSGetValue(element);
    return typeof v === 'string' ? v : String(v ?? '');
  }

  /** CMIString255 (interaction responses, patterns): 1.2 keeps 255 characters of any typed text. */
  responseLimit(_type: InteractionType): number {
    return SCORM12_LIMITS.response;
  }

  onRefusal(listener: (r: Refusal) => void): void {
    this.refusalListeners.push(listener);
  }

  private refused(element: string, call: string): void {
    const code = String(this.api.LMSGetLastError());
    this.options.onError?.(`${call} refused by the LMS: error ${code} ${String(this.api.LMSGetErrorString(code))}`);
    for (const l of this.refusalListeners) l({ element, code });
  }

  private set(element: string, value: string): void {
    if (this.finished || this.written.get(element) === value) return;
    // Not remembered when refused: the next change of this element tries again.
    if (String(this.api.LMSSetValue(element, value)) !== 'true') return this.refused(element, `LMSSetValue(${element})`);
    this.written.set(element, value);
    this.dirty = true;
  }

  async start(): Promise<LaunchInfo> {
    this.started = this.now();
    if (String(this.api.LMSInitialize('')) !== 'true') {
      const code = String(this.api.LMSGetLastError());
      // 101 "already initialized" happens when an LMS initialises for us; keep going.
      if (code !== '101') this.options.onError?.(`LMSInitialize ${code}`);
    }
    this.mode = modeOf(this.get('cmi.core.lesson_mode'));
    this.interactionsSupported = this.get('cmi.interactions._children') !== '';
    this.objectivesSupported = this.get('cmi.objectives._children') !== '';
    this.interactionCount = Number(this.get('cmi.interactions._count')) || 0;
    const objectiveCount = Number(this.get('cmi.objectives._count')) || 0;
    for (let i = 0; i < objectiveCount; i++) this.objectiveIds.push(this.get(`cmi.objectives.${i}.id`));
    const status = this.get('cmi.core.lesson_status');
    this.written.set('cmi.core.lesson_status', status);
    if (this.mode === 'normal' && (status === 'not attempted' || status === '')) this.set('cmi.core.lesson_status', 'incomplete');
    const entry = this.get('cmi.core.entry');
    const location = this.get('cmi.core.lesson_location');
    const suspendData = this.get('cmi.suspend_data');
    this.written.set('cmi.core.lesson_location', location);
    this.written.set('cmi.suspend_data', suspendData);
    const name = this.get('cmi.core.student_name');
    const id = this.get('cmi.core.student_id');
    const lang = this.get('cmi.student_preference.language').toLowerCase();
    // The LMS's copy of adlcp:masteryscore (0–100), possibly adjusted by the training centre.
    const mastery = Number.parseFloat(this.get('cmi.student_data.mastery_score'));
    const info: {
      mode: LaunchMode;
      learnerName?: string;
      learnerId?: string;
      lang?: 'vi' | 'en';
      masteryScore?: number;
      resume?: { location: string; suspendData: string };
    } = { mode: this.mode };
    if (Number.isFinite(mastery) && mastery >= 0 && mastery <= 100) info.masteryScore = mastery / 100;
    if (name) info.learnerName = name;
    if (id) info.learnerId = id;
    if (lang.startsWith('en')) info.lang = 'en';
    else if (lang.startsWith('vi')) info.lang = 'vi';
    // Resume whenever the LMS kept state: some LMSs report entry "" on a return visit.
    if (entry === 'resume' || suspendData !== '' || location !== '') info.resume = { location, suspendData };
    this.commit();
    return info;
  }

  saveProgress(location: string, suspendData: string): void {
    if (location.length > SCORM12_LIMITS.location) this.options.onError?.('lesson_location longer than 255 characters');
    this.set('cmi.core.lesson_location', location.slice(0, SCORM12_LIMITS.location));
    // A cut JSON text would read as damaged and resume nothing: keep the last state that fitted.
    // The player fits its state first, so this only guards against a caller that did not.
    if (suspendData.length > SCORM12_LIMITS.suspendData) this.options.onError?.('suspend_data longer than 4,096 characters: not written');
    else this.set('cmi.suspend_data', suspendData);
    this.batch.soon();
  }

  /** SCORM 1.2 has no progress measure; progress lives in suspend_data. */
  setProgress(_measure: number): void {}

  record(i: InteractionRecord): void {
    if (!this.interactionsSupported || this.mode !== 'normal') return;
    const n = this.interactionCount++;
    const p = `cmi.interactions.${n}.`;
    this.set(`${p}id`, i.id.replace(/\s+/g, '_').slice(0, 255));
    this.set(`${p}type`, i.scorm12.type);
    this.set(`${p}time`, scorm12TimeOfDay(new Date(i.timestamp)));
    this.set(`${p}weighting`, String(i.weighting));
    this.set(`${p}student_response`, i.scorm12.studentResponse.slice(0, SCORM12_LIMITS.response));
    this.set(`${p}result`, result12(i.result));
    this.set(`${p}latency`, scorm12Timespan(i.latencyMs));
    i.scorm12.correctPatterns.forEach((pattern, k) => {
      this.set(`${p}correct_responses.${k}.pattern`, pattern.slice(0, SCORM12_LIMITS.response));
    });
    this.batch.soon();
  }

  /** Each graded component becomes an objective, so the LMS can show its score. */
  recordOutcome(o: AssessmentOutcome): void {
    if (!this.objectivesSupported || this.mode !== 'normal') return;
    let n = this.objectiveIds.indexOf(o.id);
    if (n < 0) {
      n = this.objectiveIds.length;
      this.objectiveIds.push(o.id);
    }
    const p = `cmi.objectives.${n}.`;
    this.set(`${p}id`, o.id);
    this.set(`${p}score.min`, '0');
    this.set(`${p}score.max`, '100');
    this.set(`${p}score.raw`, String(Math.round(o.mark * 1000) / 100));
    this.set(`${p}status`, o.passed ? 'passed' : 'failed');
    this.batch.soon();
  }

  complete(): void {
    this.completed = true;
    this.writeStatus();
  }

  setResult(r: ModuleResult): void {
    this.result = r;
    this.writeStatus();
  }

  private writeStatus(): void {
    if (this.mode !== 'normal') return;
    if (this.result) {
      // Score before status: an LMS with credit may recompute status from masteryscore.
      this.set('cmi.core.score.min', '0');
      this.set('cmi.core.score.max', '100');
      this.set('cmi.core.score.raw', String(Math.round(this.result.scaled * 10000) / 100));
    }
    if (this.completed) {
      const status = this.result ? (this.result.passed ? 'passed' : 'failed') : 'completed';
      this.set('cmi.core.lesson_status', status);
    }
    this.batch.soon();
  }

  /** False when the LMS refused the Commit (what was written stays to be committed). */
  commit(): boolean {
    if (!this.dirty || this.finished) return true;
    this.dirty = false;
    if (String(this.api.LMSCommit('')) === 'true') return true;
    this.dirty = true;
    if (!this.batch.retryLater()) this.refused('commit', 'LMSCommit');
    return false;
  }

  finish(suspended: boolean): void {
    if (this.finished) return;
    this.set('cmi.core.session_time', scorm12Timespan(this.now() - this.started));
    this.set('cmi.core.exit', suspended ? 'suspend' : '');
    // LMSFinish stores everything itself; a Commit just before it only doubles what a leaving
    // LMS page must send (Moodle: two beacons of the whole data model, and the browser may drop the second).
    this.finished = true;
    this.api.LMSFinish('');
  }
}
