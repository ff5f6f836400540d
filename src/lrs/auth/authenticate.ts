/**
 * Turns an Authorization header into a Principal (401 when missing or wrong, 429 after repeated
 * failures). scrypt runs once per credential, not per request: a verified secret is remembered
 * by its SHA-256 together with the stored hash it matched, and rechecked against the store (a
 * cheap read, no scrypt) every few seconds, so a revoked key stops working within that window; on
 * PostgreSQL a change notification makes every node recheck the key at once (follow). A launch
 * token is never accepted past its expiry, whatever the memory says.
 *
 * Repeated failures (unknown key, wrong secret) are limited per key and per client address. A
 * secret already verified in this process skips the limiter: a client whose key is being guessed
 * at, or who shares an address with a guesser, keeps working unslowed.
 */
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { XapiError } from '../protocol/index.js';
import type { CredentialChanges, CredentialStore } from '../store/index.js';
import { LAUNCH_KEY_PREFIX, launchBinding } from './launch.js';
import type { LaunchBinding } from './launch.js';
import { FailureLimiter } from './rate-limit.js';
import type { BucketOptions } from './rate-limit.js';
import { verifySecret } from './secret.js';

export interface Principal {
  readonly key: string;
  readonly name: string;
  readonly scopes: readonly string[];
  /** The authority set on every statement this principal stores. */
  readonly authority: Record<string, unknown>;
  /** Present for a cmi5 launch token: everything is limited to this registration. */
  readonly launch?: LaunchBinding;
}

// Short, so a key revoked by another process stops working within seconds even when no change
// notification arrives (SQLite, or the PostgreSQL notification connection is down).
const RECHECK_MS = 5_000;
// 'profile' only so the AU can read its learner's cmi5LearnerPreferences (cmi5 §11); the agent
// profile route narrows a launch token to exactly that read.
const LAUNCH_SCOPES = ['statements/write', 'statements/read/mine', 'state', 'profile'];
/** Failures per key: 10 at once, then one more every 6 s. */
export const KEY_FAILURES: BucketOptions = { burst: 10, refillMs: 6_000 };
/** Failures per client address: 30 at once, then one every 2 s (several people behind one NAT). */
export const ADDRESS_FAILURES: BucketOptions = { burst: 30, refillMs: 2_000 };
// Remembered verified credentials before entries due for a recheck are dropped (launch tokens come and go).
const MAX_KNOWN = 10_000;

/** 401; http/ adds the Basic challenge. */
function unauthorized(message: string): XapiError {
  return new XapiError(401, message);
}

interface Verified {
  readonly principal: Principal;
  /** The record's secret hash (`scrypt$…`) the secret matched. */
  readonly secretHash: string;
}

interface Known extends Verified {
  /** SHA-256 of the secret that verified. */
  readonly digest: string;
  /** Until then the principal is used without reading the store. */
  readonly freshUntil: number;
}

export interface AuthLimits {
  readonly perKey?: BucketOptions;
  readonly perAddress?: BucketOptions;
}

export class Authenticator {
  private readonly known = new Map<string, Known>();
  /**
   * Store reads in flight, by key. When a busy key's memory expires, every request of it in that
   * moment would read the store at once (on PostgreSQL, each on a connection of its own, opened
   * for it and closed idle a few seconds later); they share one read instead.
   */
  private readonly reading = new Map<string, Promise<(Verified & { expires?: number }) | undefined>>();
  private readonly byKey: FailureLimiter;
  private readonly byAddress: FailureLimiter;

  constructor(
    private readonly store: CredentialStore,
    /** IRL naming this LRS, used as the account homePage of authorities (known once listening). */
    private readonly homePage: () => string,
    limits: AuthLimits = {},
  ) {
    this.byKey = new FailureLimiter(limits.perKey ?? KEY_FAILURES);
    this.byAddress = new FailureLimiter(limits.perAddress ?? ADDRESS_FAILURES);
  }

