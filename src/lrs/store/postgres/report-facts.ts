/**
 * The report's facts, kept by the store: one narrow row per statement with exactly the fields a
 * report pull keeps (core's toFact), written in the statement's own transaction. A report over
 * this store then reduces them in SQL (report-digest.ts) instead of pulling every statement.
 */
import type { PoolClient } from 'pg';
import { toFact, type StatementFact } from '../../../core/index.js';
import type { StatementRow } from '../store.js';
import type { SqlStep } from './sql-step.js';

/** Migration 6's schema. seq is the statement's seq: the order a pull reads, which breaks ties. */
export const REPORT_FACTS_SQL = `
  CREATE TABLE report_facts (
    seq            bigint PRIMARY KEY,
    id             uuid NOT NULL,
    actor          text NOT NULL,
    verb           text NOT NULL,
    object         text NOT NULL,
    timestamp_ms   bigint NOT NULL,
    vietnam_day    date NOT NULL,
    stored         text NOT NULL,
    mark           double precision,
    success        boolean,
    completion     boolean,
    voids          uuid,
    class          text,
    class_periods  double precision
  );
  CREATE INDEX report_facts_voids ON report_facts (voids) WHERE voids IS NOT NULL;
  -- Classes held in person are few: their part of a report reads this index, not every fact.
  CREATE INDEX report_facts_classes ON report_facts (actor, class) WHERE class IS NOT NULL;
`;

const INSERT_FACTS = `
  INSERT INTO report_facts (seq, id, actor, verb, object, timestamp_ms, vietnam_day, stored, mark, success, completion, voids, class, class_periods)
  SELECT s.seq, x.* FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::date[], $7::text[],
                                $8::float8[], $9::boolean[], $10::boolean[], $11::uuid[], $12::text[], $13::float8[])
    AS x(id, actor, verb, object, timestamp_ms, vietnam_day, stored, mark, success, completion, voids, class, class_periods)
  JOIN statements s ON s.id = x.id`;

/** The calendar day in Vietnam (UTC+7, no daylight saving), as the report's period reads it. */
const vietnamDay = (ms: number): string => new Date(ms + 7 * 3600_000).toISOString().slice(0, 10);

interface Columns {
  id: string[]; actor: string[]; verb: string[]; object: string[]; ms: number[]; day: string[]; stored: string[];
  mark: (number | null)[]; success: (boolean | null)[]; completion: (boolean | null)[]; voids: (string | null)[];
  class: (string | null)[]; classPeriods: (number | null)[];
}

function columnsOf(facts: readonly StatementFact[]): Columns {
  const c: Columns = { id: [], actor: [], verb: [], object: [], ms: [], day: [], stored: [], mark: [], success: [], completion: [], voids: [], class: [], classPeriods: [] };
  for (const f of facts) {
    const ms = Date.parse(f.timestamp);
    c.id.push(f.id); c.actor.push(f.actor); c.verb.push(f.verb); c.object.push(f.object);
    c.ms.push(ms); c.day.push(vietnamDay(ms)); c.stored.push(f.stored);
    c.mark.push(f.mark ?? null); c.success.push(f.success ?? null); c.completion.push(f.completion ?? null);
    c.voids.push(f.voids ?? null); c.class.push(f.class ?? null); c.classPeriods.push(f.classPeriods ?? null);
  }
  return c;
}

/**
 * The facts of statements, as a pull would keep them. A statement without one (no actor key, a
 * non-activity object) is not read by a report either way; one whose timestamp JavaScript cannot
 * read is left out too, as the report could not place it in a period.
 */
export function factsOf(rows: Iterable<{ readonly body: string; readonly statement?: unknown }>): StatementFact[] {
  const facts: StatementFact[] = [];
  for (const row of rows) {
    const f = toFact(row.statement ?? JSON.parse(row.body));
    if (f && !Number.isNaN(Date.parse(f.timestamp))) facts.push(f);
  }
  return facts;
}

const factParams = (x: Columns): unknown[] => [x.id, x.actor, x.verb, x.object, x.ms, x.day, x.stored, x.mark, x.success, x.completion, x.voids, x.class, x.classPeriods];

/** The write of the facts of rows inserted into statements earlier in the same transaction. */
export function reportFactsStep(rows: readonly StatementRow[]): SqlStep | undefined {
  const facts = factsOf(rows);
  return facts.length === 0 ? undefined : { sql: INSERT_FACTS, params: factParams(columnsOf(facts)) };
}

/** Migration 6's data step: facts for the statements stored before it, in batches by seq. */
export async function backfillReportFacts(c: PoolClient): Promise<void> {
  const BATCH = 5_000;
  for (let after = 0; ; ) {
    const { rows } = await c.query<{ seq: string; id: string; body: string }>('SELECT seq, id, body FROM statements WHERE seq > $1 ORDER BY seq LIMIT $2', [after, BATCH]);
    if (rows.length === 0) return;
    const facts = factsOf(rows);
    if (facts.length > 0) {
      await c.query(INSERT_FACTS, factParams(columnsOf(facts)));
    }
    after = Number(rows.at(-1)!.seq);
  }
}
