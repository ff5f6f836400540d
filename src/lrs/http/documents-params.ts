/**
 * Query parameters shared by the document resources: activityId, agent, registration, since.
 * Each parser returns the value or a reason the client can act on; handlers answer 400 with it.
 */
import {
  agent,
  agentKey,
  MAX_DOCUMENT_ID_BYTES,
  MAX_ID_BYTES,
  textProblem,
  timeBound,
  tooLong,
  StatementError,
} from '../validate/index.js';

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

/** The reason a key part is refused (a character no store holds, or longer than the stores index), if it is. */
function keyPartProblem(name: string, value: string, max: number): string | undefined {
  const problem = textProblem(value) ?? tooLong(value, max);
  return problem ? `${name} ${problem}` : undefined;
}

export function activityIdParam(q: URLSearchParams): Parsed<string> {
  const v = requireParam(q, 'activityId');
  if (!v.ok) return v;
  const problem = keyPartProblem('activityId', v.value, MAX_ID_BYTES);
  if (problem) return fail(problem);
  return IRI.test(v.value) ? v : fail('activityId must be an IRI, e.g. https://example.org/activity/1');
}

/** stateId or profileId. */
export function documentIdParam(q: URLSearchParams, name: 'stateId' | 'profileId'): Parsed<string> {
  const v = requireParam(q, name);
  if (!v.ok) return v;
  const problem = keyPartProblem(name, v.value, MAX_DOCUMENT_ID_BYTES);
  return problem ? fail(problem) : v;
}

/** A document's Content-Type is stored as text: the alternate request syntax can carry U+0000 in it. */
export function contentTypeProblem(type: string | undefined): string | undefined {
  const problem = type === undefined ? undefined : textProblem(type);
  return problem ? `Content-Type ${problem}` : undefined;
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
  return ok(timeBound(Date.parse(v)));
}

/** Parameters outside `allowed` are an error (xAPI: the LRS rejects parameters it does not recognise). */
export function unknownParam(q: URLSearchParams, allowed: readonly string[]): string | undefined {
  for (const name of q.keys()) if (!allowed.includes(name)) return `unknown parameter ${name}`;
  return undefined;
}

export interface AgentIdentity {
  /** The key the agent is filed under (validate/identity.ts, the same as in statements). */
  readonly key: string;
  readonly agent: Record<string, unknown>;
}

/**
 * An Agent checked by the same rules as in a statement (exactly one valid inverse functional
 * identifier, no unknown properties), and the key it is filed under.
 */
export function agentIdentity(value: unknown): Parsed<AgentIdentity> {
  let checked: Record<string, unknown>;
  try {
    checked = agent(value, 'agent');
  } catch (e) {
    if (e instanceof StatementError) return fail(e.message);
    throw e;
  }
  return ok({ key: agentKey(checked)!, agent: checked });
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
