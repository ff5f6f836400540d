/**
 * The report's facts, kept by the store: one narrow row per statement with exactly the fields a
 * report pull keeps (core's toFact), written in the statement's own transaction. A report over
 * this store then reduces them in SQL (report-digest.ts) instead of pulling every statement.
 */
import type { PoolClient } from 'pg';
import { toFact, type StatementFact } from '../../../core/index.js';
import { ensureMonths, existingMonths } from './partitions.js';
import type { SqlStep } from './sql-step.js';

/**
 * Migration 6's schema. (stored, seq) is the statement's place: the order a pull reads, which
 * breaks ties. Partitioned by month like the statements (partitions.ts), so retention drops a
 * month's facts with its statements; no foreign key (erasure deletes a statement's fact with it).
 */
export const REPORT_FACTS_SQL = `
  CREATE TABLE report_facts (
    stored         timestamptz NOT NULL,
    seq            bigint NOT NULL,
    id             uuid NOT NULL,
    actor          text NOT NULL,
    verb           text NOT NULL,
    object         text NOT NULL,
    timestamp_ms   bigint NOT NULL,
    vietnam_day    date NOT NULL,
    mark           double precision,
    success        boolean,
    completion     boolean,
    voids          uuid,
    class          text,
    class_periods  double precision,
    CONSTRAINT report_facts_stored_seq PRIMARY KEY (stored, seq)
  ) PARTITION BY RANGE (stored);
  CREATE INDEX report_facts_voids ON report_facts (voids) WHERE voids IS NOT NULL;
  -- Classes held in person are few: their part of a report reads this index, not every fact.
  CREATE INDEX report_facts_classes ON report_facts (actor, class) WHERE class IS NOT NULL;
`;

const FACT_TYPES = ['uuid', 'text', 'text', 'text', 'bigint', 'date', 'float8', 'boolean', 'boolean', 'uuid', 'text', 'float8'];

/**
 * The facts' insert, each fact placed (stored, seq) by the statement of the same id in `places`
 * (a table or CTE with id, stored, seq), their columns the parameters from $first on
 * (factColumns).
 */
export function insertFacts(places: string, first: number): string {
  const arrays = FACT_TYPES.map((t, i) => `$${first + i}::${t}[]`).join(', ');
  return `
  INSERT INTO report_facts (stored, seq, id, actor, verb, object, timestamp_ms, vietnam_day, mark, success, completion, voids, class, class_periods)
  SELECT p.stored, p.seq, x.* FROM unnest(${arrays})
    AS x(id, actor, verb, object, timestamp_ms, vietnam_day, mark, success, completion, voids, class, class_periods)
  JOIN ${places} p ON p.id = x.id`;
}

// The statement's place comes from statement_ids, written by the same transaction before.
const INSERT_FACTS = insertFacts('statement_ids', 1);

/** The calendar day in Vietnam (UTC+7, no daylight saving), as the report's period reads it. */
const vietnamDay = (ms: number): string => new Date(ms + 7 * 3600_000).toISOString().slice(0, 10);

interface Columns {
  id: string[]; actor: string[]; verb: string[]; object: string[]; ms: number[]; day: string[];
  mark: (number | null)[]; success: (boolean | null)[]; completion: (boolean | null)[]; voids: (string | null)[];
  class: (string | null)[]; classPeriods: (number | null)[];
}

function columnsOf(facts: readonly StatementFact[]): Columns {
  const c: Columns = { id: [], actor: [], verb: [], object: [], ms: [], day: [], mark: [], success: [], completion: [], voids: [], class: [], classPeriods: [] };
  for (const f of facts) {
    const ms = Date.parse(f.timestamp);
    c.id.push(f.id); c.actor.push(f.actor); c.verb.push(f.verb); c.object.push(f.object);
    c.ms.push(ms); c.day.push(vietnamDay(ms));
    c.mark.push(f.mark ?? null); c.success.push(f.success ?? null); c.completion.push(f.completion ?? null);
    c.voids.push(f.voids ?? null); c.class.push(f.class ?? null); c.classPeriods.push(f.classPeriods ?? null);
  }
  return c;
}

/** A statement as stored, with its object when the caller has it (spares a parse). */
type StatementText = { readonly body: string; readonly statement?: unknown };

/**
 * The facts of statements, as a pull would keep them. A statement without one (no actor key, a
 * non-activity object) is not read by a report either way; one whose timestamp JavaScript cannot
 * read is left out too, as the report could not place it in a period.
 */
export function factsOf(rows: Iterable<StatementText>): StatementFact[] {
  const facts: StatementFact[] = [];
  for (const row of rows) {
    const f = toFact(row.statement ?? JSON.parse(row.body));
    if (f && !Number.isNaN(Date.parse(f.timestamp))) facts.push(f);
  }
  return facts;
}

const factParams = (x: Columns): unknown[] => [x.id, x.actor, x.verb, x.object, x.ms, x.day, x.mark, x.success, x.completion, x.voids, x.class, x.classPeriods];

/**
 * The columns of the facts of statements (twelve arrays, empty when none has a fact), for
 * insertFacts. Rows the writer inserts must carry the stored time the transaction stamped
 * (stamp.ts): a timestamp the LRS filled in is that time.
 */
export function factColumns(rows: Iterable<StatementText>): unknown[] {
  return factParams(columnsOf(factsOf(rows)));
}

/** The write of the facts of statements whose ids are in statement_ids, e.g. those an erasure rewrote. */
export function reportFactsStep(rows: Iterable<StatementText>): SqlStep | undefined {
  const facts = factsOf(rows);
  return facts.length === 0 ? undefined : { sql: INSERT_FACTS, params: factParams(columnsOf(facts)) };
}

/** The facts of statements at these places (stored in µs, seq), e.g. before erasure rewrites them. */
export const DELETE_FACTS_AT = `
  DELETE FROM report_facts f USING unnest($1::timestamptz[], $2::bigint[]) AS r(stored, seq)
   WHERE f.stored = r.stored AND f.seq = r.seq`;

/** Migration 6's data step: facts for the statements stored before it, in batches in (stored, seq) order. */
export async function backfillReportFacts(c: PoolClient): Promise<void> {
  // The months of the statements already have partitions: give report_facts the same ones.
  await ensureMonths(c, await existingMonths(c));
  const BATCH = 5_000;
  let after: { stored: string; seq: string } | undefined;
  for (;;) {
    const { rows } = await c.query<{ stored: string; seq: string; body: string }>(
      `SELECT stored::text AS stored, seq, body FROM statements
        ${after ? 'WHERE (stored, seq) > ($2::timestamptz, $3::bigint)' : ''} ORDER BY stored, seq LIMIT $1`,
      after ? [BATCH, after.stored, after.seq] : [BATCH],
    );
    if (rows.length === 0) return;
    const facts = factsOf(rows);
    if (facts.length > 0) await c.query(INSERT_FACTS, factParams(columnsOf(facts)));
    after = rows.at(-1)!;
  }
}
