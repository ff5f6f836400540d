/**
 * The recheck of a remembered key: when its memory expires under load, the requests of that
 * moment share one read of the store (each read on PostgreSQL may open a connection of its own),
 * and a key revoked meanwhile is still refused.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Buffer } from 'node:buffer';
import { Authenticator } from '../../src/lrs/auth/authenticate.js';
import { hashSecret } from '../../src/lrs/auth/secret.js';
import type { CredentialRecord, CredentialStore } from '../../src/lrs/store/index.js';

/** Credentials in memory; every read is counted and takes a few milliseconds, like a round trip. */
class CountingStore implements CredentialStore {
  reads = 0;
  failNext = false;
  readonly records = new Map<string, CredentialRecord>();
  async putCredential(c: CredentialRecord): Promise<void> {
    this.records.set(c.key, c);
  }
  async getCredential(key: string): Promise<CredentialRecord | undefined> {
    this.reads++;
    await new Promise((r) => setTimeout(r, 5));
    if (this.failNext) {
      this.failNext = false;
      throw new Error('connection lost');
    }
    return this.records.get(key);
  }
  async listCredentials(): Promise<CredentialRecord[]> {
    return [...this.records.values()];
  }
  async revokeCredential(key: string, at: string): Promise<boolean> {
    const c = this.records.get(key);
    if (!c) return false;
    this.records.set(key, { ...c, revoked: at });
    return true;
  }
  async putLaunchToken(): Promise<void> {}
  async getLaunchToken(): Promise<undefined> {
    return undefined;
  }
  async claimLaunchToken(): Promise<undefined> {
    return undefined;
  }
  async setLaunchTokenData(): Promise<void> {}
}

const basic = (key: string, secret: string) => `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;

afterEach(() => vi.useRealTimers());

describe('Authenticator: rechecking a remembered key', () => {
  it('sends one read of the store for all the requests that find its memory expired, and refuses the key once revoked', async () => {
    const store = new CountingStore();
    await store.putCredential({ key: 'bd-tinh', secretHash: hashSecret('bi-mat'), name: 'Sở Nội vụ', scopes: ['all'], created: '2026-12-01T00:00:00.000Z' });
    const auth = new Authenticator(store, () => 'https://lrs.tinh.gov.vn');
    const header = basic('bd-tinh', 'bi-mat');
    vi.useFakeTimers({ toFake: ['Date'] });

    expect((await auth.authenticate(header)).name).toBe('Sở Nội vụ');
    expect(store.reads).toBe(1);
    await Promise.all(Array.from({ length: 20 }, () => auth.authenticate(header)));
    expect(store.reads).toBe(1);

    vi.setSystemTime(Date.now() + 6_000);
    const principals = await Promise.all(Array.from({ length: 40 }, () => auth.authenticate(header)));
    expect(principals.every((p) => p.key === 'bd-tinh')).toBe(true);
    expect(store.reads).toBe(2);

    // A read that fails is not kept: the next request reads again.
    vi.setSystemTime(Date.now() + 6_000);
    store.failNext = true;
    const failed = await Promise.allSettled(Array.from({ length: 5 }, () => auth.authenticate(header)));
    expect(failed.every((r) => r.status === 'rejected')).toBe(true);
    expect(store.reads).toBe(3);
    await auth.authenticate(header);
    expect(store.reads).toBe(4);

    await store.revokeCredential('bd-tinh', '2026-12-01T01:00:00.000Z');
    vi.setSystemTime(Date.now() + 6_000);
    const refused = await Promise.allSettled(Array.from({ length: 10 }, () => auth.authenticate(header)));
    expect(refused.map((r) => (r.status === 'rejected' ? (r.reason as { status?: number }).status : 'accepted'))).toEqual(Array(10).fill(401));
  });
});
