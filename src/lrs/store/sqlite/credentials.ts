/** Credentials and cmi5 launch tokens in SQLite (also the fallback for stores without them). */
import type { Database, Statement } from 'better-sqlite3';
import type { CredentialRecord, CredentialStore, LaunchTokenRecord } from '../store.js';

interface CredentialRow {
  key: string;
  secret_hash: string;
  name: string;
  scopes: string;
  created: string;
  revoked: string | null;
}
interface TokenRow {
  token: string;
  data: string;
  fetched: number;
  expires: string;
}

const fromRow = (r: CredentialRow): CredentialRecord => ({
  key: r.key,
  secretHash: r.secret_hash,
  name: r.name,
  scopes: r.scopes.split(' ').filter(Boolean),
  created: r.created,
  ...(r.revoked ? { revoked: r.revoked } : {}),
});
const tokenFromRow = (r: TokenRow): LaunchTokenRecord => ({ token: r.token, data: r.data, fetched: r.fetched === 1, expires: r.expires });

export class SqliteCredentials implements CredentialStore {
  private readonly get: Statement<unknown[], CredentialRow>;
  private readonly getToken: Statement<unknown[], TokenRow>;
  private readonly claim: Statement<unknown[], TokenRow>;

  constructor(private readonly db: Database) {
    this.get = db.prepare('SELECT * FROM credentials WHERE key = ?');
    this.getToken = db.prepare('SELECT * FROM launch_tokens WHERE token = ?');
    this.claim = db.prepare('UPDATE launch_tokens SET fetched = 1 WHERE token = ? AND fetched = 0 AND expires > ? RETURNING *');
  }

  async putCredential(c: CredentialRecord): Promise<void> {
    this.db
      .prepare('INSERT OR REPLACE INTO credentials (key, secret_hash, name, scopes, created, revoked) VALUES (?, ?, ?, ?, ?, ?)')
      .run(c.key, c.secretHash, c.name, c.scopes.join(' '), c.created, c.revoked ?? null);
  }
  async getCredential(key: string): Promise<CredentialRecord | undefined> {
    const r = this.get.get(key);
    return r ? fromRow(r) : undefined;
  }
  async listCredentials(): Promise<CredentialRecord[]> {
    return (this.db.prepare('SELECT * FROM credentials ORDER BY created, key').all() as CredentialRow[]).map(fromRow);
  }
  async revokeCredential(key: string, at: string): Promise<boolean> {
    return this.db.prepare('UPDATE credentials SET revoked = ? WHERE key = ? AND revoked IS NULL').run(at, key).changes === 1;
  }
  async putLaunchToken(t: LaunchTokenRecord): Promise<void> {
    this.db.prepare('INSERT INTO launch_tokens (token, data, fetched, expires) VALUES (?, ?, ?, ?)').run(t.token, t.data, t.fetched ? 1 : 0, t.expires);
  }
  async getLaunchToken(token: string): Promise<LaunchTokenRecord | undefined> {
    const r = this.getToken.get(token);
    return r ? tokenFromRow(r) : undefined;
  }
  async claimLaunchToken(token: string, now: string): Promise<LaunchTokenRecord | undefined> {
    const r = this.claim.get(token, now);
    return r ? tokenFromRow(r) : undefined;
  }
  async setLaunchTokenData(token: string, data: string): Promise<void> {
    this.db.prepare('UPDATE launch_tokens SET data = ? WHERE token = ?').run(data, token);
  }
}
