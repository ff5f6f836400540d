/**
 * Whether two JSON agents name the same person: the same inverse functional identifier (xAPI
 * 2.4.2.3), compared as values. Key order, `name` and `objectType` do not matter; an account is
 * its homePage and name.
 */
type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The identifier of an agent as one comparable string, or undefined when it has none. */
export function agentIdentity(agent: unknown): string | undefined {
  if (!isObject(agent)) return undefined;
  if (typeof agent['mbox'] === 'string') return `mbox ${agent['mbox']}`;
  if (typeof agent['mbox_sha1sum'] === 'string') return `sha1 ${agent['mbox_sha1sum'].toLowerCase()}`;
  if (typeof agent['openid'] === 'string') return `openid ${agent['openid']}`;
  const account = agent['account'];
  if (isObject(account) && typeof account['homePage'] === 'string' && typeof account['name'] === 'string') {
    return `account ${JSON.stringify([account['homePage'], account['name']])}`;
  }
  return undefined;
}

export function sameAgent(a: unknown, b: unknown): boolean {
  const x = agentIdentity(a);
  return x !== undefined && x === agentIdentity(b);
}

/** sameAgent for an agent given as JSON text (a query parameter); false when it does not parse. */
export function sameAgentJson(text: string | null, agent: unknown): boolean {
  if (text === null) return false;
  try {
    return sameAgent(JSON.parse(text) as unknown, agent);
  } catch {
    return false;
  }
}
