/**
 * Query parameters shared by the document resources: activityId, agent, registration, since.
 * Each parser returns the value or a reason the client can act on; handlers answer 400 with it.
 */

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

const IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// ISO 8601 date-time with a zone, as xAPI timestamps are.
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/;

export function requireParam(q: URLSearchParams, name: string): Parsed<string> {
  const all = q.getAll(name);
  if (all.length === 0) return fail(`missing required parameter ${name}`);
  if (all.length > 1) return fail(`parameter ${name} given more than once`);
  return ok(all[0]!);
}

export function activityIdParam(q: URLSearchParams): Parsed<string> {
  const v = requireParam(q, 'activityId');
  if (!v.ok) return v;
  return IRI.test(v.value) ? v : fail('activityId must be an IRI, e.g. https://example.org/activity/1');
}

export function registrationParam(q: URLSearchParams): Parsed<string> {
  const v = q.get('registration');
  if (v === null) return ok('');
  return UUID.test(v) ? ok(v.toLowerCase()) : fail('registration must be a UUID');
}

export function sinceParam(q: URLSearchParams): Parsed<string | undefined> {
  const v = q.get('since');
  if (v === null) return ok(undefined);
  if (!TIMESTAMP.test(v) || Number.isNaN(Date.parse(v))) return fail('since must be an ISO 8601 timestamp with a time zone');
  return ok(new Date(v).toISOString());
}

/** Parameters outside `allowed` are an error (xAPI: the LRS rejects parameters it does not recognise). */
export function unknownParam(q: URLSearchParams, allowed: readonly string[]): string | undefined {
  for (const name of q.keys()) if (!allowed.includes(name)) return `unknown parameter ${name}`;
  return undefined;
}

export interface AgentIdentity {
  /** Stable key of the inverse functional identifier, used to file documents. */
  readonly key: string;
  readonly agent: Record<string, unknown>;
}

const IFIS = ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const;

/** The key an agent is filed under: exactly one inverse functional identifier. */
export function agentIdentity(value: unknown): Parsed<AgentIdentity> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('agent must be a JSON object');
  const agent = value as Record<string, unknown>;
  if (agent['objectType'] !== undefined && agent['objectType'] !== 'Agent') return fail('agent must have objectType Agent');
  const present = IFIS.filter((k) => agent[k] !== undefined);
  if (present.length !== 1) return fail('agent must have exactly one of mbox, mbox_sha1sum, openid, account');
  const ifi = present[0]!;
  const v = agent[ifi];
  switch (ifi) {
    case 'mbox':
      if (typeof v !== 'string' || !/^mailto:[^@\s]+@[^@\s]+$/.test(v)) return fail('agent mbox must be mailto:address');
      return ok({ key: `mbox:${v.toLowerCase()}`, agent });
    case 'mbox_sha1sum':
      if (typeof v !== 'string' || !/^[0-9a-f]{40}$/i.test(v)) return fail('agent mbox_sha1sum must be 40 hex digits');
      return ok({ key: `sha1:${v.toLowerCase()}`, agent });
    case 'openid':
      if (typeof v !== 'string' || !IRI.test(v)) return fail('agent openid must be a URI');
      return ok({ key: `openid:${v}`, agent });
    case 'account': {
      const a = v as Record<string, unknown> | null;
      if (typeof a !== 'object' || a === null || typeof a['homePage'] !== 'string' || typeof a['name'] !== 'string' || !IRI.test(a['homePage'])) {
        return fail('agent account must have homePage (an IRL) and name');
      }
      return ok({ key: `account:${a['homePage']}|${a['name']}`, agent });
    }
  }
}

export function agentParam(q: URLSearchParams): Parsed<AgentIdentity> {
  const v = requireParam(q, 'agent');
  if (!v.ok) return v;
  let parsed: unknown;
  try {
    parsed = JSON.parse(v.value);
  } catch {
    return fail('agent must be JSON');
  }
  return agentIdentity(parsed);
}
