/**
 * The report's facts rolled up per learner, object, Vietnam day and stored month, so a report
 * reads a few rows per learner and module instead of every statement (report-digest.ts).
 *
 * Only the objects reports read (the catalogues' modules, registered in report_objects by the
 * report that first asks for them) get rows of their own. A learner's day of every other object
 * (pages, questions, tests: most statements) is one row under the object '' that keeps only the
 * count and the members, so the rollup holds a few rows per learner and day, not one per object.
 *
 * A row keeps, for the live facts of its group (neither voiding nor voided by a voider folded
 * so far), the statements a report's picks can need, with their fields inline: the first in
 * stored order, the earliest completion (timestamp, then stored order), the best mark, the first
 * studied online. Every pick of a report over any period of whole days is one of its days' picks,
 * so a report folds those instead of every fact and gets the same figures.
 *
 * The rollup is kept off the insert path: a fold takes the facts stored above its watermark and
 * at or below the consistency horizon (no writer can still commit there, horizon.ts), merges
 * them in, and moves the watermark, in one transaction that one node at a time runs. A report
 * reads the rolled-up rows with the raw facts above the watermark in one snapshot: exact,
 * whatever the fold's lag.
 */
import type { Pool, PoolClient } from 'pg';
import { VERB } from '../../../core/index.js';
import { microsIso, readHorizon } from './horizon.js';
import { ensureMonths, existingMonths } from './partitions.js';
import { inTransaction, transactionOn } from './transaction.js';

/**
 * Migration 7's schema. A pick's first field orders it the way its pick does (least() compares
 * composites field by field): 0 for the first statement, the timestamp for a completion, minus
 * the mark for the best mark; the stored place (µs, seq) breaks ties as a pull's reading order.
 * Members (the places of all the group's facts, voided ones too) let a void or an erasure
 * recompute a group without an index on report_facts, which would cost every insert.
 */
export const REPORT_ROLLUP_SQL = `
  CREATE TYPE report_pick AS (
    k float8, us bigint, seq bigint, id uuid, verb text, timestamp_ms bigint,
    mark float8, success boolean, completion boolean, class text, class_periods float8
  );
  CREATE TABLE report_rollup (
    month          timestamptz NOT NULL,
    actor          text NOT NULL,
    object         text NOT NULL,
    vietnam_day    date NOT NULL,
    live           integer NOT NULL,
    voided         integer NOT NULL,
    member_stored  timestamptz[] NOT NULL,
    member_seq     bigint[] NOT NULL,
    first          report_pick,
    completes      report_pick,
    best           report_pick,
    studied        report_pick,
    CONSTRAINT report_rollup_key PRIMARY KEY (actor, object, vietnam_day, month)
  ) PARTITION BY RANGE (month);
  -- Live statements per learner, day and month, any object: what the report counts, without
  -- reading every object's rollup row.
  CREATE TABLE report_rollup_counts (
    month        timestamptz NOT NULL,
    actor        text NOT NULL,
    vietnam_day  date NOT NULL,
    live         integer NOT NULL,
    CONSTRAINT report_rollup_counts_key PRIMARY KEY (actor, vietnam_day, month)
  ) PARTITION BY RANGE (month);
  CREATE TABLE report_rollup_state (
    one        boolean PRIMARY KEY DEFAULT true CHECK (one),
    watermark  timestamptz NOT NULL
  );
  INSERT INTO report_rollup_state (watermark) VALUES ('-infinity');
`;

/**
 * Migration 8's schema: the objects with rows of their own. The rollup migration 7 folded has a
 * row per object; it is emptied and folded again from the start by the nodes' timers (reports
 * stay exact meanwhile: they read the facts above the watermark raw).
 */
export const REPORT_OBJECTS_SQL = `
  CREATE TABLE report_objects (
    object      text PRIMARY KEY,
    registered  timestamptz NOT NULL DEFAULT now()
  );
  TRUNCATE report_rollup, report_rollup_counts;
  UPDATE report_rollup_state SET watermark = '-infinity';
`;

/** The group object of a fact of alias `f`, joined as `o`: its own when registered, else ''. */
const OBJECTS_JOIN = (f: string): string => `LEFT JOIN report_objects o ON o.object = ${f}.object`;
const GROUP_OBJECT = "coalesce(o.object, '')";

/** Migration 7's data step: the rollup's months, as the statements have them; the first fold fills them. */
export async function createRollupMonths(c: PoolClient): Promise<void> {
  await ensureMonths(c, await existingMonths(c));
}

