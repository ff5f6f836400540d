/** Connection pool and schema selection for the PostgreSQL store. */
import pg from 'pg';
import { writerApplicationName } from './horizon.js';
import { migrate, quoteIdent } from './migrations.js';

export interface PostgresOptions {
  /** e.g. postgres://postgres@127.0.0.1:5432/test */
  readonly connectionString: string;
  /** Schema holding the LRS tables; tests use a fresh one per run. Default "boiduong_lrs". */
  readonly schema?: string;
  /** Pool size for reads and documents; default 10. Statement writers have their own (writerConnections). */
  readonly maxConnections?: number;
  /** Connections of the statement writer; default 4. */
  readonly writerConnections?: number;
  /** Overrides WRITER_IDLE_TIMEOUT_MS and WRITER_STATEMENT_TIMEOUT_MS (tests). */
  readonly writerTimeoutsMs?: { readonly idle: number; readonly statement: number };
  /** Where the store reports trouble it recovers from (a lost notification connection). */
  readonly log?: (message: string) => void;
}

/**
 * The server ends a writer transaction left idle this long, or a writer statement running this
 * long: a frozen node cannot hold the consistency horizon (horizon.ts) back for longer.
 */
export const WRITER_IDLE_TIMEOUT_MS = 10_000;
export const WRITER_STATEMENT_TIMEOUT_MS = 30_000;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
/** How long a replica may take to replay the schema the primary has (at start). */
const SCHEMA_WAIT_MS = 10_000;

export interface OpenPools {
  readonly pool: pg.Pool;
  /** Connections that write statements, named so that readers find their open transactions. */
  readonly writers: pg.Pool;
  readonly schema: string;
}

/** The schema named in the options, checked (it goes into SQL and connection options). */
function schemaOf(options: PostgresOptions): string {
  const schema = options.schema ?? 'boiduong_lrs';
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid PostgreSQL schema name: ${schema} (lower-case letters, digits, _)`);
  return schema;
}

/** A pool whose every connection sees only the schema's tables, so SQL stays unqualified and readable. */
function schemaPool(options: PostgresOptions, schema: string, applicationName?: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    options: `-c search_path=${quoteIdent(schema)}`,
    ...(applicationName ? { application_name: applicationName } : {}),
  });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  return pool;
}

/** Opens the pools, whose connections all use the schema, after applying pending migrations. */
export async function openPool(options: PostgresOptions): Promise<OpenPools> {
  const schema = schemaOf(options);
  const pool = schemaPool(options, schema);
  const client = await pool.connect();
  try {
    await migrate(client, schema);
  } catch (e) {
    client.release();
    await pool.end();
    throw e;
  }
  client.release();
  const timeouts = options.writerTimeoutsMs ?? { idle: WRITER_IDLE_TIMEOUT_MS, statement: WRITER_STATEMENT_TIMEOUT_MS };
  // Generic plans for the writer's prepared statements: PostgreSQL otherwise plans two of them
  // (the report facts, the definitions) again at every execution, a custom plan for each
  // group's arrays costing more than running them (pg_stat_statements, single-statement groups:
  // 0.15 ms of planning per transaction, about a sixth of its PostgreSQL CPU). The plans follow
  // the store's growth: made again as the writes double (statement-writer.ts) and after ANALYZE.
  const writers = new pg.Pool({
    connectionString: options.connectionString,
    max: options.writerConnections ?? 4,
    application_name: writerApplicationName(schema),
    options: `-c search_path=${quoteIdent(schema)} -c idle_in_transaction_session_timeout=${timeouts.idle} -c statement_timeout=${timeouts.statement} -c plan_cache_mode=force_generic_plan`,
  });
  writers.on('error', () => undefined);
  const { rows } = await pool.query<{ on: string }>("SELECT current_setting('track_activities') AS on");
  if (rows[0]?.on !== 'on') {
    await Promise.all([pool.end(), writers.end()]);
    // Without it pg_stat_activity shows no open transactions and the horizon (horizon.ts) would pass writes in flight.
    throw new Error('PostgreSQL has track_activities off: the LRS needs it on (the default) to see which statements are still being written; set track_activities = on');
  }
  return { pool, writers, schema };
}

/**
 * A pool on a streaming replica of the primary: no migrations (a replica is read-only; the
 * primary's arrive through replication). Refuses a server that is not a replica, or one that does
 * not have the schema, with what to check.
 */
export async function openReadPool(options: PostgresOptions): Promise<{ pool: pg.Pool; schema: string }> {
  const schema = schemaOf(options);
  const pool = schemaPool(options, schema, 'boiduong-lrs-read');
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
