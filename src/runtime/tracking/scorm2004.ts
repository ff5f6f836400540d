/**
 * SCORM 2004 4th edition tracker (API_1484_11). Like the SCORM 1.2 one it writes only values
 * that changed and commits only when something did: an answer costs one interaction's fields.
 */
import { CommitBatch } from './commit-batch.js';
import {
  pickText,
  type AssessmentOutcome,
  type InteractionRecord,
  type InteractionType,
  isoDuration,
} from '../../core/index.js';
import type { LaunchMode } from '../context.js';
import { findApi } from './find-api.js';
import { scorm2004Exit, type LmsSession } from './lms-session.js';
import type { LaunchInfo, ModuleResult, Refusal, Tracker } from './tracker.js';

export interface Scorm2004Api {
  Initialize(arg: ''): string;
  Terminate(arg: ''): string;
  GetValue(element: string): string;
  SetValue(element: string, value: string): string;
  Commit(arg: ''): string;
  GetLastError(): string;
  GetErrorString(code: string): string;
  GetDiagnostic(code: string): string;
}

export const SCORM2004_LIMITS = { location: 1000, suspendData: 64000, description: 250, response: 4000, fillIn: 250, id: 4000 } as const;

function apiIn(win: Window): Scorm2004Api | undefined {
  const api = (win as unknown as { API_1484_11?: Scorm2004Api }).API_1484_11;
  return api && typeof api.Initialize === 'function' ? api : undefined;
}

/** The standard search: this window and its parents, then the opener's chain. */
export function findScorm2004Api(win: Window = window): Scorm2004Api | undefined {
  return findApi(win, apiIn);
}

/** SCORM 2004 time (second,10,2): at most two decimals on the seconds. */
export function scorm2004Timestamp(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return new Date().toISOString().replace(/(\.\d{2})\d*Z$/, '$1Z');
  return d.toISOString().replace(/(\.\d{2})\d*Z$/, '$1Z');
}

function round4(x: number): string {
  return String(Math.round(x * 10000) / 10000);
}

/** A short_identifier_type: no whitespace. */
function shortId(id: string): string {
  return id.replace(/\s+/g, '_').slice(0, SCORM2004_LIMITS.id);
}

function modeOf(mode: string): LaunchMode {
  return mode === 'browse' ? 'browse' : mode === 'review' ? 'review' : 'normal';
}

export interface Scorm2004Options {
  readonly now?: () => number;
  readonly onError?: (message: string) => void;
  /** How the session ends and hands over to the next SCO (lms-session.ts); without it, Terminate at once. */
  readonly session?: LmsSession;
}

export class Scorm2004Tracker implements Tracker {
  readonly format = 'scorm2004' as const;
  readonly suspendLimit = SCORM2004_LIMITS.suspendData;
  private readonly written = new Map<string, string>();
  private dirty = false;
  private readonly batch = new CommitBatch(() => this.commit());
  private started = 0;
  private finished = false;
  private mode: LaunchMode = 'normal';
  private lang = 'vi';
  private masteryScore: number | undefined;
  private interactionCount = 0;
  private objectiveIds: string[] = [];
  private completed = false;
  private readonly now: () => number;
  private readonly refusalListeners: ((r: Refusal) => void)[] = [];

  constructor(
    private readonly api: Scorm2004Api,
    private readonly options: Scorm2004Options = {},
  ) {
    this.now = options.now ?? (() => Date.now());
  }

  private get(element: string): string {
    const v = this.api.GetValue(element);
    return typeof v === 'string' ? v : String(v ?? '');
  }

  /** fill-in is a localized_string_type of 250 characters; long-fill-in keeps 4,000. */
  responseLimit(type: InteractionType): number | undefined {
    if (type === 'fill-in') return SCORM2004_LIMITS.fillIn;
    if (type === 'long-fill-in' || type === 'other') return SCORM2004_LIMITS.response;
    return undefined;
  }

