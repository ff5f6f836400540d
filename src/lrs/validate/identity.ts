/**
 * The one key an Agent or identified Group is filed under, by its inverse functional identifier:
 * the statement agent index and the document resources (State, Agent Profile) both use it, so a
 * statement filter and a document find the same person.
 *
 * Each key names its identifier kind and then holds the value in a form that decodes one way
 * only: an account is the JSON array [homePage, name], so no character of either part can move
 * the boundary between them (a plain separator let {homePage: "http://a.example|x", name: "y"}
 * and {homePage: "http://a.example", name: "x|y"} share one key).
 */
import type { Json } from './primitives.js';

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The key of an Agent or identified Group; undefined for an anonymous Group. */
export function agentKey(a: Json): string | undefined {
  if (typeof a['mbox'] === 'string') return `mbox:${a['mbox'].toLowerCase()}`;
  if (typeof a['mbox_sha1sum'] === 'string') return `sha1:${a['mbox_sha1sum'].toLowerCase()}`;
  if (typeof a['openid'] === 'string') return `openid:${a['openid']}`;
  const acc = a['account'];
  if (isObj(acc) && typeof acc['homePage'] === 'string' && typeof acc['name'] === 'string') return accountKey(acc['homePage'], acc['name']);
  return undefined;
}

export function accountKey(homePage: string, name: string): string {
  return `account:${JSON.stringify([homePage, name])}`;
}