  /**
   * The next request of a remembered key (all of them without `key`) reads the store again: a
   * revoked or replaced key is refused then. Not forgotten outright: a notification may arrive
   * late, e.g. that of the key's own creation after its first requests, and a secret verified
   * here must keep passing the failure limits its key's guessers run into.
   */
  private recheck(key?: string): void {
    for (const [k, e] of this.known) if (key === undefined || k === key) this.known.set(k, { ...e, freshUntil: 0 });
  }

  forget(key?: string): void {
    if (key === undefined) this.known.clear();
    else this.known.delete(key);
  }

  /**
   * Rechecks a key the moment any process changes it, when the store pushes changes: a revoked key
   * is then refused everywhere within the notification's delay instead of RECHECK_MS. A key just
   * created or replaced also starts again with a full failure allowance. Returns the unsubscribe.
   */
  follow(changes: CredentialChanges | undefined): () => void {
    if (!changes) return () => undefined;
    return changes.subscribe({
      changed: (key) => {
        this.recheck(key);
        this.byKey.forgive(key.slice(0, 200));
      },
      lost: () => this.recheck(),
    });
  }

  /** `client` is the caller's address, for the per-address failure limit. */
  async authenticate(header: string | undefined, client = ''): Promise<Principal> {
    if (!header) throw unauthorized('missing Authorization header (HTTP Basic with an LRS key and secret)');
    const m = /^Basic\s+(\S+)\s*$/i.exec(header);
    if (!m) throw unauthorized('Authorization must be HTTP Basic');
    const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) throw unauthorized('malformed Basic credentials');
    const key = decoded.slice(0, colon);
    const secret = decoded.slice(colon + 1);
    const digest = createHash('sha256').update(secret).digest('hex');
    const now = Date.now();

    const known = this.known.get(key);
    if (known && known.digest === digest) {
      if (now < known.freshUntil) return known.principal;
      const current = await this.lookup(key);
      if (current && current.secretHash === known.secretHash) return this.remember(key, digest, current).principal;
      this.known.delete(key);
    }

    const limitedFor = Math.max(this.byKey.waitMs(key.slice(0, 200)), this.byAddress.waitMs(client));
    if (limitedFor > 0) {
      throw new XapiError(429, 'too many failed authentications: wait before trying again', Math.ceil(limitedFor / 1000));
    }
    const found = await this.lookup(key);
    if (!found || !verifySecret(secret, found.secretHash)) {
      this.byKey.fail(key.slice(0, 200));
      this.byAddress.fail(client);
      throw unauthorized('unknown key or wrong secret');
    }
    return this.remember(key, digest, found).principal;
  }

  private remember(key: string, digest: string, v: Verified & { expires?: number }): Known {
    const now = Date.now();
    const entry: Known = { principal: v.principal, secretHash: v.secretHash, digest, freshUntil: Math.min(now + RECHECK_MS, v.expires ?? Infinity) };
    this.known.set(key, entry);
    if (this.known.size > MAX_KNOWN) for (const [k, e] of this.known) if (e.freshUntil <= now) this.known.delete(k);
    return entry;
  }

  private authority(key: string, name: string): Record<string, unknown> {
    return { objectType: 'Agent', name, account: { homePage: this.homePage(), name: key } };
  }

  /** The principal a valid key or unexpired token would get, with the hash its secret must match. */
  private lookup(key: string): Promise<(Verified & { expires?: number }) | undefined> {
    let read = this.reading.get(key);
    if (!read) {
      read = this.read(key).finally(() => this.reading.delete(key));
      this.reading.set(key, read);
    }
    return read;
  }

  private async read(key: string): Promise<(Verified & { expires?: number }) | undefined> {
    if (key.startsWith(LAUNCH_KEY_PREFIX)) {
      const b = await launchBinding(this.store, key);
      if (!b) return undefined;
      const { secretHash, expires, ...launch } = b;
      const principal: Principal = { key, name: 'cmi5 launch', scopes: LAUNCH_SCOPES, authority: this.authority(key, 'cmi5 launch'), launch };
      return { principal, secretHash, expires: Date.parse(expires) };
    }
    const c = await this.store.getCredential(key);
    if (!c || c.revoked) return undefined;
    const principal: Principal = { key, name: c.name, scopes: c.scopes, authority: this.authority(key, c.name) };
    return { principal, secretHash: c.secretHash };
  }
}
