/**
 * The resume state of one case, as kept in suspend_data. Short keys keep it compact: a walk of
 * twenty decisions with two reflections is under 100 characters.
 */

export interface CaseState {
  /** Choice letters taken from the start scene. */
  readonly letters: string;
  /** How many times the learner went back. */
  readonly backs: number;
  /** Reflection ids already answered (their text went to the LMS, not here). */
  readonly reflections: readonly string[];
  /** Time spent in the case before this session, in ms. */
  readonly elapsedMs: number;
  /** The outcome was reported to the player. */
  readonly reported: boolean;
}

export interface PackedCaseState {
  p: string;
  b?: number;
  r?: string[];
  t?: number;
  d?: 1;
}

export const EMPTY_CASE_STATE: CaseState = { letters: '', backs: 0, reflections: [], elapsedMs: 0, reported: false };

export function packCaseState(s: CaseState): PackedCaseState {
  const out: PackedCaseState = { p: s.letters };
  if (s.backs > 0) out.b = s.backs;
  if (s.reflections.length > 0) out.r = [...s.reflections];
  // Whole seconds are enough for durations and save characters.
  if (s.elapsedMs > 0) out.t = Math.round(s.elapsedMs / 1000);
  if (s.reported) out.d = 1;
  return out;
}

/** Read a stored state; anything malformed yields a fresh start rather than a crash. */
export function unpackCaseState(raw: unknown): CaseState {
  if (typeof raw !== 'object' || raw === null) return EMPTY_CASE_STATE;
  const o = raw as Record<string, unknown>;
  const letters = typeof o['p'] === 'string' && /^[a-z]*$/.test(o['p']) ? o['p'] : '';
  const backs = typeof o['b'] === 'number' && Number.isFinite(o['b']) && o['b'] >= 0 ? Math.floor(o['b']) : 0;
  const reflections = Array.isArray(o['r']) ? o['r'].filter((x): x is string => typeof x === 'string') : [];
  const elapsedMs = typeof o['t'] === 'number' && Number.isFinite(o['t']) && o['t'] >= 0 ? o['t'] * 1000 : 0;
  return { letters, backs, reflections, elapsedMs, reported: o['d'] === 1 };
}
