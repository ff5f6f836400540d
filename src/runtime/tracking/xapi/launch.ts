/** The launch query of a cmi5 AU or a plain xAPI (Tin Can) launch. */
import type { Agent } from '../../../core/index.js';

export interface Cmi5Launch {
  readonly endpoint: string;
  readonly fetch: string;
  readonly actor: Agent;
  readonly registration: string;
  readonly activityId: string;
}

export interface XapiLaunch {
  readonly endpoint: string;
  readonly auth?: string;
  readonly actor: Agent;
  readonly registration?: string;
  readonly activityId?: string;
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);

/**
 * An agent from the launch's actor JSON, accepting the older Tin Can form
 * ({"name":["…"],"account":[{"accountServiceHomePage":…,"accountName":…}]}).
 */
export function parseActor(json: string | null): Agent | undefined {
  if (!json) return undefined;
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (!raw || typeof raw !== 'object') return undefined;
  const name = first(raw['name']);
  const base: { objectType: 'Agent'; name?: string } = { objectType: 'Agent' };
  if (typeof name === 'string' && name) base.name = name;
  const account = first(raw['account']) as Record<string, unknown> | undefined;
  if (account && typeof account === 'object') {
    const homePage = account['homePage'] ?? account['accountServiceHomePage'];
    const accountName = account['name'] ?? account['accountName'];
    if (typeof homePage === 'string' && typeof accountName === 'string') return { ...base, account: { homePage, name: accountName } };
  }
  const mbox = first(raw['mbox']);
  if (typeof mbox === 'string' && mbox) return { ...base, mbox: mbox.startsWith('mailto:') ? mbox : `mailto:${mbox}` };
  const sha = first(raw['mbox_sha1sum']);
  if (typeof sha === 'string' && sha) return { ...base, mbox_sha1sum: sha };
  const openid = first(raw['openid']);
  if (typeof openid === 'string' && openid) return { ...base, openid };
  return undefined;
}

export function cmi5Launch(search: string): Cmi5Launch | undefined {
  const q = new URLSearchParams(search);
  const endpoint = q.get('endpoint');
  const fetchUrl = q.get('fetch');
  const actor = parseActor(q.get('actor'));
  const registration = q.get('registration');
  const activityId = q.get('activityId');
  if (!endpoint || !fetchUrl || !actor || !registration || !activityId) return undefined;
  return { endpoint: withSlash(endpoint), fetch: fetchUrl, actor, registration, activityId };
}

export function xapiLaunch(search: string): XapiLaunch | undefined {
  const q = new URLSearchParams(search);
  const endpoint = q.get('endpoint');
  const actor = parseActor(q.get('actor'));
  if (!endpoint || !actor) return undefined;
  const out: { -readonly [K in keyof XapiLaunch]: XapiLaunch[K] } = { endpoint: withSlash(endpoint), actor };
  const auth = q.get('auth');
  if (auth) out.auth = auth;
  const registration = q.get('registration');
  if (registration) out.registration = registration;
  const activityId = q.get('activity_id');
  if (activityId) out.activityId = activityId;
  return out;
}
