/**
 * Statement rows in PostgreSQL: writes through StatementWriter (group commit), lookups by id
 * (through statement_ids, which names the row's month), and the filtered query in stored order
 * with a cursor (stored, seq) below the consistency horizon (horizon.ts).
 */
import type { Pool } from 'pg';
import type { AttachmentContent } from '../../protocol/index.js';
import type { StatementPage, StatementQuery, StatementRow } from '../store.js';
import { consistentThroughIso, microsIso, readHorizon, type Micros } from './horizon.js';
import { StatementWriter } from './statement-writer.js';
import type { SettledDefinitions } from './settled-definitions.js';
import type { MergeDefinition } from './statement-writer.js';

/** A row's place in the stored order: stored (µs) and seq, as the cursor "us:seq". */
interface Position {
  readonly us: Micros;
  readonly seq: bigint;
}

const CURSOR = /^(\d{1,20}):(\d{1,20})$/;

function position(cursor: string): Position {
  const m = CURSOR.exec(cursor);
  if (!m) throw new Error(`not a statement cursor of this store: ${cursor}`);
  return { us: BigInt(m[1]!), seq: BigInt(m[2]!) };
}

function bound(head: string): Micros {
  if (!/^\d{1,20}$/.test(head)) throw new Error(`not a statement bound of this store: ${head}`);
  return BigInt(head);
}

/** The latest position: every row (everyCommitted queries). */
const NO_BOUND = 'infinity';

export class PostgresStatements {
  private readonly writer: StatementWriter;

  constructor(
    private readonly pool: Pool,
    writers: Pool,
    private readonly schema: string,
    mergeDefinition: MergeDefinition,
    months: Set<string>,
    settled: SettledDefinitions,
  ) {
    // One open group per writer connection: a group waiting for a connection gathers nothing more.
    this.writer = new StatementWriter(writers, mergeDefinition, months, settled, writers.options.max ?? 1);
  }

  /** Stores the rows and attachments atomically; resolves after COMMIT (group commit). */
  insert(rows: readonly StatementRow[], attachments: readonly AttachmentContent[]): Promise<void> {
    return this.writer.write(rows, attachments);
  }

  /** Bodies of the statements with these ids (voided or not), keyed by id: every committed row. */
  async byIds(ids: readonly string[]): Promise<Map<string, { body: string; voided: boolean }>> {
    const out = new Map<string, { body: string; voided: boolean }>();
    if (ids.length === 0) return out;
    const { rows } = await this.pool.query<{ id: string; body: string; voided: boolean }>(
      `SELECT i.id::text AS id, s.body, s.voided FROM statement_ids i
         JOIN statements s ON s.stored = i.stored AND s.seq = i.seq
        WHERE i.id = ANY($1::uuid[])`,
      [ids],
    );
    for (const r of rows) out.set(r.id, { body: r.body, voided: r.voided });
    return out;
  }

  async attachments(sha2s: readonly string[]): Promise<AttachmentContent[]> {
    if (sha2s.length === 0) return [];
    const { rows } = await this.pool.query<{ sha2: string; content_type: string; content: Buffer }>(
      'SELECT sha2, content_type, content FROM attachments WHERE sha2 = ANY($1::text[])',
      [sha2s],
    );
    return rows.map((r) => ({ sha2: r.sha2, contentType: r.content_type, content: r.content }));
  }

  horizon(): Promise<Micros> {
    return readHorizon(this.pool, this.schema);
  }

