/**
 * Statement rows in PostgreSQL: writes through StatementWriter (group commit), lookups by id, and the
 * filtered query with a cursor on the stored order (seq).
 */
import type { Pool } from 'pg';
import type { AttachmentContent } from '../../protocol/index.js';
import type { StatementPage, StatementQuery, StatementRow } from '../store.js';
import { StatementWriter } from './statement-writer.js';
import type { MergeDefinition } from './statement-writer.js';

export class PostgresStatements {
  private readonly writer: StatementWriter;

  constructor(
    private readonly pool: Pool,
    mergeDefinition: MergeDefinition,
  ) {
    this.writer = new StatementWriter(pool, mergeDefinition);
  }

  /** Stores the rows and attachments atomically; resolves after COMMIT (group commit). */
  insert(rows: readonly StatementRow[], attachments: readonly AttachmentContent[]): Promise<void> {
    return this.writer.write(rows, attachments);
  }

  /** Bodies of the statements with these ids (voided or not), keyed by id. */
  async byIds(ids: readonly string[]): Promise<Map<string, { body: string; voided: boolean }>> {
    const out = new Map<string, { body: string; voided: boolean }>();
    if (ids.length === 0) return out;
    const { rows } = await this.pool.query<{ id: string; body: string; voided: boolean }>(
      'SELECT id::text AS id, body, voided FROM statements WHERE id = ANY($1::uuid[])',
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

  async head(): Promise<number> {
    const { rows } = await this.pool.query<{ head: string | null }>('SELECT max(seq) AS head FROM statements');
    return Number(rows[0]?.head ?? 0);
  }

  /** Non-voided statements matching every given filter, newest first unless ascending. */
  async query(q: StatementQuery): Promise<StatementPage> {
    const head = q.atMost ?? (await this.head());
    const where: string[] = ['s.voided = false', `s.seq <= $1`];
    const params: unknown[] = [head];
    const param = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    // Drive the query from the agent index when filtering by agent: it is the most selective.
    let from = 'statements s';
    if (q.agentKey !== undefined) {
      from = 'statement_agents a JOIN statements s ON s.seq = a.seq';
      where.push(`a.agent_key = ${param(q.agentKey)}`);
      if (!q.relatedAgents) where.push('a.direct');
    }
    if (q.activityId !== undefined) {
      where.push(`EXISTS (SELECT 1 FROM statement_activities t WHERE t.seq = s.seq AND t.activity_id = ${param(q.activityId)}${q.relatedActivities ? '' : ' AND t.direct'})`);
    }
    if (q.registration !== undefined) where.push(`s.registration = ${param(q.registration)}::uuid`);
    if (q.since !== undefined) where.push(`s.stored > ${param(q.since)}::timestamptz`);
    if (q.until !== undefined) where.push(`s.stored <= ${param(q.until)}::timestamptz`);
    const asc = q.ascending === true;
    if (q.after !== undefined) where.push(`s.seq ${asc ? '>' : '<'} ${param(q.after)}`);
    const order = `${q.agentKey !== undefined ? 'a.seq' : 's.seq'} ${asc ? 'ASC' : 'DESC'}`;
    const limit = param(q.limit + 1);
    let sql = `SELECT s.seq, s.body FROM ${from} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${limit}`;
    if (q.verbId !== undefined) {
      // Own verb or the referenced statement's verb: two arms, each reading its index in seq
      // order, merged. A plain OR makes the planner sort every match of a common verb.
      const v = param(q.verbId);
      const arm = (column: string) => `(SELECT s.seq, s.body FROM ${from} WHERE ${[...where, `s.${column} = ${v}`].join(' AND ')} ORDER BY ${order} LIMIT ${limit})`;
      sql = `${arm('verb_id')} UNION ${arm('ref_verb_id')} ORDER BY seq ${asc ? 'ASC' : 'DESC'} LIMIT ${limit}`;
    }
    const { rows } = await this.pool.query<{ seq: string; body: string }>(sql, params);
    const more = rows.length > q.limit;
    const page = more ? rows.slice(0, q.limit) : rows;
    const last = page.length ? Number(page[page.length - 1]!.seq) : undefined;
    return { bodies: page.map((r) => r.body), ...(last !== undefined ? { last } : {}), more, head };
  }
}
