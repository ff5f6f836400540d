/**
 * A report's statements reduced inside PostgreSQL. The report folds, per learner and module, a
 * few running figures (first completion, best mark, in the period or ever, studied in the
 * period) and, per learner and class held in person, the first statement and the first
 * completion. Each figure is decided by one statement, the first in stored order among equals.
 * The digest returns, in stored order, a few statements per learner, module and day among which
 * every deciding one is (the rollup's picks, report-rollup.ts), so folding them gives what
 * folding every statement gives, while the database reads a few rows per learner and Node holds
 * none of them. Counts the report prints (statements read, voided, per unknown actor) come with it.
 */
import type { Pool, PoolClient } from 'pg';
import type { StatementFact } from '../../../core/index.js';
import { storedIso } from './horizon.js';
import { openPool, openReadPool, type PostgresOptions } from './pool.js';
import { parseLsn } from './replica.js';
import { MONTH_OF, US_OF, foldRollup, registerReportObjects } from './report-rollup.js';
import { analyzeStale } from './statistics.js';

export interface ReportDigestQuery {
  /** Inclusive Vietnam calendar days, as the report's period. */
  readonly from: string;
  readonly to: string;
  /** Activity ids of the catalogue's modules: statements about anything else fold nothing. */
  readonly modules: readonly string[];
  /** Rows per round trip while streaming; default 10,000. */
  readonly batch?: number;
  /**
   * The roster's actor keys: only their statements are read (a province on a national store
   * reads its own learners' rows). Statements of other actors are then neither counted nor listed.
   */
  readonly roster?: readonly string[];
}

export interface ReportDigest {
  /** Statements a query of the LRS returns: every one but the voided ones. */
  readonly statementsRead: number;
  /** Distinct statements voided. */
  readonly statementsVoided: number;
  /** Per actor, statements up to the period's end (neither voiding nor voided), any object. */
  readonly actors: AsyncIterable<{ readonly actor: string; readonly statements: number }>;
  /** Statements that may decide the report's figures (every deciding one among them), in stored order. */
  readonly facts: AsyncIterable<StatementFact>;
  /** Read for the roster's learners only: counts are theirs, and no other actor is listed. */
  readonly rosterOnly?: true;
}

// The report's sources, in one snapshot: rolled-up rows at or below the watermark, and raw facts
// above it or in a group a voider above it hits (its rolled-up row is stale: recomputed here).
// $1 the roster's actor keys, or NULL for every actor.
interface Reading {
  /** The condition on an actor column: in the roster, or (no roster) always true. */
  readonly actor: (column: string) => string;
  readonly roster: boolean;
  /**
   * The watermark, read first in the snapshot, as a literal: the plan then knows how few facts
   * lie above it and reads them as a range of report_facts' key. As a subquery it planned a
   * scan of every fact (25 s at 100 million).
   */
  readonly watermark: string;
}

const readingOf = (roster: boolean, watermark: string): Reading => {
  // From our own table, as PostgreSQL prints a timestamptz: no quote can be in it.
  if (!/^(-?infinity|[0-9][0-9 :.+-]*)$/.test(watermark)) throw new Error(`unexpected watermark ${watermark}`);
  return {
    // Two texts, not one with an OR: only `actor = ANY($1)` alone lets the plan look the
    // roster's learners up by the rollup's key; with the OR it read every province's rows.
    actor: roster ? (column) => `${column} = ANY($1::text[])` : () => '$1::text[] IS NULL',
    roster,
    watermark: `'${watermark}'::timestamptz`,
  };
};

// The roster's day counts, one learner at a time by the key: as a filter over the table the plan
// read every learner's (7 s at 100 million) to keep a few in a hundred.
const rosterDays = `
  SELECT ro.actor, c.vietnam_day, c.live AS n FROM (SELECT DISTINCT unnest($1::text[]) AS actor) ro
  CROSS JOIN LATERAL (SELECT vietnam_day, live FROM report_rollup_counts c WHERE c.actor = ro.actor) c`;

