/** Agents and Groups: exactly one inverse functional identifier, members of groups are Agents. */
import { agentKey } from './identity.js';
import { MAX_ID_BYTES, tooLong } from './limits.js';
import { array, fail, iri, mbox, object, onlyKeys, string } from './primitives.js';
import type { Json } from './primitives.js';

const IFIS = ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const;

function ifiCount(o: Json, path: string): number {
  let n = 0;
  for (const k of IFIS) {
    if (o[k] === undefined) continue;
    n++;
    const p = `${path}.${k}`;
    if (k === 'mbox') mbox(o[k], p);
    else if (k === 'mbox_sha1sum') {
      if (!/^[0-9a-fA-F]{40}$/.test(string(o[k], p))) fail(p, 'must be 40 hexadecimal digits (SHA-1 of the mailto IRI)');
    } else if (k === 'openid') iri(o[k], p);
    else {
      const a = object(o[k], p);
      onlyKeys(a, ['homePage', 'name'], p);
      if (a['homePage'] === undefined) fail(`${p}.homePage`, 'is required');
      iri(a['homePage'], `${p}.homePage`);
      if (a['name'] === undefined) fail(`${p}.name`, 'is required');
      string(a['name'], `${p}.name`);
    }
  }
  // The stores index the identifier as one key: its length is checked as filed.
  if (n === 1) {
    const reason = tooLong(agentKey(o)!, MAX_ID_BYTES);
    if (reason) fail(path, `its identifier ${reason}`);
  }
  return n;
}

export function agent(v: unknown, path: string): Json {
  const o = object(v, path);
  onlyKeys(o, ['objectType', 'name', ...IFIS], path);
  if (o['objectType'] !== undefined && o['objectType'] !== 'Agent') fail(`${path}.objectType`, 'must be Agent');
  if (o['name'] !== undefined) string(o['name'], `${path}.name`);
  if (ifiCount(o, path) !== 1) fail(path, 'an Agent must have exactly one of mbox, mbox_sha1sum, openid, account');
  return o;
}

export function group(v: unknown, path: string): Json {
  const o = object(v, path);
  onlyKeys(o, ['objectType', 'name', 'member', ...IFIS], path);
  if (o['objectType'] !== 'Group') fail(`${path}.objectType`, 'must be Group');
  if (o['name'] !== undefined) string(o['name'], `${path}.name`);
  const n = ifiCount(o, path);
  if (n > 1) fail(path, 'a Group must have at most one of mbox, mbox_sha1sum, openid, account');
  if (o['member'] !== undefined) {
    array(o['member'], `${path}.member`).forEach((m, i) => {
      const mp = `${path}.member[${i}]`;
      if (object(m, mp)['objectType'] === 'Group') fail(mp, 'a Group member must be an Agent, not a Group');
      agent(m, mp);
    });
  }
  if (n === 0 && (!Array.isArray(o['member']) || o['member'].length === 0)) {
    fail(path, 'an anonymous Group (no identifier) must list its members');
  }
  return o;
}

/** Agent, or Group when objectType says so. */
export function actor(v: unknown, path: string): Json {
  const o = object(v, path);
  return o['objectType'] === 'Group' ? group(o, path) : agent(o, path);
}
