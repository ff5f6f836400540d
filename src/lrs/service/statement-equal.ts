/**
 * Whether a statement received again equals the stored one (xAPI: same id and same content →
 * accept, else 409). Properties the LRS sets are ignored; a timestamp the LRS filled in is ignored
 * when the new copy has none.
 */
import { comparableDuration } from '../validate/index.js';

type Json = Record<string, unknown>;

function deepEqual(a: unknown, b: unknown, key = ''): boolean {
  if (a === b) return true;
  if (key === 'duration' && typeof a === 'string' && typeof b === 'string') return comparableDuration(a) === comparableDuration(b);
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b as Json);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual((a as Json)[k], (b as Json)[k], k));
}

export function sameStatement(stored: Json, received: Json): boolean {
  const strip = (s: Json, dropTimestamp: boolean): Json => {
    const { stored: _s, authority: _a, version: _v, timestamp, ...rest } = s;
    return dropTimestamp ? rest : { ...rest, timestamp };
  };
  const noTimestamp = received['timestamp'] === undefined;
  return deepEqual(strip(stored, noTimestamp), strip(received, noTimestamp));
}