/** The stored month (UTC) of a fact, as the rollup and the partitions key it. */
export const MONTH_OF = (stored: string): string => `date_trunc('month', ${stored}, 'UTC')`;
/** The stored time in microseconds since 1970: a pick's place. */
export const US_OF = (stored: string): string => `(extract(epoch FROM ${stored}) * 1000000)::bigint`;

// The rules of report/learner-state.ts (foldFact), as the digest had them.
export const COMPLETES = `(verb = '${VERB.completed}' OR verb = '${VERB.passed}' OR (completion AND verb <> '${VERB.failed}'))`;
const SCORED = `(mark IS NOT NULL AND (verb = '${VERB.passed}' OR verb = '${VERB.failed}'))`;

const pick = (k: string): string => `ROW(${k}, us, seq, id, verb, timestamp_ms, mark, success, completion, class, class_periods)::report_pick`;
// The '' rows keep no picks: no report reads them for figures.
const pickBy = (k: string, order: string, where: string): string =>
  `(array_agg(${pick(k)} ORDER BY ${order}) FILTER (WHERE NOT voided AND gobject <> ''${where ? ` AND ${where}` : ''}))[1]`;

/**
 * One rollup row per group of `source` (report_facts' columns, with us, month, gobject and
 * voided: voided by a voider at or below the watermark being set). Voiding facts are no group's.
 */
const grouped = (source: string): string => `
  SELECT month, actor, gobject, vietnam_day,
         (count(*) FILTER (WHERE NOT voided))::int, (count(*) FILTER (WHERE voided))::int,
         array_agg(stored ORDER BY stored, seq), array_agg(seq ORDER BY stored, seq),
         ${pickBy('0', 'us, seq', '')},
         ${pickBy('timestamp_ms', 'timestamp_ms, us, seq', COMPLETES)},
         ${pickBy('-mark', 'mark DESC, us, seq', SCORED)},
         ${pickBy('0', 'us, seq', 'class IS NULL')}
  FROM (${source}) src GROUP BY month, actor, gobject, vietnam_day`;

const COLUMNS = 'month, actor, object, vietnam_day, live, voided, member_stored, member_seq, first, completes, best, studied';

// Merging two sets of facts of one group: counts and members add up, each pick is the lesser.
const MERGE = `
  ON CONFLICT (actor, object, vietnam_day, month) DO UPDATE SET
    live = report_rollup.live + excluded.live, voided = report_rollup.voided + excluded.voided,
    member_stored = report_rollup.member_stored || excluded.member_stored,
    member_seq = report_rollup.member_seq || excluded.member_seq,
    first = least(report_rollup.first, excluded.first), completes = least(report_rollup.completes, excluded.completes),
    best = least(report_rollup.best, excluded.best), studied = least(report_rollup.studied, excluded.studied)`;

/**
 * Facts (alias f, in `from`, filtered by `where`) as a group's source: voided when a voider
 * stored at or before `bound` names them.
 */
const withVoided = (from: string, where: string, bound: string): string => `
  SELECT f.*, ${US_OF('f.stored')} AS us, ${MONTH_OF('f.stored')} AS month, ${GROUP_OBJECT} AS gobject,
         EXISTS (SELECT 1 FROM report_facts v WHERE v.voids = f.id AND v.stored <= ${bound}) AS voided
  FROM ${from} ${OBJECTS_JOIN('f')} WHERE ${where}`;

// $1 the watermark, $2 the new one.
const FOLD_NEW = `
  INSERT INTO report_rollup (${COLUMNS})
  ${grouped(withVoided('report_facts f', 'f.stored > $1::timestamptz AND f.stored <= $2::timestamptz AND f.voids IS NULL', '$2::timestamptz'))}
  ${MERGE}`;

/**
 * The groups (their keys: actor, group object, day, month) of the statements these voiders (a
 * query of report_facts v) name. Each target is looked up by its keys (LIMIT 1 keeps the lookups
 * from being flattened into a join): without statistics on report_facts (autovacuum off or
 * behind) PostgreSQL guessed thousands of voiders and read every fact in a sequential scan to
 * join them, at every fold, a longer scan as the store grew.
 */
const targetsOf = (voiders: string): string => `
  SELECT DISTINCT t.actor, ${GROUP_OBJECT} AS object, t.vietnam_day, ${MONTH_OF('t.stored')} AS month
  FROM (${voiders}) v
  CROSS JOIN LATERAL (SELECT i.stored, i.seq FROM statement_ids i WHERE i.id = v.voids LIMIT 1) i
  CROSS JOIN LATERAL (SELECT t.* FROM report_facts t WHERE t.stored = i.stored AND t.seq = i.seq AND t.voids IS NULL LIMIT 1) t
  ${OBJECTS_JOIN('t')}`;