  onRefusal(listener: (r: Refusal) => void): void {
    this.refusalListeners.push(listener);
  }

  private refused(element: string, call: string): void {
    const code = String(this.api.GetLastError());
    this.options.onError?.(`${call} refused by the LMS: error ${code} ${String(this.api.GetErrorString(code))}`);
    for (const l of this.refusalListeners) l({ element, code });
  }

  private set(element: string, value: string): void {
    if (this.finished || this.written.get(element) === value) return;
    // Not remembered when refused: the next change of this element tries again.
    if (String(this.api.SetValue(element, value)) !== 'true') return this.refused(element, `SetValue(${element})`);
    this.written.set(element, value);
    this.dirty = true;
  }

  async start(): Promise<LaunchInfo> {
    this.started = this.now();
    this.options.session?.claim();
    if (String(this.api.Initialize('')) !== 'true') {
      const code = String(this.api.GetLastError());
      // 103 "already initialized": an LMS initialised for us; keep going.
      if (code !== '103') this.options.onError?.(`Initialize ${code}`);
    }
    this.mode = modeOf(this.get('cmi.mode'));
    this.interactionCount = Number(this.get('cmi.interactions._count')) || 0;
    const objectives = Number(this.get('cmi.objectives._count')) || 0;
    for (let i = 0; i < objectives; i++) this.objectiveIds.push(this.get(`cmi.objectives.${i}.id`));
    const passing = Number.parseFloat(this.get('cmi.scaled_passing_score'));
    if (Number.isFinite(passing) && passing >= 0 && passing <= 1) this.masteryScore = passing;
    const completion = this.get('cmi.completion_status');
    this.written.set('cmi.completion_status', completion);
    if (completion === 'completed') this.completed = true;
    if (this.mode === 'normal' && (completion === 'not attempted' || completion === 'unknown' || completion === '')) {
      this.set('cmi.completion_status', 'incomplete');
    }
    const entry = this.get('cmi.entry');
    const location = this.get('cmi.location');
    const suspendData = this.get('cmi.suspend_data');
    this.written.set('cmi.location', location);
    this.written.set('cmi.suspend_data', suspendData);
    const lang = this.get('cmi.learner_preference.language').toLowerCase();
    const info: { -readonly [K in keyof LaunchInfo]: LaunchInfo[K] } = { mode: this.mode };
    const name = this.get('cmi.learner_name');
    const id = this.get('cmi.learner_id');
    if (name) info.learnerName = name;
    if (id) info.learnerId = id;
    if (lang.startsWith('en')) info.lang = 'en';
    else if (lang.startsWith('vi')) info.lang = 'vi';
    this.lang = info.lang ?? (document.documentElement.lang || 'vi');
    if (this.masteryScore !== undefined) info.masteryScore = this.masteryScore;
    // Resume whenever the LMS kept state: some LMSs report entry "" on a return visit.
    if (entry === 'resume' || suspendData !== '' || location !== '') info.resume = { location, suspendData };
    this.commit();
    return info;
  }

  saveProgress(location: string, suspendData: string): void {
    this.set('cmi.location', location.slice(0, SCORM2004_LIMITS.location));
    // A cut JSON text would read as damaged and resume nothing: keep the last state that fitted.
    if (suspendData.length > SCORM2004_LIMITS.suspendData) this.options.onError?.('suspend_data longer than 64,000 characters: not written');
    else this.set('cmi.suspend_data', suspendData);
  }

  setProgress(measure: number): void {
    if (this.mode !== 'normal') return;
    this.set('cmi.progress_measure', round4(Math.min(1, Math.max(0, measure))));
  }

