/**
 * Versioned schema of the PostgreSQL store. Each migration runs once, in order, inside one
 * transaction together with its row in bd_migrations; a failed migration leaves the schema as it
 * was. Never edit a released migration: add the next one.
 */
import type { PoolClient } from 'pg';
import { accountKeyRewrites } from '../agent-keys.js';
import { ATTACHMENT_LISTING_SQL, backfillAttachmentListing } from './attachment-listing.js';
import { partitionStatements } from './partitioned-schema.js';
import { statisticsOff } from './partitions.js';
import { transactionOn } from './transaction.js';
import { REPORT_FACTS_SQL, backfillReportFacts } from './report-facts.js';
import { REPORT_OBJECTS_SQL, REPORT_ROLLUP_SQL, createRollupMonths } from './report-rollup.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  /** Data changes SQL cannot express, run after `sql` in the same transaction. */
  readonly run?: (client: PoolClient) => Promise<void>;
}

/**
 * Migration 3: account keys of the agent index and of documents to "account:[homePage, name]".
 * One UPDATE per table over the distinct old keys, so its time grows with the index, once.
 */
async function rewriteAccountKeys(client: PoolClient): Promise<void> {
  for (const [table, column] of [['statement_agents', 'agent_key'], ['documents', 'agent_key']] as const) {
    const { rows } = await client.query<{ key: string }>(`SELECT DISTINCT ${column} AS key FROM ${table} WHERE left(${column}, 8) = 'account:'`);
    const r = accountKeyRewrites(rows.map((row) => row.key));
    if (r.old.length === 0) continue;
    await client.query(
      `UPDATE ${table} SET ${column} = m.new FROM unnest($1::text[], $2::text[]) AS m(old, new) WHERE ${table}.${column} = m.old`,
      [r.old, r.new],
    );
  }
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'statements, documents, attachments, credentials',
    sql: `
      -- seq is the stored order: paging cursors and "since/until" follow it, never offsets.
      CREATE TABLE statements (
        seq            bigserial PRIMARY KEY,
        id             uuid NOT NULL UNIQUE,
        stored         timestamptz NOT NULL,
        stored_text    text NOT NULL,
        verb_id        text NOT NULL,
        registration   uuid,
        voided         boolean NOT NULL DEFAULT false,
        voids_id       uuid,
        body           text NOT NULL
      );
      CREATE INDEX statements_verb ON statements (verb_id, seq);
      CREATE INDEX statements_registration ON statements (registration, seq) WHERE registration IS NOT NULL;
      CREATE INDEX statements_stored ON statements (stored, seq);
      CREATE INDEX statements_voids ON statements (voids_id) WHERE voids_id IS NOT NULL;

      -- Every agent and activity a statement mentions anywhere (related_agents / related_activities).
      -- direct: the actor or object (agent filter), the object (activity filter); the others only
      -- match with related_agents / related_activities.
      CREATE TABLE statement_agents (
        seq        bigint NOT NULL REFERENCES statements (seq) ON DELETE CASCADE,
        agent_key  text NOT NULL,
        direct     boolean NOT NULL,
        PRIMARY KEY (agent_key, seq)
      );
      CREATE TABLE statement_activities (
        seq          bigint NOT NULL REFERENCES statements (seq) ON DELETE CASCADE,
        activity_id  text NOT NULL,
        direct       boolean NOT NULL,
        PRIMARY KEY (activity_id, seq)
      );

      CREATE TABLE attachments (
        sha2          text PRIMARY KEY,
        content_type  text NOT NULL,
        content       bytea NOT NULL
      );

      -- kind: state | activity-profile | agent-profile; absent parts of the key are ''.
      CREATE TABLE documents (
        kind          text NOT NULL,
        activity_id   text NOT NULL DEFAULT '',
        agent_key     text NOT NULL DEFAULT '',
        registration  text NOT NULL DEFAULT '',
        doc_id        text NOT NULL,
        content_type  text NOT NULL,
        content       bytea NOT NULL,
        etag          text NOT NULL,
        updated       timestamptz NOT NULL,
        PRIMARY KEY (kind, activity_id, agent_key, registration, doc_id)
      );

      -- The canonical definition of each activity, merged from the statements that define it.
      CREATE TABLE activities (
        id          text PRIMARY KEY,
        definition  text NOT NULL
      );

      CREATE TABLE credentials (
        key          text PRIMARY KEY,
        secret_hash  text NOT NULL,
        name         text NOT NULL,
        scopes       text NOT NULL,
        created      timestamptz NOT NULL,
        revoked      timestamptz
      );

      CREATE TABLE launch_tokens (
        token         text PRIMARY KEY,
        data          text NOT NULL,
        fetched       boolean NOT NULL DEFAULT false,
        expires       timestamptz NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'verb of the statement a StatementRef targets',
    sql: `
      -- The verb filter also returns statements that target a matching statement (xAPI §Filter Conditions).
      ALTER TABLE statements ADD COLUMN ref_verb_id text;
      CREATE INDEX statements_ref_verb ON statements (ref_verb_id, seq) WHERE ref_verb_id IS NOT NULL;
    `,
  },
  {
    version: 3,
    name: 'account agents filed under the unambiguous key account:[homePage, name]',
    sql: '',
    run: rewriteAccountKeys,
  },
  {
    version: 4,
    name: 'statements partitioned by month of stored, ids unique across months, no write lock, erasure log',
    sql: '',
    run: partitionStatements,
  },
  // 5 is SQLite's erasure log (PostgreSQL's came with 4): versions need not be contiguous.
  {
    version: 6,
    name: 'report facts kept at ingest, so reports reduce them in SQL',
    sql: REPORT_FACTS_SQL,
    run: backfillReportFacts,
  },
  {
    version: 7,
    name: 'report facts rolled up per learner, object, day and month, folded off the insert path',
    sql: REPORT_ROLLUP_SQL,
    run: createRollupMonths,
  },
  {
    version: 8,
    name: 'rollup rows of their own only for the objects reports read; the rest one row per learner and day',
    sql: REPORT_OBJECTS_SQL,
  },
  {
    version: 9,
    name: 'which statements list each attachment, so erasure and retention delete the contents none lists',
    sql: ATTACHMENT_LISTING_SQL,
    run: backfillAttachmentListing,
  },
  {
    version: 10,
    name: 'no planner statistics for the statement bodies, which no query filters on',
    sql: '',
    run: statisticsOff,
  },
];

/** Quotes an SQL identifier (schema names come from options, never from requests). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Creates the schema if needed and applies pending migrations; returns the versions applied. */
export async function migrate(client: PoolClient, schema: string): Promise<number[]> {
  const s = quoteIdent(schema);
  // Two processes starting at once must not both migrate: hold an advisory lock per schema.
  await client.query('SELECT pg_advisory_lock(hashtext($1))', [`boiduong-lrs:${schema}`]);
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${s}.bd_migrations (version integer PRIMARY KEY, name text NOT NULL, applied timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await client.query<{ version: number }>(`SELECT version FROM ${s}.bd_migrations`)).rows.map((r) => r.version));
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await transactionOn(client, async () => {
        await client.query(`SET LOCAL search_path TO ${s}`);
        if (m.sql.trim() !== '') await client.query(m.sql);
        await m.run?.(client);
        await client.query(`INSERT INTO ${s}.bd_migrations (version, name) VALUES ($1, $2)`, [m.version, m.name]);
      });
      applied.push(m.version);
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`boiduong-lrs:${schema}`]);
  }
}
