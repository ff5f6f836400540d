/**
 * Turns an Authorization header into a Principal (401 when missing or wrong). Verified secrets
 * are remembered by their SHA-256 for a short while so scrypt runs once per credential, not per
 * request; revocation clears the memory.
 */
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { HttpError } from '../http/errors.js';
import type { CredentialStore } from '../store/store.js';
import { LAUNCH_KEY_PREFIX, launchBinding } from './launch.js';
import type { LaunchBinding } from './launch.js';
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

// Short, so a key revoked from the CLI (another process) stops working within seconds.
const CACHE_MS = 5_000;
// 'profile' only so the AU can read its learner's cmi5LearnerPreferences (cmi5 §11); the agent
// profile route narrows a launch token to exactly that read.
const LAUNCH_SCOPES = ['statements/write', 'statements/read/mine', 'state', 'profile'];

function unauthorized(message: string): HttpError {
  return new HttpError(401, message, { 'www-authenticate': 'Basic realm="boiduong LRS"' });
}

export class Authenticator {
  private readonly verified = new Map<string, { digest: string; principal: Principal; until: number }>();

  constructor(
    private readonly store: CredentialStore,
    /** IRL naming this LRS, used as the account homePage of authorities (known once listening). */
    private readonly homePage: () => string,
  ) {}

  forget(key?: string): void {
    if (key === undefined) this.verified.clear();
    else this.verified.delete(key);
  }

  async authenticate(header: string | undefined): Promise<Principal> {
    if (!header) throw unauthorized('missing Authorization header (HTTP Basic with an LRS key and secret)');
    const m = /^Basic\s+(\S+)\s*$/i.exec(header);
    if (!m) throw unauthorized('Authorization must be HTTP Basic');
    const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) throw unauthorized('malformed Basic credentials');
    const key = decoded.slice(0, colon);
    const secret = decoded.slice(colon + 1);
    const digest = createHash('sha256').update(secret).digest('hex');
    const cached = this.verified.get(key);
    if (cached && cached.digest === digest && cached.until > Date.now()) return cached.principal;
    const principal = key.startsWith(LAUNCH_KEY_PREFIX) ? await this.launchPrincipal(key, secret) : await this.keyPrincipal(key, secret);
    if (!principal) throw unauthorized('unknown key or wrong secret');
    this.verified.set(key, { digest, principal, until: Date.now() + CACHE_MS });
    return principal;
  }

  private authority(key: string, name: string): Record<string, unknown> {
    return { objectType: 'Agent', name, account: { homePage: this.homePage(), name: key } };
  }

  private async keyPrincipal(key: string, secret: string): Promise<Principal | undefined> {
    const c = await this.store.getCredential(key);
    if (!c || c.revoked || !verifySecret(secret, c.secretHash)) return undefined;
    return { key, name: c.name, scopes: c.scopes, authority: this.authority(key, c.name) };
  }

  private async launchPrincipal(token: string, secret: string): Promise<Principal | undefined> {
    const b = await launchBinding(this.store, token);
    if (!b || !verifySecret(secret, b.secretHash)) return undefined;
    const launch: LaunchBinding = { actor: b.actor, registration: b.registration, activityId: b.activityId };
    return { key: token, name: 'cmi5 launch', scopes: LAUNCH_SCOPES, authority: this.authority(token, 'cmi5 launch'), launch };
  }
}