  record(i: InteractionRecord): void {
    if (this.mode !== 'normal') return;
    const p = `cmi.interactions.${this.interactionCount++}.`;
    // id and type first: the LMS checks responses against the type.
    this.set(`${p}id`, shortId(i.id));
    this.set(`${p}type`, i.type);
    const description = pickText(i.description, this.lang).slice(0, SCORM2004_LIMITS.description);
    if (description) this.set(`${p}description`, `{lang=${this.lang}}${description}`);
    this.set(`${p}timestamp`, scorm2004Timestamp(i.timestamp));
    this.set(`${p}weighting`, String(i.weighting));
    i.scorm2004.correctPatterns.forEach((pattern, k) => this.set(`${p}correct_responses.${k}.pattern`, pattern));
    // An unanswered question has no response: LMSs that check the format refuse an empty one
    // for most types (scorm-again: 406 for choice), so none is written.
    const response = i.scorm2004.learnerResponse.slice(0, SCORM2004_LIMITS.response);
    if (response !== '') this.set(`${p}learner_response`, response);
    this.set(`${p}result`, typeof i.result === 'number' ? String(i.result) : i.result);
    this.set(`${p}latency`, isoDuration(i.latencyMs));
    this.batch.soon();
  }

  /** Each graded component becomes an objective with its own score and success. */
  recordOutcome(o: AssessmentOutcome): void {
    if (this.mode !== 'normal') return;
    let n = this.objectiveIds.indexOf(o.id);
    if (n < 0) {
      n = this.objectiveIds.length;
      this.objectiveIds.push(o.id);
    }
    const p = `cmi.objectives.${n}.`;
    this.set(`${p}id`, shortId(o.id));
    this.set(`${p}score.scaled`, round4(Math.min(1, Math.max(0, o.mark / 10))));
    this.set(`${p}score.min`, '0');
    this.set(`${p}score.max`, String(Math.max(0, o.max)));
    this.set(`${p}score.raw`, String(Math.min(Math.max(0, o.raw), Math.max(0, o.max))));
    this.set(`${p}success_status`, o.passed ? 'passed' : 'failed');
    this.set(`${p}completion_status`, 'completed');
    this.batch.soon();
  }

  complete(): void {
    this.completed = true;
    if (this.mode !== 'normal') return;
    this.set('cmi.progress_measure', '1');
    this.set('cmi.completion_status', 'completed');
    this.batch.soon();
  }

  /** Passed only when the scaled score reaches the LMS's passing score (or our pass mark). */
  setResult(r: ModuleResult): void {
    if (this.mode !== 'normal') return;
    const scaled = Math.min(1, Math.max(0, r.scaled));
    const passed = this.masteryScore !== undefined ? scaled >= this.masteryScore : r.passed;
    this.set('cmi.score.min', '0');
    this.set('cmi.score.max', '100');
    this.set('cmi.score.raw', String(Math.round(scaled * 10000) / 100));
    this.set('cmi.score.scaled', round4(scaled));
    this.set('cmi.success_status', passed ? 'passed' : 'failed');
    this.batch.soon();
  }

  /** False when the LMS refused the Commit (what was written stays to be committed). */
  commit(): boolean {
    if (!this.dirty || this.finished) return true;
    this.dirty = false;
    if (String(this.api.Commit('')) === 'true') return true;
    this.dirty = true;
    if (!this.batch.retryLater()) this.refused('commit', 'Commit');
    return false;
  }

  finish(suspended: boolean): void {
    if (this.finished) return;
    this.set('cmi.session_time', isoDuration(this.now() - this.started));
    const exit = scorm2004Exit(this.mode);
    if (exit) this.set('cmi.exit', exit);
    // A finished module asks the LMS to move on to the next one, if the LMS says it can.
    if (!suspended && this.completed && this.mode === 'normal' && this.get('adl.nav.request_valid.continue') === 'true') {
      this.set('adl.nav.request', 'continue');
    }
    // Terminate stores the whole data model itself; a Commit just before it only doubles what a
    // leaving LMS page must send (lms-session.ts, endsNow). A hand-over needs it: Terminate comes later.
    if (this.options.session && !this.options.session.endsNow()) this.commit();
    this.finished = true;
    if (this.options.session) this.options.session.end();
    else this.api.Terminate('');
  }
}