/**
 * Recomputes the groups keyed by `keys` (actor, object, vietnam_day, month) from their members
 * as report_facts has them now, voided by voiders at or before `bound`: the old rows go and the
 * members still there are grouped again (an anonymised member moves to its new actor's group).
 */
const recompute = (keys: string, bound: string): string => `
  WITH k AS MATERIALIZED (${keys}),
  gone AS (
    DELETE FROM report_rollup r USING k
     WHERE r.actor = k.actor AND r.object = k.object AND r.vietnam_day = k.vietnam_day AND r.month = k.month
    RETURNING r.member_stored, r.member_seq
  )
  INSERT INTO report_rollup (${COLUMNS})
  ${grouped(withVoided(
    `gone CROSS JOIN LATERAL unnest(gone.member_stored, gone.member_seq) AS m(stored, seq)
     JOIN report_facts f ON f.stored = m.stored AND f.seq = m.seq`,
    'f.voids IS NULL',
    bound,
  ))}
  ${MERGE}`;

/** The per-day counts of these (actor, vietnam_day, month) keys, summed again from their rollup rows. */
const recount = (keys: string): string => `
  WITH k AS MATERIALIZED (SELECT DISTINCT actor, vietnam_day, month FROM (${keys}) x),
  gone AS (DELETE FROM report_rollup_counts c USING k WHERE c.actor = k.actor AND c.vietnam_day = k.vietnam_day AND c.month = k.month)
  INSERT INTO report_rollup_counts (month, actor, vietnam_day, live)
  SELECT r.month, r.actor, r.vietnam_day, sum(r.live) FROM report_rollup r
  JOIN k ON r.actor = k.actor AND r.vietnam_day = k.vietnam_day AND r.month = k.month
  GROUP BY r.month, r.actor, r.vietnam_day
  ON CONFLICT (actor, vietnam_day, month) DO UPDATE SET live = excluded.live`;

// Voiders newly folded ($1 < stored <= $2) take their targets' contributions out.
const FOLD_VOIDS = recompute(
  targetsOf('SELECT voids FROM report_facts WHERE voids IS NOT NULL AND stored > $1::timestamptz AND stored <= $2::timestamptz'),
  '$2::timestamptz',
);

// The days the step touched: its facts', and its voiders' targets' (FOLD_COUNTS) when it has voiders.
const STEP_DAYS = `
  SELECT actor, vietnam_day, ${MONTH_OF('stored')} AS month FROM report_facts
   WHERE stored > $1::timestamptz AND stored <= $2::timestamptz AND voids IS NULL`;
const FOLD_COUNTS = recount(`${STEP_DAYS}
  UNION
  SELECT actor, vietnam_day, month FROM (${targetsOf('SELECT voids FROM report_facts WHERE voids IS NOT NULL AND stored > $1::timestamptz AND stored <= $2::timestamptz')}) t`);
const FOLD_COUNTS_NO_VOIDERS = recount(STEP_DAYS);

/** The lock that keeps one fold (or erasure's recompute) at a time per schema. */
const lockKey = (schema: string): string => `boiduong-lrs-rollup:${schema}`;

/** Facts per fold transaction: a long backlog (a first fold) goes in steps, each committed. */
const FOLD_STEP = 200_000;

export interface FoldOutcome {
  /** Facts folded (0 when another node held the fold or nothing was new). */
  readonly facts: number;
  /** False when another node was folding: its fold covers what this one would. */
  readonly folded: boolean;
}

/**
 * One step of the fold: up to FOLD_STEP facts above the watermark, at or below the horizon
 * read first (its own statement, before the rows are read: horizon.ts).
 */
