/**
 * The three shapes GET /statements can answer with: exact (as stored), ids (identifiers only)
 * and canonical (language maps reduced to the language the client prefers).
 */
import type { RecordedStatement } from '../protocol/index.js';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export type StatementFormat = 'exact' | 'ids' | 'canonical';

function idsActor(a: unknown): unknown {
  if (!isObj(a)) return a;
  const out: Json = {};
  if (a['objectType'] !== undefined) out['objectType'] = a['objectType'];
  for (const k of ['mbox', 'mbox_sha1sum', 'openid', 'account']) if (a[k] !== undefined) out[k] = a[k];
  const hasIfi = Object.keys(out).some((k) => k !== 'objectType');
  if (!hasIfi && Array.isArray(a['member'])) out['member'] = a['member'].map(idsActor);
  return out;
}

function idsObject(o: unknown): unknown {
  if (!isObj(o)) return o;
  const type = o['objectType'];
  if (type === undefined || type === 'Activity') return { id: o['id'] };
  if (type === 'Agent' || type === 'Group') return idsActor(o);
  if (type === 'SubStatement') return idsStatement(o);
  return o;
}

function idsContext(c: unknown): unknown {
  if (!isObj(c)) return c;
  const out: Json = { ...c };
  if (c['instructor'] !== undefined) out['instructor'] = idsActor(c['instructor']);
  if (c['team'] !== undefined) out['team'] = idsActor(c['team']);
  if (isObj(c['contextActivities'])) {
    const ca: Json = {};
    for (const [k, v] of Object.entries(c['contextActivities'])) ca[k] = Array.isArray(v) ? v.map(idsObject) : idsObject(v);
    out['contextActivities'] = ca;
  }
  if (Array.isArray(c['contextAgents'])) out['contextAgents'] = c['contextAgents'].map((a: unknown) => (isObj(a) ? { ...a, agent: idsActor(a['agent']) } : a));
  if (Array.isArray(c['contextGroups'])) out['contextGroups'] = c['contextGroups'].map((g: unknown) => (isObj(g) ? { ...g, group: idsActor(g['group']) } : g));
  return out;
}

function idsStatement(s: Json): Json {
  const out: Json = { ...s, actor: idsActor(s['actor']), verb: isObj(s['verb']) ? { id: s['verb']['id'] } : s['verb'], object: idsObject(s['object']) };
  if (s['context'] !== undefined) out['context'] = idsContext(s['context']);
  if (s['authority'] !== undefined) out['authority'] = idsActor(s['authority']);
  return out;
}

/** Accept-Language → tags in preference order (q-values honoured). */
export function preferredLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { tag: (tag ?? '').trim().toLowerCase(), q: q ? Number(q) : 1, i };
    })
    .filter((t) => t.tag && t.tag !== '*' && t.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i)
    .map((t) => t.tag);
}

function pick(map: Json, prefs: readonly string[]): Json {
  const keys = Object.keys(map);
  if (keys.length <= 1) return map;
  for (const p of prefs) {
    const exact = keys.find((k) => k.toLowerCase() === p);
    if (exact) return { [exact]: map[exact] };
    const prefix = keys.find((k) => k.toLowerCase().split('-')[0] === p.split('-')[0]);
    if (prefix) return { [prefix]: map[prefix] };
  }
  return { [keys[0]!]: map[keys[0]!] };
}

const LANGUAGE_MAPS = new Set(['display', 'name', 'description']);

function canonical(v: unknown, prefs: readonly string[], key = ''): unknown {
  if (Array.isArray(v)) return v.map((x) => canonical(x, prefs));
  if (!isObj(v)) return v;
  if (LANGUAGE_MAPS.has(key) && Object.values(v).every((x) => typeof x === 'string')) return pick(v, prefs);
  const out: Json = {};
  for (const [k, x] of Object.entries(v)) out[k] = k === 'extensions' ? x : canonical(x, prefs, k);
  return out;
}

/** The walkers above work on any JSON (a SubStatement is shaped like its statement), so the typed statement enters as JSON. */
export function formatStatement(s: RecordedStatement, format: StatementFormat, acceptLanguage?: string): Json {
  if (format === 'ids') return idsStatement(s);
  if (format === 'canonical') {
    const prefs = preferredLanguages(acceptLanguage);
    const out: Json = {};
    for (const [k, x] of Object.entries(s)) out[k] = k === 'extensions' ? x : canonical(x, prefs, k);
    return out;
  }
  return s;
}
