/**
 * Writes statements to PostgreSQL with group commit: requests that arrive while a transaction is
 * in flight are written together in the next one, so N concurrent clients share one WAL flush.
 * A group that stays open long lets the next one start beside it (startGroups). Each request is
 * acknowledged only after the COMMIT of the transaction holding it returns. When a group fails
 * (e.g. one request reuses an existing id), it is retried with one savepoint per request so only
 * the faulty request fails.
 *
 * No lock is shared between writers, on this node or others: transactions commit in parallel
 * and readers keep paging sound through the consistency horizon (horizon.ts). For that, each
 * transaction stamps its statements' `stored` from the database clock once it has begun.
 *
 * A group's transaction is one round trip: BEGIN, the rows (stamped by the database as they are
 * inserted, the bodies taking the stamp in place of a mark) with their index entries and report
 * facts, voiding marks, attachments, definitions and COMMIT, as one string of EXECUTEs of
 * statements prepared once per connection, the values written in (sql-step.ts). Each round trip costs both
 * processes a wake-up and system calls: on a small machine as much CPU as the rows themselves.
 */
import type { Pool, PoolClient } from 'pg';
import type { AttachmentContent } from '../../protocol/index.js';
import type { StatementRow } from '../store.js';
import { microsIso, storedIso, type Micros } from './horizon.js';
import { ensureMonths, monthOf, nextMonth } from './partitions.js';
import { attachmentContentsStep, attachmentListingStep } from './attachment-listing.js';
import { factColumns, insertFacts } from './report-facts.js';
import { inlined, PreparedSteps, type SqlStep } from './sql-step.js';
import { markedForStamp, stamped } from './stamp.js';
import type { SettledDefinitions } from './settled-definitions.js';

export type MergeDefinition = (current: Record<string, unknown> | undefined, incoming: Record<string, unknown>) => Record<string, unknown>;

/** A group's statements to send, and the definitions they merge (id → text), settled once committed. */
interface GroupWrites {
  readonly steps: SqlStep[];
  readonly definitions: ReadonlyMap<string, string>;
}

interface Pending {
  readonly rows: readonly StatementRow[];
  readonly attachments: readonly AttachmentContent[];
  readonly done: (error: unknown) => void;
}

// Never before the transaction began: readers rely on it (horizon.ts).
const STAMP = 'greatest(clock_timestamp(), transaction_timestamp())';
const BEGIN_AND_STAMP = `BEGIN; SELECT (extract(epoch FROM ${STAMP}) * 1000000)::bigint AS us`;

