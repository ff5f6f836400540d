/**
 * Migration 4: statements partitioned by month of stored, without a global write lock.
 *
 * - statements, statement_agents, statement_activities: PARTITION BY RANGE (stored), one
 *   partition per UTC month (partitions.ts). The primary keys carry the partition key:
 *   (stored, seq) for statements, (key, stored, seq) for the index tables, which is also the
 *   order every query reads (horizon.ts). The index rows carry `stored` so they sit in the
 *   month of their statement; there are no foreign keys (a foreign key into a partitioned table
 *   would make dropping a month check every referencing row): the writer inserts a statement
 *   and its index rows in one statement, erasure deletes them together, retention drops whole
 *   months of all three.
 * - statement_ids: one row per statement id, not partitioned, so the id is unique across months
 *   (xAPI: a statement id is never reused); it also finds a statement's month for lookups by id.
 * - seq comes from a plain sequence: concurrent writers each take numbers without waiting.
 * - erasures: the log of per-learner erasures (who ran it, when, how many rows; never the data).
 * - shared_secrets: secrets every node shares (the key of `more` links, so any node reads them).
 *
 * Existing rows move into the new tables with their seq and stored; the copy runs in the
 * migration's transaction, so a failure leaves the version-3 schema as it was.
 */
import type { PoolClient } from 'pg';
import { ensureMonths, monthOf, nextMonth } from './partitions.js';

const CREATE = `
  ALTER TABLE statements RENAME TO statements_v3;
  ALTER TABLE statement_agents RENAME TO statement_agents_v3;
  ALTER TABLE statement_activities RENAME TO statement_activities_v3;

  CREATE SEQUENCE statement_seq;
  CREATE TABLE statements (
    seq           bigint NOT NULL DEFAULT nextval('statement_seq'),
    stored        timestamptz NOT NULL,
    id            uuid NOT NULL,
    verb_id       text NOT NULL,
    registration  uuid,
    voided        boolean NOT NULL DEFAULT false,
    voids_id      uuid,
    ref_verb_id   text,
    body          text NOT NULL,
    CONSTRAINT statements_stored_seq PRIMARY KEY (stored, seq)
  ) PARTITION BY RANGE (stored);
  CREATE INDEX statements_by_verb ON statements (verb_id, stored, seq);
  CREATE INDEX statements_by_ref_verb ON statements (ref_verb_id, stored, seq) WHERE ref_verb_id IS NOT NULL;
  CREATE INDEX statements_by_registration ON statements (registration, stored, seq) WHERE registration IS NOT NULL;

  CREATE TABLE statement_agents (
    stored     timestamptz NOT NULL,
    seq        bigint NOT NULL,
    agent_key  text NOT NULL,
    direct     boolean NOT NULL,
    CONSTRAINT statement_agents_key PRIMARY KEY (agent_key, stored, seq)
  ) PARTITION BY RANGE (stored);
  CREATE TABLE statement_activities (
    stored       timestamptz NOT NULL,
    seq          bigint NOT NULL,
    activity_id  text NOT NULL,
    direct       boolean NOT NULL,
    CONSTRAINT statement_activities_key PRIMARY KEY (activity_id, stored, seq)
  ) PARTITION BY RANGE (stored);

  CREATE TABLE statement_ids (
    id      uuid PRIMARY KEY,
    stored  timestamptz NOT NULL,
    seq     bigint NOT NULL
  );
  CREATE INDEX statement_ids_by_stored ON statement_ids (stored);

  -- Secrets every node of the schema shares, e.g. the key that signs 'more' links.
  CREATE TABLE shared_secrets (
    name   text PRIMARY KEY,
    value  bytea NOT NULL
  );

  CREATE TABLE erasures (
    at                    timestamptz NOT NULL,
    operator              text NOT NULL,
    reference             text NOT NULL,
    mode                  text NOT NULL CHECK (mode IN ('delete', 'anonymise')),
    statements_deleted    integer NOT NULL,
    statements_rewritten  integer NOT NULL,
    documents_deleted     integer NOT NULL
  );`;

const COPY = `
  INSERT INTO statements (seq, stored, id, verb_id, registration, voided, voids_id, ref_verb_id, body)
    SELECT seq, stored, id, verb_id, registration, voided, voids_id, ref_verb_id, body FROM statements_v3;
  INSERT INTO statement_agents (stored, seq, agent_key, direct)
    SELECT s.stored, a.seq, a.agent_key, a.direct FROM statement_agents_v3 a JOIN statements_v3 s ON s.seq = a.seq;
  INSERT INTO statement_activities (stored, seq, activity_id, direct)
    SELECT s.stored, t.seq, t.activity_id, t.direct FROM statement_activities_v3 t JOIN statements_v3 s ON s.seq = t.seq;
  INSERT INTO statement_ids (id, stored, seq) SELECT id, stored, seq FROM statements_v3;
  SELECT setval('statement_seq', coalesce((SELECT max(seq) FROM statements_v3), 0) + 1, false);
  DROP TABLE statement_agents_v3, statement_activities_v3, statements_v3;`;

export async function partitionStatements(client: PoolClient): Promise<void> {
  await client.query(CREATE);
  const { rows } = await client.query<{ month: string }>(
    `SELECT DISTINCT to_char(stored AT TIME ZONE 'UTC', 'YYYY-MM') AS month FROM statements_v3
     UNION SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM')`,
  );
  const now = (await client.query<{ ms: string }>('SELECT (extract(epoch FROM now()) * 1000)::bigint AS ms')).rows[0]!.ms;
  const months = new Set(rows.map((r) => r.month));
  months.add(nextMonth(monthOf(Number(now))));
  await ensureMonths(client, [...months].sort());
  await client.query(COPY);
}
