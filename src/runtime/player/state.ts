/**
 * The module's resume state, kept compact for SCORM 1.2's 4,096-character suspend_data:
 * the module it belongs to, current page, pages seen as a hex bitset, each component's state,
 * and graded outcomes.
 */

export interface OutcomeSummary {
  /** Mark on the 10-point scale. */
  readonly m: number;
  /** 1 passed, 0 not. */
  readonly p: 0 | 1;
  readonly w: number;
}

export interface PlayerState {
  page: number;
  seen: boolean[];
  components: Record<string, unknown>;
  outcomes: Record<string, OutcomeSummary>;
}

/**
 * The module (and its version) a resume state was written by. An LMS that switches content
 * inside one API can hand a module another module's suspend_data; the owner tells them apart.
 */
export interface StateOwner {
  readonly id: string;
  readonly version: string;
}

interface Wire {
  v: 1;
  /** Owner as "module-id@version"; absent in states written before owners were kept. */
  m?: string;
  p: number;
  s: string;
  c?: Record<string, unknown>;
  o?: Record<string, OutcomeSummary>;
}

export function emptyState(pageCount: number): PlayerState {
  return { page: 0, seen: new Array<boolean>(pageCount).fill(false), components: {}, outcomes: {} };
}

export function encodeSeen(seen: readonly boolean[]): string {
  let out = '';
  for (let i = 0; i < seen.length; i += 4) {
    let nibble = 0;
    for (let b = 0; b < 4; b++) if (seen[i + b]) nibble |= 1 << b;
    out += nibble.toString(16);
  }
  return out;
}

export function decodeSeen(hex: string, pageCount: number): boolean[] {
  const seen = new Array<boolean>(pageCount).fill(false);
  for (let i = 0; i < pageCount; i++) {
    const nibble = parseInt(hex[i >> 2] ?? '0', 16) || 0;
    seen[i] = (nibble & (1 << (i & 3))) !== 0;
  }
  return seen;
}

function ownerText(o: StateOwner): string {
  return `${o.id}@${o.version}`;
}

export function serializeState(s: PlayerState, owner?: StateOwner): string {
  const wire: Wire = owner ? { v: 1, m: ownerText(owner), p: s.page, s: encodeSeen(s.seen) } : { v: 1, p: s.page, s: encodeSeen(s.seen) };
  if (Object.keys(s.components).length > 0) wire.c = s.components;
  if (Object.keys(s.outcomes).length > 0) wire.o = s.outcomes;
  return JSON.stringify(wire);
}

/**
 * The state as text no longer than `limit`. When components' states do not fit, the largest are
 * dropped first (that component restarts); page, pages seen and graded outcomes are always kept.
 */
export function serializeWithin(s: PlayerState, limit: number, owner?: StateOwner): { text: string; dropped: string[] } {
  let text = serializeState(s, owner);
  const dropped: string[] = [];
  if (text.length <= limit) return { text, dropped };
  const components = { ...s.components };
  const bySize = Object.keys(components).sort((a, b) => JSON.stringify(components[b]).length - JSON.stringify(components[a]).length);
  for (const key of bySize) {
    delete components[key];
    dropped.push(key);
    text = serializeState({ ...s, components }, owner);
    if (text.length <= limit) break;
  }
  return { text, dropped };
}

/** The owner a stored state names, when it names one (states from older builds do not). */
export function stateOwnerOf(text: string): StateOwner | undefined {
  try {
    const w = JSON.parse(text) as Partial<Wire> | null;
    if (typeof w?.m !== 'string') return undefined;
    const at = w.m.lastIndexOf('@');
    return at < 0 ? { id: w.m, version: '' } : { id: w.m.slice(0, at), version: w.m.slice(at + 1) };
  } catch {
    return undefined;
  }
}

/**
 * A state written by another module (its owner's id differs from `owner`'s); undefined when the
 * state is this module's, names no owner, or cannot be read. A new version of the same module
 * keeps its learner's place: its components check their own state (a test its draw).
 */
export function foreignOwner(text: string, owner: StateOwner): StateOwner | undefined {
  const named = stateOwnerOf(text);
  return named && named.id !== owner.id ? named : undefined;
}

/** Unknown or damaged data, or another module's, gives a fresh state rather than a broken module. */
export function parseState(text: string, pageCount: number, owner?: StateOwner): PlayerState {
  const fresh = emptyState(pageCount);
  if (!text) return fresh;
  if (owner && foreignOwner(text, owner)) return fresh;
  try {
    const w = JSON.parse(text) as Partial<Wire>;
    if (w.v !== 1) return fresh;
    const page = typeof w.p === 'number' && w.p >= 0 && w.p < pageCount ? Math.floor(w.p) : 0;
    return {
      page,
      seen: decodeSeen(typeof w.s === 'string' ? w.s : '', pageCount),
      components: w.c && typeof w.c === 'object' ? { ...w.c } : {},
      outcomes: w.o && typeof w.o === 'object' ? { ...w.o } : {},
    };
  } catch {
    return fresh;
  }
}