/** xAPI's stored (milliseconds, UTC) as the body shows it; to_char truncates, like storedIso. */
const STORED_TEXT = `to_char(t.stored AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * One statement for the rows, their ids, their agent and activity index entries and their report
 * facts. `stored` is $2 when the transaction took its stamp first, else (NULL) the clock read
 * here, inside the transaction (the stamp's first use), and written into the bodies in place of
 * their mark (chr(1), stamp.ts). The facts take their place from the rows just inserted rather
 * than from a statement of their own looking each id up in statement_ids: one EXECUTE and one
 * index lookup per fact fewer (docs/scale.md, "The report fact's place").
 */
const INSERT_ROWS = `
  WITH t AS MATERIALIZED (SELECT coalesce($2::timestamptz, ${STAMP}) AS stored),
  ins AS (
    INSERT INTO statements (stored, id, verb_id, registration, voids_id, body, ref_verb_id)
    SELECT t.stored, x.id, x.verb_id, x.registration, x.voids_id, replace(x.body, chr(1), ${STORED_TEXT}), x.ref_verb_id
      FROM t, unnest($1::uuid[], $3::text[], $4::uuid[], $5::uuid[], $6::text[], $13::text[]) AS x(id, verb_id, registration, voids_id, body, ref_verb_id)
    RETURNING seq, id, stored
  ), ids AS (
    INSERT INTO statement_ids (id, stored, seq) SELECT ins.id, ins.stored, ins.seq FROM ins
  ), agents AS (
    INSERT INTO statement_agents (stored, seq, agent_key, direct)
    SELECT ins.stored, ins.seq, x.key, x.direct FROM unnest($7::uuid[], $8::text[], $9::boolean[]) AS x(id, key, direct) JOIN ins ON ins.id = x.id
  ), acts AS (
    INSERT INTO statement_activities (stored, seq, activity_id, direct)
    SELECT ins.stored, ins.seq, x.aid, x.direct FROM unnest($10::uuid[], $11::text[], $12::boolean[]) AS x(id, aid, direct) JOIN ins ON ins.id = x.id
  )${insertFacts('ins', 14)}`;

const MARK_VOIDED = `
  UPDATE statements s SET voided = true FROM statement_ids i
   WHERE i.id = ANY($1::uuid[]) AND s.stored = i.stored AND s.seq = i.seq`;

// Language maps (name, description) merge per language; other properties take the newer value.
const merged = (current: string, incoming: string): string => `
    ${current}::jsonb || ${incoming}::jsonb || jsonb_strip_nulls(jsonb_build_object(
      'name', (${current}::jsonb -> 'name') || (${incoming}::jsonb -> 'name'),
      'description', (${current}::jsonb -> 'description') || (${incoming}::jsonb -> 'description')))`;
const MERGED_DEFINITION = merged('activities.definition', 'EXCLUDED.definition');
// A definition that changes nothing (every statement of a module repeats the module's) is left
// out before the upsert: ON CONFLICT would lock its row even to change nothing, a WAL record
// and, for concurrent writers of one module, a wait for each other's commit. (The ids are in
// order; the rows kept stay in it, so row locks are still taken in id order. A subquery per row,
// not NOT EXISTS: the plan prepared once would hash every activity for each write.)
const UPSERT_DEFINITIONS = `
  INSERT INTO activities (id, definition)
  SELECT x.id, x.definition FROM unnest($1::text[], $2::text[]) AS x(id, definition)
   WHERE (SELECT a.definition::jsonb = (${merged('a.definition', 'x.definition')}) FROM activities a WHERE a.id = x.id) IS NOT TRUE
  ON CONFLICT (id) DO UPDATE SET definition = (${MERGED_DEFINITION})::text
  WHERE activities.definition::jsonb IS DISTINCT FROM (${MERGED_DEFINITION})`;

/** The first re-preparation of a connection's statements, after this many writes (then at each doubling). */
export const REPLAN_FIRST = 64;

/** How long requests wait for the open group before they start one of their own beside it. */
export const OVERLAP_AFTER_MS = 5;

export class StatementWriter {
  private queue: Pending[] = [];
  private inFlight = 0;
  /** Statement ids of the groups being written, with how many hold each. */
  private readonly writing = new Map<string, number>();
  private overlapTimer: NodeJS.Timeout | undefined;
  private overlapDue = false;
  /** Names of the statements prepared on each writer connection (sql-step.ts). */
  private readonly prepared = new WeakMap<PoolClient, Set<string>>();
  /** Writes each writer connection has sent (its plans are made again as they double). */
  private readonly writes = new WeakMap<PoolClient, number>();
  /** Names and parameter types of the write statements, worked out once per text. */
  private readonly texts = new PreparedSteps();

  /**
   * @param pool the writer connections (pool.ts), whose open transactions readers see.
   * @param months months known to have partitions; the writer adds the ones it creates.
   * @param settled definitions merged lately, not checked again when repeated (settled-definitions.ts).
   * @param groupsInFlight transactions this writer keeps open at once (at most the pool's size).
   */
  constructor(
    private readonly pool: Pool,
    private readonly mergeDefinition: MergeDefinition,
    private readonly months: Set<string>,
    private readonly settled: SettledDefinitions,
    private readonly groupsInFlight = 4,
  ) {}

  write(rows: readonly StatementRow[], attachments: readonly AttachmentContent[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.queue.push({ rows, attachments, done: (e) => (e === undefined ? resolve() : reject(e)) });
      this.startGroups();
    });
  }

  /**
   * One group at a time gathers the most requests per transaction, and CPU, not the flush, is
   * what runs out first. But a group that stays open (a slow flush, a row lock another writer
   * holds) must not hold up the clients behind it: once requests have waited OVERLAP_AFTER_MS,
   * they form the next group on another connection. A request that shares a statement id with a
   * group still open waits for that group, and so does any later one sharing an id with it: of
   * two requests with one id, the first to arrive is stored and the other refused.
   */
  private startGroups(): void {
    if (this.queue.length === 0) return;
    if (this.inFlight > 0 && !this.overlapDue) {
      this.overlapTimer ??= setTimeout(() => {
        this.overlapTimer = undefined;
        this.overlapDue = true;
        this.startGroups();
        this.overlapDue = false;
      }, OVERLAP_AFTER_MS).unref();
      return;
    }
    if (this.inFlight >= this.groupsInFlight) return;
    const held = new Set(this.writing.keys());
    const group: Pending[] = [];
    const waiting: Pending[] = [];
    for (const p of this.queue) {
      if (p.rows.some((r) => held.has(r.id))) {
        waiting.push(p);
        for (const r of p.rows) held.add(r.id);
      } else group.push(p);
    }
    this.queue = waiting;
    if (group.length === 0) return;
    const ids = group.flatMap((p) => p.rows.map((r) => r.id));
    for (const id of ids) this.writing.set(id, (this.writing.get(id) ?? 0) + 1);
    this.inFlight++;
    void this.commitGroup(group).then((outcomes) => {
      for (const id of ids) {
        const n = this.writing.get(id)! - 1;
        if (n === 0) this.writing.delete(id);
        else this.writing.set(id, n);
      }
      this.inFlight--;
      // The next group goes to PostgreSQL before this one is answered. Answered first, its
      // requests' HTTP answers (a socket write each) ran before the next group's connection was
      // handed out, and PostgreSQL waited for them: 0.15–0.25 ms of each 0.7 ms cycle with four
      // single-statement clients. The next group is built and sent in this turn's microtasks; the
      // answers follow in the same turn of the event loop (measured: 0.06–0.09 ms between
      // groups instead of 0.15–0.25; docs/scale.md).
      this.startGroups();
      setImmediate(() => group.forEach((p, i) => p.done(outcomes[i])));
    });
  }

  /** Writes the group; what each request's write came to (undefined: committed). Never rejects. */
  private async commitGroup(group: readonly Pending[]): Promise<unknown[]> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (e) {
      return group.map(() => e);
    }
    try {
      try {
        await this.commitAtOnce(client, group);
        return group.map(() => undefined);
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        if (group.length === 1) return [e];
      }
      // Retry the group with one savepoint per request.
      const outcomes: unknown[] = [];
      const merged: ReadonlyMap<string, string>[] = [];
      try {
        const created = await this.begin(client);
        for (const p of group) {
          await client.query('SAVEPOINT one_request');
          try {
            merged.push(await this.writeRows(client, created.stamp, p.rows, p.attachments));
            await client.query('RELEASE SAVEPOINT one_request');
            outcomes.push(undefined);
          } catch (e) {
            await client.query('ROLLBACK TO SAVEPOINT one_request');
            outcomes.push(e ?? new Error('insert failed'));
          }
        }
        await client.query('COMMIT');
        this.learn(created.months);
        for (const definitions of merged) this.settle(definitions);
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        return group.map(() => e);
      }
      return outcomes;
    } finally {
      client.release();
    }
  }

  /**
   * The group in one transaction. Usually one round trip, BEGIN to COMMIT, the database
   * stamping the rows as it inserts them, each statement prepared once per connection and
   * executed with its values written in (measured: 0.8 instead of 1.2 ms of PostgreSQL CPU for a
   * single statement's transaction, the parse and plan of the whole text saved). The stamp is taken first, in a round trip of its own,
   * only when the JavaScript side needs its value: a statement without a timestamp (its
   * report fact is dated by stored), or a month this node has not seen partitions for.
   */
  private async commitAtOnce(client: PoolClient, group: readonly Pending[]): Promise<void> {
    const rows = group.flatMap((p) => p.rows);
    const attachments = group.flatMap((p) => p.attachments);
    const month = monthOf(Date.now());
    if (this.months.has(month) && this.months.has(nextMonth(month)) && !rows.some((r) => r.timestampFromStored)) {
      const { steps, definitions } = this.groupWrites(undefined, rows, attachments);
      await this.prepare(client, steps);
      await client.query(['BEGIN', ...steps.map((s) => this.texts.executed(s)), 'COMMIT'].join(';\n'));
      this.settle(definitions);
      return;
    }
    const created = await this.begin(client);
    const { steps, definitions } = this.groupWrites(created.stamp, rows, attachments);
    await client.query([...steps.map(inlined), 'COMMIT'].join(';\n'));
    this.learn(created.months);
    this.settle(definitions);
  }

  private settle(definitions: ReadonlyMap<string, string>): void {
    for (const [id, text] of definitions) this.settled.settle(id, text);
  }

  /**
   * Prepares, once per connection, the statements of these steps it has not prepared yet; and
   * prepares them all again each time the connection's writes double (after 64, 128, 256, …).
   * PostgreSQL keeps a prepared statement's generic plan, made from the tables' sizes when it
   * was made: on a new store that is when statement_ids is empty, and the report facts' join to
   * it stays a scan of the whole table, a longer one at every write, until an ANALYZE
   * invalidates the plan (never, when autovacuum is off or behind).
   */
  private async prepare(client: PoolClient, steps: readonly SqlStep[]): Promise<void> {
    let done = this.prepared.get(client);
    if (!done) this.prepared.set(client, (done = new Set()));
    const writes = (this.writes.get(client) ?? 0) + 1;
    this.writes.set(client, writes);
    if (writes >= REPLAN_FIRST && (writes & (writes - 1)) === 0 && done.size > 0) {
      await client.query('DEALLOCATE ALL');
      done.clear();
    }
    const missing = [...new Map(steps.map((s) => [this.texts.name(s), s])).entries()].filter(([name]) => !done.has(name));
    if (missing.length === 0) return;
    try {
      await client.query(missing.map(([, s]) => this.texts.preparation(s)).join(';\n'));
    } catch (e) {
      // Some may have been prepared before the failure: start this connection over.
      await client.query('DEALLOCATE ALL').catch(() => undefined);
      done.clear();
      throw e;
    }
    for (const [name] of missing) done.add(name);
  }

  /**
   * Begins the transaction and takes its stored time; creates the month's partitions (and the
   * next month's, ahead) inside it when this node has not seen them yet.
   */
  private async begin(client: PoolClient): Promise<{ stamp: Micros; months: string[] }> {
    const results = (await client.query(BEGIN_AND_STAMP)) as unknown as { rows: { us: string }[] }[];
    const stamp = BigInt(results[1]!.rows[0]!.us);
    const month = monthOf(Number(stamp / 1000n));
    const months = [month, nextMonth(month)];
    if (months.every((m) => this.months.has(m))) return { stamp, months: [] };
    await ensureMonths(client, months);
    return { stamp, months };
  }

  private learn(months: readonly string[]): void {
    for (const m of months) this.months.add(m);
  }

  /** The rows in steps of their own (inside a savepoint); the definitions they merge. */
  private async writeRows(c: PoolClient, stamp: Micros | undefined, rows: readonly StatementRow[], attachments: readonly AttachmentContent[]): Promise<ReadonlyMap<string, string>> {
    const { steps, definitions } = this.groupWrites(stamp, rows, attachments);
    for (const step of steps) await c.query(step.sql, step.params as unknown[]);
    return definitions;
  }

  /**
   * The statements that write rows stamped `stamp`, or by the database as they are inserted when
   * undefined: the rows with their index entries and report facts, voiding marks, attachments,
   * definitions (those not merged lately already, settled-definitions.ts).
   */
  private groupWrites(stamp: Micros | undefined, input: readonly StatementRow[], attachments: readonly AttachmentContent[]): GroupWrites {
    const rows = stamp === undefined ? input.map(markedForStamp) : input.map((r) => stamped(r, storedIso(stamp)));
    const agentIds: string[] = [], agentKeys: string[] = [], agentDirect: boolean[] = [];
    const actIds: string[] = [], actKeys: string[] = [], actDirect: boolean[] = [];
    for (const r of rows) {
      const agents = new Map<string, boolean>();
      for (const a of r.agents) agents.set(a.key, (agents.get(a.key) ?? false) || a.direct);
      for (const [key, direct] of agents) {
        agentIds.push(r.id);
        agentKeys.push(key);
        agentDirect.push(direct);
      }
      const acts = new Map<string, boolean>();
      for (const a of r.activities) acts.set(a.id, (acts.get(a.id) ?? false) || a.direct);
      for (const [id, direct] of acts) {
        actIds.push(r.id);
        actKeys.push(id);
        actDirect.push(direct);
      }
    }
    const steps: SqlStep[] = [
      {
        sql: INSERT_ROWS,
        params: [
          rows.map((r) => r.id),
          stamp === undefined ? null : microsIso(stamp),
          rows.map((r) => r.verbId),
          rows.map((r) => r.registration ?? null),
          rows.map((r) => r.voidsId ?? null),
          rows.map((r) => r.body),
          agentIds, agentKeys, agentDirect,
          actIds, actKeys, actDirect,
          rows.map((r) => r.refVerbId ?? null),
          // The report's facts (report-facts.ts), in the rows' statement.
          ...factColumns(rows),
        ],
      },
    ];
    // Row locks in id order (voiding marks, attachments, definitions): two writers touching the same rows
    // take them in the same order and never deadlock, now that no lock serialises them.
    const voided = rows.map((r) => r.voidsId).filter((v): v is string => v !== undefined).sort();
    if (voided.length) steps.push({ sql: MARK_VOIDED, params: [voided] });
    const contents = attachmentContentsStep(attachments);
    if (contents) steps.push(contents);
    const listing = attachmentListingStep(rows);
    if (listing) steps.push(listing);
    // Several rows of one transaction may define the same activity: merge them first.
    const incoming = new Map<string, Record<string, unknown>>();
    for (const r of rows) for (const d of r.definitions ?? []) incoming.set(d.id, this.mergeDefinition(incoming.get(d.id), d.definition));
    const definitions = new Map<string, string>();
    for (const [id, definition] of incoming) {
      const text = JSON.stringify(definition);
      if (!this.settled.settled(id, text)) definitions.set(id, text);
    }
    if (definitions.size) {
      const ids = [...definitions.keys()].sort();
      steps.push({ sql: UPSERT_DEFINITIONS, params: [ids, ids.map((id) => definitions.get(id)!)] });
    }
    return { steps, definitions };
  }
}
