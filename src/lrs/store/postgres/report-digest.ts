/**
 * A report's statements reduced inside PostgreSQL. The report folds, per learner and module, a
 * few running figures (first completion, best mark, in the period or ever, studied in the
 * period) and, per learner and class held in person, the first statement and the first
 * completion. Each figure is decided by one statement, the first in stored order among equals;
 * the digest returns exactly those statements, in stored order, so folding them gives what
 * folding every statement gives, while the database reads each fact once and Node holds none
 * of them. Counts the report prints (statements read, voided, per unknown actor) come with it.
 */
import type { Pool, PoolClient } from 'pg';
import { VERB, type StatementFact } from '../../../core/index.js';
import { storedIso } from './horizon.js';
import { openPool, type PostgresOptions } from './pool.js';

export interface ReportDigestQuery {
  /** Inclusive Vietnam calendar days, as the report's period. */
  readonly from: string;
  readonly to: string;
  /** Activity ids of the catalogue's modules: statements about anything else fold nothing. */
  readonly modules: readonly string[];
  /** Rows per round trip while streaming; default 10,000. */
  readonly batch?: number;
}

export interface ReportDigest {
  /** Statements a query of the LRS returns: every one but the voided ones. */
  readonly statementsRead: number;
  /** Distinct statements voided. */
  readonly statementsVoided: number;
  /** Per actor, statements up to the period's end (neither voiding nor voided), any object. */
  readonly actors: AsyncIterable<{ readonly actor: string; readonly statements: number }>;
  /** The statements that decide the report's figures, in stored order. */
  readonly facts: AsyncIterable<StatementFact>;
}

// Statements a report reads: neither voiding nor voided, up to the period's end.
const live = (periodEnd: string): string => `
  SELECT f.* FROM report_facts f
  WHERE f.voids IS NULL AND f.vietnam_day <= ${periodEnd}::date
    AND NOT EXISTS (SELECT 1 FROM report_facts v WHERE v.voids = f.id)`;

// The rules of report/learner-state.ts (foldFact) and engine.ts (foldClass), in SQL: a
// completion is completed or passed, or completion=true on anything but failed; a mark counts on
// passed or failed; an earlier timestamp wins, then the statement read first; a higher mark
// wins, then the statement read first. The first statement of each learner and module comes
// too: the report lists a learner's modules in the order it first met them. Each pick is a
// place [us, seq]: the stored time in microseconds, then seq, the order a pull reads (horizon.ts).
const COMPLETES = `(verb = '${VERB.completed}' OR verb = '${VERB.passed}' OR (completion AND verb <> '${VERB.failed}'))`;
const SCORED = `(mark IS NOT NULL AND (verb = '${VERB.passed}' OR verb = '${VERB.failed}'))`;
const CLASS_COMPLETES = `(verb = '${VERB.passed}' OR (completion AND verb <> '${VERB.failed}'))`;
const IN_PERIOD = `vietnam_day >= $1::date`;
const first = (where?: string): string => `min(ARRAY[us, seq])${where ? ` FILTER (WHERE ${where})` : ''}`;
const earliest = (where: string): string => `(min(ARRAY[timestamp_ms, us, seq]) FILTER (WHERE ${where}))[2:3]`;
// µs since 1970 stay below 2^53 until the year 2255: exact as float8, as the mark needs.
const best = (where: string): string => `(min(ARRAY[-mark, us::float8, seq::float8]) FILTER (WHERE ${where}))[2:3]::bigint[]`;

// One row per pick: the places of each group (`grouping`) become rows, NULL where no statement fits.
const placesOf = (grouping: string, picks: readonly string[]): string =>
  `SELECT p.place FROM (SELECT ${picks.map((x, i) => `${x} AS p${i}`).join(', ')} FROM live ${grouping}) g,
     LATERAL (VALUES ${picks.map((_, i) => `(g.p${i})`).join(', ')}) AS p(place)`;