  /**
   * Non-voided statements matching every given filter, newest first unless ascending. The
   * first page reads the horizon, then the rows in a second statement (its snapshot must come
   * after the horizon was read); later pages keep the first page's horizon.
   */
  async query(q: StatementQuery): Promise<StatementPage> {
    let head: string;
    let through: string | undefined;
    if (q.atMost !== undefined) head = q.atMost;
    else if (q.everyCommitted) head = NO_BOUND;
    else {
      const h = await this.horizon();
      head = String(h);
      through = consistentThroughIso(h);
    }
    const params: unknown[] = [];
    const param = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    // The index the query reads in (stored, seq) order is the most selective filter's: a
    // registration (one attempt; the cmi5 rules ask for a registration and its AU on every
    // launch statement), else the agent, else the activity, else the statements themselves.
    // The other filters are checked on each row.
    let from = 'statements s';
    let k = 's';
    const where: string[] = ['s.voided = false'];
    const byRegistration = q.registration !== undefined;
    if (q.agentKey !== undefined) {
      const agentMatch = (t: string) => `${t}.agent_key = ${param(q.agentKey)}${q.relatedAgents ? '' : ` AND ${t}.direct`}`;
      if (byRegistration) where.push(`EXISTS (SELECT 1 FROM statement_agents a WHERE a.stored = s.stored AND a.seq = s.seq AND ${agentMatch('a')})`);
      else {
        from = 'statement_agents a JOIN statements s ON s.stored = a.stored AND s.seq = a.seq';
        k = 'a';
        where.push(agentMatch('a'));
      }
    }
    if (q.activityId !== undefined) {
      const activityMatch = (t: string) => `${t}.activity_id = ${param(q.activityId)}${q.relatedActivities ? '' : ` AND ${t}.direct`}`;
      if (byRegistration || q.agentKey !== undefined) where.push(`EXISTS (SELECT 1 FROM statement_activities t WHERE t.stored = s.stored AND t.seq = s.seq AND ${activityMatch('t')})`);
      else {
        from = 'statement_activities t JOIN statements s ON s.stored = t.stored AND s.seq = t.seq';
        k = 't';
        where.push(activityMatch('t'));
      }
    }
    if (head !== NO_BOUND) where.push(`${k}.stored <= ${param(microsIso(bound(head)))}::timestamptz`);
    if (q.registration !== undefined) where.push(`s.registration = ${param(q.registration)}::uuid`);
    // since/until are milliseconds, as xAPI shows stored: stored > since and stored <= until on
    // the shown value are these bounds on the exact one.
    if (q.since !== undefined) where.push(`${k}.stored >= ${param(q.since)}::timestamptz + interval '1 millisecond'`);
    if (q.until !== undefined) where.push(`${k}.stored < ${param(q.until)}::timestamptz + interval '1 millisecond'`);
    const asc = q.ascending === true;
    if (q.after !== undefined) {
      const p = position(q.after);
      where.push(`(${k}.stored, ${k}.seq) ${asc ? '>' : '<'} (${param(microsIso(p.us))}::timestamptz, ${param(String(p.seq))}::bigint)`);
    }
    const dir = asc ? 'ASC' : 'DESC';
    const order = `${k}.stored ${dir}, ${k}.seq ${dir}`;
    const limit = param(q.limit + 1);
    const columns = `(extract(epoch FROM s.stored) * 1000000)::bigint AS us, s.stored, s.seq, s.body`;
    let sql = `SELECT ${columns} FROM ${from} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${limit}`;
    if (q.verbId !== undefined) {
      // Own verb or the referenced statement's verb: two arms, each reading its index in stored
      // order, merged. A plain OR makes the planner sort every match of a common verb.
      const v = param(q.verbId);
      const arm = (column: string) => `(SELECT ${columns} FROM ${from} WHERE ${[...where, `s.${column} = ${v}`].join(' AND ')} ORDER BY ${order} LIMIT ${limit})`;
      sql = `${arm('verb_id')} UNION ${arm('ref_verb_id')} ORDER BY stored ${dir}, seq ${dir} LIMIT ${limit}`;
    }
    const { rows } = await this.pool.query<{ us: string; seq: string; body: string }>(sql, params);
    const more = rows.length > q.limit;
    const page = more ? rows.slice(0, q.limit) : rows;
    const lastRow = page[page.length - 1];
    return {
      bodies: page.map((r) => r.body),
      ...(lastRow ? { last: `${lastRow.us}:${lastRow.seq}` } : {}),
      more,
      head,
      ...(through !== undefined ? { consistentThrough: through } : {}),
    };
  }
}