const sources = (r: Reading): string => `
  stale AS MATERIALIZED (
    SELECT DISTINCT r.actor, r.object, r.vietnam_day, r.month, r.live
    FROM report_facts v JOIN statement_ids i ON i.id = v.voids
    JOIN report_facts t ON t.stored = i.stored AND t.seq = i.seq AND t.voids IS NULL
    LEFT JOIN report_objects o ON o.object = t.object
    JOIN report_rollup r ON r.actor = t.actor AND r.object = coalesce(o.object, '') AND r.vietnam_day = t.vietnam_day AND r.month = ${MONTH_OF('t.stored')}
    WHERE v.voids IS NOT NULL AND v.stored > ${r.watermark} AND t.stored <= ${r.watermark} AND ${r.actor('t.actor')}
  ),
  raw AS MATERIALIZED (
    SELECT f.* FROM report_facts f WHERE f.stored > ${r.watermark} AND f.voids IS NULL AND ${r.actor('f.actor')}
    UNION ALL
    SELECT f.* FROM stale s JOIN report_rollup r ON r.actor = s.actor AND r.object = s.object AND r.vietnam_day = s.vietnam_day AND r.month = s.month
    CROSS JOIN LATERAL unnest(r.member_stored, r.member_seq) AS m(stored, seq)
    JOIN report_facts f ON f.stored = m.stored AND f.seq = m.seq
  ),
  live_raw AS (SELECT * FROM raw f WHERE NOT EXISTS (SELECT 1 FROM report_facts v WHERE v.voids = f.id)),
  -- Live statements per actor and day: the rollup's counts, less the stale rows', plus the raw facts.
  per_day AS (
    ${r.roster ? rosterDays : 'SELECT actor, vietnam_day, live AS n FROM report_rollup_counts WHERE $1::text[] IS NULL'}
    UNION ALL SELECT actor, vietnam_day, -live FROM stale
    UNION ALL SELECT actor, vietnam_day, 1 FROM live_raw
  )`;

const FIELDS = 'id, actor, verb, object, timestamp_ms, us, mark, success, completion, class, class_periods';

// Every statement that may decide a figure, in stored order: each rolled-up row's picks, every
// raw fact, and every fact of a class held in person (few; their own index), about the modules,
// up to the period's end; and, for modules not registered yet (no rows of their own,
// report-rollup.ts), their folded facts raw. A superset of the deciding statements, all of them
// live: the report's fold (report/learner-state.ts) picks the same ones from it as from every
// statement. $2 the period's last day, $3 the modules, $4 those not registered.
const candidates = (r: Reading, unregistered: boolean): string => `
  WITH ${sources(r)},
  candidates AS (
    SELECT (p.x).id, r.actor, (p.x).verb, r.object, (p.x).timestamp_ms, (p.x).us, (p.x).seq,
           (p.x).mark, (p.x).success, (p.x).completion, (p.x).class, (p.x).class_periods
    FROM report_rollup r CROSS JOIN LATERAL (VALUES (r.first), (r.completes), (r.best), (r.studied)) AS p(x)
    WHERE ${r.actor('r.actor')} AND r.object = ANY($3::text[]) AND r.vietnam_day <= $2::date AND (p.x).us IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM stale s WHERE s.actor = r.actor AND s.object = r.object AND s.vietnam_day = r.vietnam_day AND s.month = r.month)
    UNION ALL
    SELECT id, actor, verb, object, timestamp_ms, ${US_OF('stored')}, seq, mark, success, completion, class, class_periods
    FROM live_raw WHERE vietnam_day <= $2::date AND object = ANY($3::text[])
    UNION ALL
    SELECT id, actor, verb, object, timestamp_ms, ${US_OF('stored')}, seq, mark, success, completion, class, class_periods
    FROM report_facts f
    WHERE ${unregistered ? `(f.class IS NOT NULL OR (f.object = ANY($4::text[]) AND f.voids IS NULL AND f.stored <= ${r.watermark}))` : 'f.class IS NOT NULL'}
      AND ${r.actor('f.actor')} AND f.vietnam_day <= $2::date AND f.object = ANY($3::text[])
      AND NOT EXISTS (SELECT 1 FROM report_facts v WHERE v.voids = f.id)
  )
  SELECT DISTINCT ON (us, seq) ${FIELDS} FROM candidates ORDER BY us, seq`;

// Per actor, live statements up to the period's end ($2), any object.
const perActor = (r: Reading): string => `
  WITH ${sources(r)}
  SELECT actor, sum(n)::int AS statements FROM per_day WHERE vietnam_day <= $2::date
  GROUP BY actor HAVING sum(n) > 0 ORDER BY actor`;

