/** Creating, listing and revoking HTTP Basic credentials (the `boiduong lrs key` commands). */
import { randomBytes } from 'node:crypto';
import type { CredentialRecord, CredentialStore } from '../store/index.js';
import { hashSecret, randomSecret } from './secret.js';
import type { Scope } from './scopes.js';

export interface NewCredential {
  readonly key: string;
  readonly secret: string;
  readonly record: CredentialRecord;
}

export async function createCredential(store: CredentialStore, scopes: readonly Scope[], name: string): Promise<NewCredential> {
  const key = `bd-${randomBytes(9).toString('base64url')}`;
  const secret = randomSecret();
  const record: CredentialRecord = { key, secretHash: hashSecret(secret), name, scopes: [...scopes], created: new Date().toISOString() };
  await store.putCredential(record);
  return { key, secret, record };
}

/** Creates a credential with a given key and secret (used for fixed test/demo set-ups). */
export async function importCredential(store: CredentialStore, key: string, secret: string, scopes: readonly Scope[], name: string): Promise<void> {
  await store.putCredential({ key, secretHash: hashSecret(secret), name, scopes: [...scopes], created: new Date().toISOString() });
}

export function listCredentials(store: CredentialStore): Promise<CredentialRecord[]> {
  return store.listCredentials();
}

export function revokeCredential(store: CredentialStore, key: string): Promise<boolean> {
  return store.revokeCredential(key, new Date().toISOString());
}
