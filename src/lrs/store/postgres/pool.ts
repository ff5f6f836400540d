/** Connection pool and schema selection for the PostgreSQL store. */
import pg from 'pg';
import { migrate, quoteIdent } from './migrations.js';

export interface PostgresOptions {
  /** e.g. postgres://postgres@127.0.0.1:5432/test */
  readonly connectionString: string;
  /** Schema holding the LRS tables; tests use a fresh one per run. Default "boiduong_lrs". */
  readonly schema?: string;
  /** Pool size; default 10. */
  readonly maxConnections?: number;
  /** Where the store reports trouble it recovers from (a lost notification connection). */
  readonly log?: (message: string) => void;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
/** How long a replica may take to replay the schema the primary has (at start). */
const SCHEMA_WAIT_MS = 10_000;

/** Opens a pool whose connections all use the schema, after applying pending migrations. */
export async function openPool(options: PostgresOptions): Promise<{ pool: pg.Pool; schema: string }> {
  const schema = options.schema ?? 'boiduong_lrs';
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid PostgreSQL schema name: ${schema} (lower-case letters, digits, _)`);
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    // Every connection sees only this schema's tables, so SQL stays unqualified and readable.
    options: `-c search_path=${quoteIdent(schema)}`,
  });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const client = await pool.connect();
  try {
    await migrate(client, schema);
  } catch (e) {
    client.release();
    await pool.end();
    throw e;
  }
  client.release();
  return { pool, schema };
}

/**
 * A pool on a streaming replica of the primary: no migrations (a replica is read-only; the
 * primary's arrive through replication). Refuses a server that is not a replica, or one that does
 * not have the schema, with what to check.
 */
export async function openReadPool(options: PostgresOptions): Promise<{ pool: pg.Pool; schema: string }> {
  const schema = options.schema ?? 'boiduong_lrs';
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid PostgreSQL schema name: ${schema} (lower-case letters, digits, _)`);
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    options: `-c search_path=${quoteIdent(schema)}`,
    application_name: 'boiduong-lrs-read',
  });
  pool.on('error', () => undefined);
  try {
    // A primary migrated a moment ago may not be replayed yet: give the replica a few seconds.
    const until = Date.now() + SCHEMA_WAIT_MS;
    for (;;) {
      const { rows } = await pool.query<{ replica: boolean; migrated: string | null }>(
        `SELECT pg_is_in_recovery() AS replica, to_regclass($1) AS migrated`,
        [`${quoteIdent(schema)}.bd_migrations`],
      );
      if (!rows[0]?.replica) throw new Error(`the read server is not a streaming replica (pg_is_in_recovery() is false): give --pg-read a standby of the --pg primary`);
      if (rows[0].migrated) break;
      if (Date.now() > until) {
        throw new Error(`the replica has no LRS schema ${schema} after ${SCHEMA_WAIT_MS / 1000} s: is it a standby of the --pg primary, and is it replaying (pg_stat_wal_receiver)?`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  } catch (e) {
    await pool.end();
    throw e;
  }
  return { pool, schema };
}

/** Drops a schema and everything in it (tests). */
export async function dropSchema(connectionString: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
  } finally {
    await client.end();
  }
}