// Statements read (every one a query of the LRS returns, voiding ones too) and voided: the
// store's, or, with a roster, its learners' own (the statements voiding them are whoever voided
// them, not the learners'). The LRS hides a statement voided after it arrived; one that arrives
// after its voider is still returned (and counts as read), though no figure counts it.
const counts = (r: Reading): string => `
  WITH ${sources(r)}
  SELECT (SELECT coalesce(sum(n), 0) FROM per_day)
         + (SELECT count(DISTINCT t.id) FROM report_facts v JOIN statement_ids i ON i.id = v.voids
              JOIN report_facts t ON t.stored = i.stored AND t.seq = i.seq
            WHERE v.voids IS NOT NULL AND ${r.actor('t.actor')}
              AND NOT EXISTS (SELECT 1 FROM report_facts e WHERE e.voids = t.id AND (e.stored, e.seq) > (t.stored, t.seq)))
         + CASE WHEN $1::text[] IS NULL THEN
             (SELECT count(*) FROM report_facts f WHERE f.voids IS NOT NULL AND NOT EXISTS (SELECT 1 FROM report_facts v WHERE v.voids = f.id))
           ELSE 0 END AS read,
         CASE WHEN $1::text[] IS NULL THEN (SELECT count(DISTINCT voids) FROM report_facts WHERE voids IS NOT NULL)
         ELSE (SELECT count(DISTINCT t.id) FROM report_facts v JOIN statement_ids i ON i.id = v.voids
                 JOIN report_facts t ON t.stored = i.stored AND t.seq = i.seq
               WHERE v.voids IS NOT NULL AND t.actor = ANY($1::text[]))
         END AS voided`;

// Which of the modules ($1) have no rows of their own in the rollup yet.
const UNREGISTERED =
  'SELECT coalesce(array_agg(m), ARRAY[]::text[]) AS unregistered FROM unnest($1::text[]) AS m WHERE NOT EXISTS (SELECT 1 FROM report_objects o WHERE o.object = m)';

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

/** Memory PostgreSQL may use per hash table or sort of a report (a few per query, per parallel worker). */
const REPORT_WORK_MEM = '256MB';

/**
 * One REPEATABLE READ snapshot for all of a report's reads: the watermark, the rolled-up rows
 * and the raw facts above it are read as of one instant, whatever a fold commits meanwhile.
 * Cursors share the connection; the snapshot ends with close().
 */
class Snapshot {
  private cursors = 0;
  private constructor(private readonly client: PoolClient) {}

