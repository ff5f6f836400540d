/**
 * Registration-bound tokens for cmi5 launches. The LMS creates one per launch and puts the fetch
 * URL in the launch link; the AU POSTs to it once and receives `{"auth-token": …}`, which it sends
 * as `Authorization: Basic …`. That credential writes and reads only statements of its
 * registration (and state of that registration) until it expires. A token minted with the
 * session's cmi5 context template also holds the AU to the cmi5 statement rules (launch-rules.ts).
 */
import { Buffer } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import type { CredentialStore } from '../store/index.js';
import { hashSecret, randomSecret } from './secret.js';

export const LAUNCH_KEY_PREFIX = 'lt-';

export const CMI5_SESSION_ID = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';

export interface LaunchBinding {
  readonly actor: Record<string, unknown>;
  readonly registration: string;
  readonly activityId: string;
  /**
   * The contextTemplate the LMS wrote in LMS.LaunchData for this AU session (cmi5 §10.2.1); it
   * carries the session id extension. When present, statements sent with the token must follow
   * the cmi5 rules of that session.
   */
  readonly contextTemplate?: Record<string, unknown>;
}

/** The session id of a cmi5 context template, or undefined when it has none. */
export function sessionIdOf(template: Record<string, unknown> | undefined): string | undefined {
  const ext = template?.['extensions'];
  const id = typeof ext === 'object' && ext !== null ? (ext as Record<string, unknown>)[CMI5_SESSION_ID] : undefined;
  return typeof id === 'string' ? id : undefined;
}

interface LaunchData extends LaunchBinding {
  readonly secretHash?: string;
}

export interface NewLaunch {
  readonly token: string;
  /** Path under the LRS base URL, e.g. /xapi/cmi5/fetch/lt-…; the LMS makes it absolute. */
  readonly fetchPath: string;
  readonly expires: string;
}

export async function createLaunchToken(store: CredentialStore, binding: LaunchBinding, ttlSeconds = 8 * 3600): Promise<NewLaunch> {
  const token = `${LAUNCH_KEY_PREFIX}${randomBytes(18).toString('base64url')}`;
  const expires = new Date(Date.now() + ttlSeconds * 1000).toISOString();
  if (binding.contextTemplate && !sessionIdOf(binding.contextTemplate)) {
    throw new Error(`a cmi5 contextTemplate must carry the session id extension ${CMI5_SESSION_ID}`);
  }
  const data: LaunchData = {
    actor: binding.actor,
    registration: binding.registration.toLowerCase(),
    activityId: binding.activityId,
    ...(binding.contextTemplate ? { contextTemplate: binding.contextTemplate } : {}),
  };
  await store.putLaunchToken({ token, data: JSON.stringify(data), fetched: false, expires });
  return { token, fetchPath: `/cmi5/fetch/${token}`, expires };
}

/**
 * The one-time hand-out: returns the auth-token (base64 of token:secret) the first time, and
 * undefined for an unknown, expired or already fetched token.
 */
export async function fetchLaunchToken(store: CredentialStore, token: string): Promise<string | undefined> {
  const claimed = await store.claimLaunchToken(token, new Date().toISOString());
  if (!claimed) return undefined;
  const secret = randomSecret();
  const data = JSON.parse(claimed.data) as LaunchData;
  await store.setLaunchTokenData(token, JSON.stringify({ ...data, secretHash: hashSecret(secret) }));
  return Buffer.from(`${token}:${secret}`).toString('base64');
}

/** The binding of a fetched, unexpired token, with its secret hash; undefined otherwise. */
export async function launchBinding(store: CredentialStore, token: string): Promise<(LaunchBinding & { secretHash: string; expires: string }) | undefined> {
  const t = await store.getLaunchToken(token);
  if (!t || !t.fetched || t.expires <= new Date().toISOString()) return undefined;
  const data = JSON.parse(t.data) as LaunchData;
  if (!data.secretHash) return undefined;
  return {
    actor: data.actor,
    registration: data.registration,
    activityId: data.activityId,
    ...(data.contextTemplate ? { contextTemplate: data.contextTemplate } : {}),
    secretHash: data.secretHash,
    expires: t.expires,
  };
}
