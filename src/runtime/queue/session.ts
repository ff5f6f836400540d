/**
 * Which session a statement belongs to, and whether the LRS already holds the same statement.
 * cmi5 binds a launch token to one session: an LMS refuses a batch that mixes sessions and a
 * statement of another session (the reference LMS answers 403), so the queue never mixes them.
 */
import { CMI5, type Statement } from '../../core/index.js';

/** Registration and cmi5 session id, "registration|sessionid" (either may be empty). */
export function sessionKey(s: Statement): string {
  const ctx = s.context as { registration?: unknown; extensions?: Record<string, unknown> } | undefined;
  const registration = typeof ctx?.registration === 'string' ? ctx.registration : '';
  const session = ctx?.extensions?.[CMI5.sessionId];
  return `${registration}|${typeof session === 'string' ? session : ''}`;
}

/** A cmi5 session (with a session id) is bound to its own launch token; plain xAPI is not. */
export function isCmi5Session(key: string): boolean {
  return !key.endsWith('|');
}

function instant(t: unknown): number {
  return typeof t === 'string' ? Date.parse(t) : NaN;
}

function resultKey(r: unknown): string {
  const o = (r ?? {}) as { success?: unknown; completion?: unknown; response?: unknown; score?: { scaled?: unknown } };
  return JSON.stringify([o.success, o.completion, o.response, o.score?.scaled]);
}

/**
 * Whether `stored` (what the LRS returns for the id) is the statement we sent. An LRS adds
 * stored, authority and version and may rewrite the timestamp's zone, so those are not compared.
 */
export function sameStatement(sent: Statement, stored: unknown): boolean {
  if (!stored || typeof stored !== 'object') return false;
  const o = stored as Record<string, unknown> & { verb?: { id?: unknown }; object?: { id?: unknown } };
  return (
    o['id'] === sent.id &&
    o.verb?.id === sent.verb.id &&
    o.object?.id === sent.object.id &&
    sessionKey(o as unknown as Statement) === sessionKey(sent) &&
    instant(o['timestamp']) === instant(sent.timestamp) &&
    resultKey(o['result']) === resultKey(sent.result)
  );
}
