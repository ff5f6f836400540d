/** Credentials and cmi5 launch tokens in PostgreSQL, next to the statements they authorise. */
import type { Pool } from 'pg';
import type { CredentialChanges, CredentialRecord, CredentialStore, LaunchTokenRecord } from '../store.js';
import { CHANGE_CHANNEL } from './change-feed.js';

interface CredentialRow {
  key: string;
  secret_hash: string;
  name: string;
  scopes: string;
  created: Date;
  revoked: Date | null;
}

interface TokenRow {
  token: string;
  data: string;
  fetched: boolean;
  expires: Date;
}

function credential(r: CredentialRow): CredentialRecord {
  return {
    key: r.key,
    secretHash: r.secret_hash,
    name: r.name,
    scopes: r.scopes.split(' ').filter((s) => s !== ''),
    created: r.created.toISOString(),
    ...(r.revoked ? { revoked: r.revoked.toISOString() } : {}),
  };
}

function token(r: TokenRow): LaunchTokenRecord {
  return { token: r.token, data: r.data, fetched: r.fetched, expires: r.expires.toISOString() };
}

// Every change tells the other processes in the same statement, so it commits with the row.
const NOTIFY = (rows: string): string => `SELECT pg_notify('${CHANGE_CHANNEL}', json_build_object('s', current_schema(), 'k', key)::text) FROM ${rows}`;

export class PostgresCredentials implements CredentialStore {
  constructor(
    private readonly pool: Pool,
    readonly changes?: CredentialChanges,
  ) {}

  async putCredential(c: CredentialRecord): Promise<void> {
    await this.pool.query(
      `WITH up AS (
         INSERT INTO credentials (key, secret_hash, name, scopes, created, revoked) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (key) DO UPDATE SET secret_hash = EXCLUDED.secret_hash, name = EXCLUDED.name, scopes = EXCLUDED.scopes, revoked = EXCLUDED.revoked
         RETURNING key)
       ${NOTIFY('up')}`,
      [c.key, c.secretHash, c.name, c.scopes.join(' '), c.created, c.revoked ?? null],
    );
  }

  async getCredential(key: string): Promise<CredentialRecord | undefined> {
    const { rows } = await this.pool.query<CredentialRow>('SELECT * FROM credentials WHERE key = $1', [key]);
    return rows[0] ? credential(rows[0]) : undefined;
  }

  async listCredentials(): Promise<CredentialRecord[]> {
    const { rows } = await this.pool.query<CredentialRow>('SELECT * FROM credentials ORDER BY created, key');
    return rows.map(credential);
  }

  async revokeCredential(key: string, at: string): Promise<boolean> {
    const r = await this.pool.query(`WITH up AS (UPDATE credentials SET revoked = $2 WHERE key = $1 AND revoked IS NULL RETURNING key) ${NOTIFY('up')}`, [key, at]);
    return (r.rowCount ?? 0) > 0;
  }

  async putLaunchToken(t: LaunchTokenRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO launch_tokens (token, data, fetched, expires) VALUES ($1, $2, $3, $4)
       ON CONFLICT (token) DO UPDATE SET data = EXCLUDED.data, fetched = EXCLUDED.fetched, expires = EXCLUDED.expires`,
      [t.token, t.data, t.fetched, t.expires],
    );
  }

  async getLaunchToken(t: string): Promise<LaunchTokenRecord | undefined> {
    const { rows } = await this.pool.query<TokenRow>('SELECT * FROM launch_tokens WHERE token = $1', [t]);
    return rows[0] ? token(rows[0]) : undefined;
  }

  /** One UPDATE … RETURNING: of two concurrent claims only one sees the row. */
  async claimLaunchToken(t: string, now: string): Promise<LaunchTokenRecord | undefined> {
    const { rows } = await this.pool.query<TokenRow>(
      'UPDATE launch_tokens SET fetched = true WHERE token = $1 AND fetched = false AND expires > $2 RETURNING *',
      [t, now],
    );
    return rows[0] ? token(rows[0]) : undefined;
  }

  async setLaunchTokenData(t: string, data: string): Promise<void> {
    await this.pool.query('UPDATE launch_tokens SET data = $2 WHERE token = $1', [t, data]);
  }
}