async function foldStep(client: PoolClient, schema: string, horizonIso: string): Promise<{ facts: number; done: boolean; folded: boolean }> {
  return transactionOn(client, async () => {
    // JIT off for the step (set_config local: SET LOCAL in the lock's round trip). A step's
    // statements read a few thousand facts by index; their estimated cost, inflated without
    // statistics, would have them compiled by JIT at every fold, costing more than the run.
    const { rows: locked } = await client.query<{ ok: boolean }>(
      "SELECT pg_try_advisory_xact_lock(hashtext($1)) AS ok, set_config('jit', 'off', true) AS jit",
      [lockKey(schema)],
    );
    if (!locked[0]!.ok) return { facts: 0, done: true, folded: false };
    const { rows: w } = await client.query<{ watermark: string }>('SELECT watermark::text AS watermark FROM report_rollup_state FOR UPDATE');
    const from = w[0]!.watermark;
    const { rows: cut } = await client.query<{ to: string | null; n: string }>(
      `SELECT max(stored)::text AS to, count(*) AS n FROM (
         SELECT stored FROM report_facts WHERE stored > $1::timestamptz AND stored <= $2::timestamptz ORDER BY stored LIMIT $3) x`,
      [from, horizonIso, FOLD_STEP],
    );
    // A step ends on a whole stored instant, so the watermark never splits facts stored together.
    const to = Number(cut[0]!.n) < FOLD_STEP || cut[0]!.to === null ? horizonIso : cut[0]!.to;
    let n = 0;
    if (cut[0]!.to !== null) {
      const { rows: facts } = await client.query<{ n: string; voiders: boolean }>(
        'SELECT count(*) AS n, count(voids) > 0 AS voiders FROM report_facts WHERE stored > $1::timestamptz AND stored <= $2::timestamptz',
        [from, to],
      );
      n = Number(facts[0]!.n);
      await client.query(FOLD_NEW, [from, to]);
      // Most steps hold no voiding statement: their targets' groups need no recompute.
      if (facts[0]!.voiders) {
        // A step holds a few voiders, each a handful of lookups by key; without statistics
        // PostgreSQL guesses thousands and would hash the whole rollup to join them.
        await client.query('SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off');
        await client.query(FOLD_VOIDS, [from, to]);
        await client.query(FOLD_COUNTS, [from, to]);
      } else await client.query(FOLD_COUNTS_NO_VOIDERS, [from, to]);
    }
    await client.query('UPDATE report_rollup_state SET watermark = greatest(watermark, $1::timestamptz)', [to]);
    return { facts: n, done: to === horizonIso, folded: true };
  });
}

/**
 * Folds every fact stored at or below the horizon into the rollup. Run by each LRS node on a
 * timer and by a report before it reads; when another node is folding, returns at once.
 */
export async function foldRollup(pool: Pool, schema: string): Promise<FoldOutcome> {
  const horizonIso = microsIso(await readHorizon(pool, schema));
  const client = await pool.connect();
  try {
    return await foldRollupUntil(client, schema, horizonIso);
  } finally {
    client.release();
  }
}

/** The fold up to a stored time the caller knows no writer can still commit at or below. */
export async function foldRollupUntil(client: PoolClient, schema: string, untilIso: string): Promise<FoldOutcome> {
  let facts = 0;
  for (;;) {
    const step = await foldStep(client, schema, untilIso);
    facts += step.facts;
    if (!step.folded || step.done) return { facts, folded: step.folded || facts > 0 };
  }
}

/**
 * Inside a transaction that is about to delete or rewrite the facts at these places (µs-precise
 * stored times and seqs): takes the fold's lock (waiting for a fold in progress), and returns a
 * function that, once the facts have changed, recomputes every rolled-up group they were in,
 * and the groups of the statements any of them voided.
 */
export async function rollupRecomputeFor(client: PoolClient, schema: string, stored: readonly string[], seq: readonly string[]): Promise<() => Promise<void>> {
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [lockKey(schema)]);
  const { rows } = await client.query<{ actor: string; object: string; day: string; month: string }>(
    `WITH at AS (
       SELECT f.* FROM unnest($1::timestamptz[], $2::bigint[]) AS r(stored, seq) JOIN report_facts f ON f.stored = r.stored AND f.seq = r.seq
        WHERE f.stored <= (SELECT watermark FROM report_rollup_state))
     SELECT actor, ${GROUP_OBJECT} AS object, vietnam_day::text AS day, ${MONTH_OF('stored')}::text AS month
       FROM at f ${OBJECTS_JOIN('f')} WHERE voids IS NULL
     UNION
     SELECT actor, object, vietnam_day::text, month::text FROM (${targetsOf('SELECT voids FROM at WHERE voids IS NOT NULL')}) t`,
    [stored, seq],
  );
  return async () => {
    if (rows.length === 0) return;
    const keys = [rows.map((r) => r.actor), rows.map((r) => r.object), rows.map((r) => r.day), rows.map((r) => r.month)];
    await client.query(
      recompute(
        'SELECT * FROM unnest($1::text[], $2::text[], $3::date[], $4::timestamptz[]) AS k(actor, object, vietnam_day, month)',
        '(SELECT watermark FROM report_rollup_state)',
      ),
      keys,
    );
    // The days the rows were on, and the days of the rewritten facts (an anonymised actor's).
    await client.query(
      recount(`
        SELECT * FROM unnest($1::text[], $2::text[], $3::date[], $4::timestamptz[]) AS k(actor, object, vietnam_day, month)
        UNION
        SELECT f.actor, f.object, f.vietnam_day, ${MONTH_OF('f.stored')} FROM unnest($5::timestamptz[], $6::bigint[]) AS r(stored, seq)
        JOIN report_facts f ON f.stored = r.stored AND f.seq = r.seq
        WHERE f.voids IS NULL AND f.stored <= (SELECT watermark FROM report_rollup_state)`),
      [...keys, stored, seq],
    );
  };
}

