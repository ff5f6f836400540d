/**
 * The cmi5 fetch URL (cmi5 §8.2): the AU POSTs once and receives {"auth-token": …}; a second call,
 * an unknown or an expired token get a cmi5 error object instead.
 */
import { fetchLaunchToken } from '../auth/index.js';
import type { CredentialStore } from '../store/index.js';
import { json } from './documents.js';
import type { ResourceResponse } from './documents.js';
import type { LrsRequest } from './router.js';

export const FETCH_PREFIX = '/cmi5/fetch/';

export async function handleCmi5Fetch(credentials: CredentialStore, req: LrsRequest): Promise<ResourceResponse> {
  if (req.method !== 'POST') return json(405, { 'error-code': '3', 'error-text': 'the fetch URL takes POST' });
  const token = req.path.slice(FETCH_PREFIX.length);
  const authToken = await fetchLaunchToken(credentials, token);
  if (!authToken) {
    const known = await credentials.getLaunchToken(token);
    const reason = known?.fetched ? 'this launch token was already fetched' : 'unknown or expired launch token';
    return json(401, { 'error-code': known?.fetched ? '1' : '2', 'error-text': reason });
  }
  return json(200, { 'auth-token': authToken }, { 'cache-control': 'no-store' });
}
