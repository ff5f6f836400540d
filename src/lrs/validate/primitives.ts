/**
 * Checks of the xAPI value formats: IRIs, UUIDs, ISO 8601 timestamps and durations, language
 * maps, mailto IRIs. Each throws StatementError naming the property path so a client can fix it.
 */
import { InvalidRequest } from '../protocol/index.js';
import { MAX_ID_BYTES, textProblem, tooLong } from './limits.js';

/** A value that breaks the xAPI data rules: 400 naming the property path. */
export class StatementError extends InvalidRequest {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'StatementError';
  }
}

export type Json = Record<string, unknown>;

export function withinBytes(s: string, max: number, path: string): string {
  const reason = tooLong(s, max);
  if (reason) fail(path, reason);
  return s;
}

/** Every string and property name inside a free-form value (extensions) passes textProblem. */
export function storableValue(v: unknown, path: string): void {
  if (typeof v === 'string') {
    const problem = textProblem(v);
    if (problem) fail(path, problem);
  } else if (Array.isArray(v)) v.forEach((x, i) => storableValue(x, `${path}[${i}]`));
  else if (typeof v === 'object' && v !== null) {
    for (const [k, x] of Object.entries(v)) {
      const problem = textProblem(k);
      if (problem) fail(`${path} key ${JSON.stringify(k)}`, problem);
      storableValue(x, `${path}.${k}`);
    }
  }
}

export const fail = (path: string, reason: string): never => {
  throw new StatementError(path, reason);
};

const IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]*$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
// ISO 8601 / RFC 3339 date-time; the zone may be omitted only in 1.0.3 (see isTimestamp).
const TIMESTAMP = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d)(?:[.,](\d+))?)?(Z|[+-]\d\d(?::?\d\d)?)?$/;
const DURATION =
  /^P(?:\d+(?:[.,]\d+)?W|(?=\d|T\d)(?:\d+(?:[.,]\d+)?Y)?(?:\d+(?:[.,]\d+)?M)?(?:\d+(?:[.,]\d+)?D)?(?:T(?=\d)(?:\d+(?:[.,]\d+)?H)?(?:\d+(?:[.,]\d+)?M)?(?:\d+(?:[.,]\d+)?S)?)?)$/;
// RFC 5646 language tag, permissive on subtags (the registry is not consulted).
const LANG = /^(?:[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*|[xX](?:-[A-Za-z0-9]{1,8})+|i-[A-Za-z]{1,8})$/;

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function object(v: unknown, path: string): Json {
  if (!isObject(v)) fail(path, 'must be a JSON object');
  return v as Json;
}

export function onlyKeys(o: Json, allowed: readonly string[], path: string): void {
  for (const k of Object.keys(o)) {
    if (!allowed.includes(k)) fail(`${path}.${k}`, 'is not a property xAPI defines here');
    if (o[k] === null) fail(`${path}.${k}`, 'must not be null');
  }
}

export function string(v: unknown, path: string): string {
  if (typeof v !== 'string') fail(path, 'must be a string');
  const problem = textProblem(v as string);
  if (problem) fail(path, problem);
  return v as string;
}

export function iri(v: unknown, path: string): string {
  const s = string(v, path);
  if (!IRI.test(s)) fail(path, 'must be an absolute IRI (scheme:…)');
  return s;
}

export function uuid(v: unknown, path: string): string {
  const s = string(v, path);
  if (!UUID.test(s)) fail(path, 'must be a UUID');
  return s.toLowerCase();
}

export function isUuid(v: unknown): v is string {
  return typeof v === 'string' && UUID.test(v);
}

export function timestamp(v: unknown, path: string, requireZone: boolean): string {
  const s = string(v, path);
  const m = TIMESTAMP.exec(s);
  if (!m) fail(path, 'must be an ISO 8601 timestamp, e.g. 2025-07-01T08:30:00.000Z');
  const zone = m![8];
  if (requireZone && zone === undefined) fail(path, 'must give a time zone (Z or ±hh:mm)');
  if (zone !== undefined && /^-00(:?00)?$/.test(zone)) fail(path, 'must not use the offset -00:00');
  const [mo, d, h, mi, se] = [m![2], m![3], m![4], m![5], m![6] ?? '0'].map(Number) as [number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) fail(path, 'is not a real date and time');
  if (Number.isNaN(Date.parse(zone === undefined ? `${s}Z` : s.replace(',', '.')))) fail(path, 'is not a real date and time');
  return s;
}

export function duration(v: unknown, path: string): string {
  const s = string(v, path);
  if (!DURATION.test(s)) fail(path, 'must be an ISO 8601 duration, e.g. PT1H30M');
  return s;
}

export function languageTag(v: unknown, path: string): string {
  const s = string(v, path);
  if (!LANG.test(s)) fail(path, 'must be an RFC 5646 language tag, e.g. vi or en-US');
  return s;
}

export function languageMap(v: unknown, path: string): void {
  const o = object(v, path);
  for (const [k, val] of Object.entries(o)) {
    languageTag(k, `${path} key ${k}`);
    string(val, `${path}.${k}`);
  }
}

export function extensions(v: unknown, path: string): void {
  const o = object(v, path);
  for (const [k, value] of Object.entries(o)) {
    iri(k, `${path} key ${k}`);
    storableValue(value, `${path}.${k}`);
  }
}

/** An IRI the stores index (verb id, activity id): at most MAX_ID_BYTES. */
export function indexedIri(v: unknown, path: string): string {
  return withinBytes(iri(v, path), MAX_ID_BYTES, path);
}

export function boolean(v: unknown, path: string): boolean {
  if (typeof v !== 'boolean') fail(path, 'must be true or false');
  return v as boolean;
}

export function number(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(path, 'must be a number');
  return v as number;
}

export function array(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) fail(path, 'must be an array');
  return v as unknown[];
}

export function mbox(v: unknown, path: string): string {
  const s = string(v, path);
  if (!/^mailto:[^@\s]+@[^@\s]+$/i.test(s)) fail(path, 'must be mailto: followed by an e-mail address');
  return s;
}

/** xAPI 2.0 §4.2.7: durations compare only to 0.01 s, so extra digits of the seconds are cut. */
export function comparableDuration(d: string): string {
  return d.replace(/(\d+)[.,](\d+)S$/, (_m, whole: string, frac: string) => {
    const cut = frac.slice(0, 2).replace(/0+$/, '');
    return cut ? `${whole}.${cut}S` : `${whole}S`;
  });
}