  static async open(pool: Pool): Promise<Snapshot> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      // The sort of the candidates spills to disk with the default 4 MB.
      await client.query(`SET LOCAL work_mem = '${REPORT_WORK_MEM}'`);
      // Compiling the expressions costs a second and saves less than that.
      await client.query('SET LOCAL jit = off');
      return new Snapshot(client);
    } catch (e) {
      client.release();
      throw e;
    }
  }

  async one<T extends object>(sql: string, params: readonly unknown[]): Promise<T> {
    return (await this.client.query<T>(sql, params as unknown[])).rows[0]!;
  }

  /** Rows of a query through a server-side cursor: memory holds one batch, whatever the result. */
  async *rows<T extends object>(sql: string, params: readonly unknown[], batch: number): AsyncGenerator<T> {
    const name = `digest_${++this.cursors}`;
    await this.client.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`, params as unknown[]);
    for (;;) {
      const { rows } = await this.client.query<T>(`FETCH ${batch} FROM ${name}`);
      for (const row of rows) yield row;
      if (rows.length < batch) break;
    }
    await this.client.query(`CLOSE ${name}`);
  }

  async close(): Promise<void> {
    try {
      await this.client.query('COMMIT');
    } finally {
      this.client.release();
    }
  }
}

/**
 * The digest's queries for a reading (with a roster or not, the watermark as read in the
 * snapshot, modules not registered or not). Parameters: counts $1; perActor $1, $2; candidates
 * $1–$3, and $4 with unregistered modules (see each query).
 */
export function digestQueries(roster: boolean, watermark: string, unregistered: boolean): { counts: string; perActor: string; candidates: string } {
  const reading = readingOf(roster, watermark);
  return { counts: counts(reading), perActor: perActor(reading), candidates: candidates(reading, unregistered) };
}

/**
 * The digest of a report over the store's statements, for the period and modules asked, read in
 * one snapshot; close() ends it. With `roster`, only those learners' rows are read.
 */
export async function reportDigest(pool: Pool, q: ReportDigestQuery): Promise<ReportDigest & { close(): Promise<void> }> {
  const batch = q.batch ?? 10_000;
  const roster = q.roster ? [...q.roster] : null;
  const snapshot = await Snapshot.open(pool);
  try {
    const { watermark } = await snapshot.one<{ watermark: string }>('SELECT watermark::text AS watermark FROM report_rollup_state', []);
    const { unregistered } = await snapshot.one<{ unregistered: string[] }>(UNREGISTERED, [[...q.modules]]);
    const queries = digestQueries(roster !== null, watermark, unregistered.length > 0);
    const read = await snapshot.one<{ read: string; voided: string }>(queries.counts, [roster]);
    const params = unregistered.length > 0 ? [roster, q.to, q.modules, unregistered] : [roster, q.to, q.modules];
    return {
      statementsRead: Number(read.read),
      statementsVoided: Number(read.voided),
      ...(roster ? { rosterOnly: true as const } : {}),
      actors: roster ? (async function* () {})() : snapshot.rows<{ actor: string; statements: number }>(queries.perActor, [roster, q.to], batch),
      facts: (async function* () {
        for await (const r of snapshot.rows<FactRow>(queries.candidates, params, batch)) yield factOf(r);
      })(),
      close: () => snapshot.close(),
    };
  } catch (e) {
    await snapshot.close().catch(() => undefined);
    throw e;
  }
}

/** A streaming replica of the store's primary, for the digest's reads (`report --pg-read`). */
export interface ReportReplica {
  readonly connectionString: string;
  /** How long to wait for the replica to replay the primary's fold before reading there; default 60,000 ms. */
  readonly waitMs?: number;
}

export interface OpenedDigest extends ReportDigest {
  /** Where the digest was read: the replica when one was given and caught up in time. */
  readonly readFrom: 'primary' | 'replica';
  /** With a replica that did not catch up in time: how long the report waited for it (ms). */
  readonly replicaWaitedMs?: number;
  close(): Promise<void>;
}

const REPLICA_POLL_MS = 20;

/**
 * Waits until the replica has replayed the primary's WAL up to its flush position now: then it
 * holds every commit before this call, the fold's included. False after `waitMs`.
 */
async function replicaCaughtUp(primary: Pool, replica: Pool, waitMs: number): Promise<boolean> {
  const { rows } = await primary.query<{ lsn: string }>('SELECT pg_current_wal_flush_lsn()::text AS lsn');
  const target = parseLsn(rows[0]!.lsn);
  const until = Date.now() + waitMs;
  for (;;) {
    const { rows: r } = await replica.query<{ lsn: string | null }>('SELECT pg_last_wal_replay_lsn()::text AS lsn');
    if (r[0]!.lsn !== null && parseLsn(r[0]!.lsn) >= target) return true;
    if (Date.now() >= until) return false;
    await new Promise((resolve) => setTimeout(resolve, REPLICA_POLL_MS));
  }
}

/**
 * The digest straight from a PostgreSQL store's connection settings (`boiduong report --pg`):
 * opens a small pool (applying pending migrations, so the facts exist), gives the modules rows
 * of their own in the rollup and folds what the nodes have not folded yet (neither with
 * `fold: false`: the store is then only read), and closes the pool once the caller has read it.
 * With `replica`, the digest is read there once it has replayed that fold (the report then holds
 * everything the primary had committed when the report started, and the primary's CPU is
 * spared); a replica that has not caught up within its wait leaves the reading to the primary.
 */
export async function openReportDigest(
  options: PostgresOptions,
  q: ReportDigestQuery & {
    readonly fold?: boolean;
    readonly replica?: ReportReplica;
    /** Told which modules get rows of their own first (once per module: a scan of the store's facts). */
    readonly onRegistering?: (modules: readonly string[]) => void;
  },
): Promise<OpenedDigest> {
  const { pool, schema } = await openPool({ ...options, maxConnections: options.maxConnections ?? 3 });
  const pools: Pool[] = [pool];
  const endAll = async (): Promise<void> => {
    await Promise.all(pools.map((p) => p.end().catch(() => undefined)));
  };
  try {
    if (q.fold !== false) {
      await registerReportObjects(pool, schema, q.modules, q.onRegistering);
      await foldRollup(pool, schema);
      // Without statistics the digest's plans read every fact, several times (statistics.ts).
      await analyzeStale(pool, schema);
    }
    let reader: Pool = pool;
    let waited: number | undefined;
    if (q.replica) {
      const { pool: replica } = await openReadPool({ ...options, connectionString: q.replica.connectionString, maxConnections: 2 });
      pools.push(replica);
      const started = Date.now();
      if (await replicaCaughtUp(pool, replica, q.replica.waitMs ?? 60_000)) reader = replica;
      else waited = Date.now() - started;
    }
    const digest = await reportDigest(reader, q);
    return {
      ...digest,
      readFrom: reader === pool ? 'primary' : 'replica',
      ...(waited !== undefined ? { replicaWaitedMs: waited } : {}),
      close: async () => {
        try {
          await digest.close();
        } finally {
          await endAll();
        }
      },
    };
  } catch (e) {
    await endAll();
    throw e;
  }
}