// The folded facts of objects just registered ($1), as a group's source (withVoided).
const MOVED = withVoided(
  'report_facts f',
  'f.object = ANY($1::text[]) AND f.voids IS NULL AND f.stored <= (SELECT watermark FROM report_rollup_state)',
  '(SELECT watermark FROM report_rollup_state)',
);

// The '' rows without the facts moved out of them (pg_temp.report_moved): fewer live and voided,
// their members gone (the rest in their order, both arrays from one pass over them); then a row
// left with none goes (a statement of its own: the UPDATE's new rows are not visible to a DELETE
// beside it).
const LEAVE_OTHER_ROWS = `
  WITH d AS (
    SELECT actor, vietnam_day, month, (count(*) FILTER (WHERE NOT voided))::int AS live, (count(*) FILTER (WHERE voided))::int AS voided,
           array_agg(stored) AS s, array_agg(seq) AS q
    FROM pg_temp.report_moved GROUP BY actor, vietnam_day, month
  )
  UPDATE report_rollup r SET live = r.live - d.live, voided = r.voided - d.voided,
    (member_stored, member_seq) = (
      SELECT coalesce(array_agg(m.st ORDER BY m.o), '{}'), coalesce(array_agg(m.sq ORDER BY m.o), '{}')
        FROM unnest(r.member_stored, r.member_seq) WITH ORDINALITY AS m(st, sq, o)
       WHERE NOT EXISTS (SELECT 1 FROM unnest(d.s, d.q) AS g(st, sq) WHERE g.st = m.st AND g.sq = m.sq))
  FROM d WHERE r.actor = d.actor AND r.object = '' AND r.vietnam_day = d.vietnam_day AND r.month = d.month;
  DELETE FROM report_rollup r USING (SELECT DISTINCT actor, vietnam_day, month FROM pg_temp.report_moved) e
   WHERE r.actor = e.actor AND r.object = '' AND r.vietnam_day = e.vietnam_day AND r.month = e.month AND cardinality(r.member_seq) = 0`;

/**
 * Gives these objects (a report's modules) rows of their own: those not registered yet are, and
 * their folded facts move out of the learners' '' rows into rows of their own, so from then on
 * the rollup has their rows as if they had always been registered. Waits for a fold in progress. Returns the
 * objects newly registered. A report of an object not registered is still exact (the digest
 * then reads its facts raw), only slower.
 */
export function registerReportObjects(pool: Pool, schema: string, objects: readonly string[], onAdding?: (added: readonly string[]) => void): Promise<string[]> {
  return inTransaction(pool, (client) => registerReportObjectsIn(client, schema, objects, onAdding));
}

/** registerReportObjects inside the caller's transaction; `onAdding` hears of new ones before their facts move. */
export async function registerReportObjectsIn(client: PoolClient, schema: string, objects: readonly string[], onAdding?: (added: readonly string[]) => void): Promise<string[]> {
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [lockKey(schema)]);
  const { rows } = await client.query<{ object: string }>(
    "INSERT INTO report_objects (object) SELECT DISTINCT x FROM unnest($1::text[]) AS x WHERE x <> '' ON CONFLICT DO NOTHING RETURNING object",
    [objects],
  );
  const added = rows.map((r) => r.object).sort();
  if (added.length === 0) return added;
  onAdding?.(added);
  // Their folded facts sit in the learners' '' rows: they become rows of their own, and leave
  // the '' rows' counts and members, without grouping the rest of those rows again.
  await client.query('DROP TABLE IF EXISTS pg_temp.report_moved');
  await client.query(`CREATE TEMP TABLE report_moved ON COMMIT DROP AS ${MOVED}`, [added]);
  await client.query('ANALYZE pg_temp.report_moved');
  await client.query(`INSERT INTO report_rollup (${COLUMNS}) ${grouped('SELECT * FROM pg_temp.report_moved')} ${MERGE}`);
  await client.query(LEAVE_OTHER_ROWS);
  await client.query(`DROP TABLE pg_temp.report_moved`);
  return added;
}