const DECIDING = `
  WITH live AS NOT MATERIALIZED (
    SELECT l.*, (extract(epoch FROM l.stored) * 1000000)::bigint AS us FROM (${live('$2')} AND f.object = ANY($3::text[])) l
  ),
  picks AS (
    ${placesOf('GROUP BY actor, object', [
      first(),
      earliest(COMPLETES),
      earliest(`${COMPLETES} AND ${IN_PERIOD}`),
      best(SCORED),
      best(`${SCORED} AND ${IN_PERIOD}`),
      first(`class IS NULL AND ${IN_PERIOD}`),
    ])}
    UNION
    ${placesOf('WHERE class IS NOT NULL GROUP BY actor, class', [first(), first(`${CLASS_COMPLETES} AND ${IN_PERIOD}`)])}
  )
  SELECT f.id, f.actor, f.verb, f.object, f.timestamp_ms, (extract(epoch FROM f.stored) * 1000000)::bigint AS us,
         f.mark, f.success, f.completion, f.class, f.class_periods
  FROM picks JOIN report_facts f ON f.stored = timestamptz 'epoch' + picks.place[1] * interval '1 microsecond' AND f.seq = picks.place[2]
  ORDER BY f.stored, f.seq`;

const PER_ACTOR = `SELECT actor, count(*)::int AS statements FROM (${live('$1')}) live GROUP BY actor ORDER BY actor`;

const COUNTS = `
  SELECT (SELECT count(*) FROM report_facts f WHERE NOT EXISTS (SELECT 1 FROM report_facts v WHERE v.voids = f.id))::bigint AS read,
         (SELECT count(DISTINCT voids) FROM report_facts WHERE voids IS NOT NULL)::bigint AS voided`;

interface FactRow {
  id: string; actor: string; verb: string; object: string; timestamp_ms: string; us: string;
  mark: number | null; success: boolean | null; completion: boolean | null; class: string | null; class_periods: number | null;
}

function factOf(r: FactRow): StatementFact {
  return {
    id: r.id,
    actor: r.actor,
    verb: r.verb,
    object: r.object,
    timestamp: new Date(Number(r.timestamp_ms)).toISOString(),
    stored: storedIso(BigInt(r.us)),
    ...(r.mark !== null ? { mark: r.mark } : {}),
    ...(r.success !== null ? { success: r.success } : {}),
    ...(r.completion !== null ? { completion: r.completion } : {}),
    ...(r.class !== null ? { class: r.class, classPeriods: r.class_periods ?? 0 } : {}),
  };
}

/** Memory PostgreSQL may use per hash table of a report (a few per query, per parallel worker). */
const REPORT_WORK_MEM = '256MB';

/** Rows of a query through a server-side cursor: memory holds one batch, whatever the result. */
async function* streamRows<T>(pool: Pool, sql: string, params: readonly unknown[], batch: number): AsyncGenerator<T> {
  const client: PoolClient = await pool.connect();
  try {
    // One snapshot for the whole read: statements arriving meanwhile are in the next report.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // The grouping by learner and module is a hash table of learners × modules: with the default
    // 4 MB it spills to disk and a 5-million-statement report takes 15 s instead of 4.
    await client.query(`SET LOCAL work_mem = '${REPORT_WORK_MEM}'`);
    // Compiling the aggregates costs a second and saves less than that.
    await client.query('SET LOCAL jit = off');
    await client.query(`DECLARE digest NO SCROLL CURSOR FOR ${sql}`, params as unknown[]);
    for (;;) {
      const { rows } = await client.query<T & object>(`FETCH ${batch} FROM digest`);
      for (const row of rows) yield row;
      if (rows.length < batch) break;
    }
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

/** The digest of a report over the store's statements, for the period and modules asked. */
export async function reportDigest(pool: Pool, q: ReportDigestQuery): Promise<ReportDigest> {
  const batch = q.batch ?? 10_000;
  const { rows } = await pool.query<{ read: string; voided: string }>(COUNTS);
  return {
    statementsRead: Number(rows[0]!.read),
    statementsVoided: Number(rows[0]!.voided),
    actors: (async function* () {
      for await (const r of streamRows<{ actor: string; statements: number }>(pool, PER_ACTOR, [q.to], batch)) yield r;
    })(),
    facts: (async function* () {
      for await (const r of streamRows<FactRow>(pool, DECIDING, [q.from, q.to, q.modules], batch)) yield factOf(r);
    })(),
  };
}

/**
 * The digest straight from a PostgreSQL store's connection settings (`boiduong report --pg`):
 * opens a small pool (applying pending migrations, so the facts exist), and closes it once the
 * caller has read the digest.
 */
export async function openReportDigest(options: PostgresOptions, q: ReportDigestQuery): Promise<ReportDigest & { close(): Promise<void> }> {
  const { pool } = await openPool({ ...options, maxConnections: options.maxConnections ?? 3 });
  try {
    return { ...(await reportDigest(pool, q)), close: () => pool.end() };
  } catch (e) {
    await pool.end();
    throw e;
  }
}
