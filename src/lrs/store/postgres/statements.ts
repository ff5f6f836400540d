/**
 * Statement rows in PostgreSQL: insert in one transaction per request, lookups by id, and the
 * filtered query with a cursor on the stored order (seq).
 */
import type { Pool, PoolClient } from 'pg';
import type { AttachmentContent } from '../../service/attachments.js';
import type { StatementPage, StatementQuery, StatementRow } from '../store.js';

export type MergeDefinition = (current: Record<string, unknown> | undefined, incoming: Record<string, unknown>) => Record<string, unknown>;

async function inTransaction<T>(pool: Pool, work: (c: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

export class PostgresStatements {
  constructor(
    private readonly pool: Pool,
    private readonly mergeDefinition: MergeDefinition,
  ) {}

  /**
   * Stores the rows and attachments atomically. Writers take one advisory lock so seq order is
   * commit order: a reader paging upwards never skips a row that commits late.
   */
  async insert(rows: readonly StatementRow[], attachments: readonly AttachmentContent[]): Promise<void> {
    if (rows.length === 0) return;
    await inTransaction(this.pool, async (c) => {
      await c.query('SELECT pg_advisory_xact_lock(7201)');
      const seqs = await c.query<{ seq: string }>(
        `INSERT INTO statements (id, stored, stored_text, verb_id, registration, voids_id, body)
         SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::uuid[], $6::uuid[], $7::text[])
         RETURNING seq`,
        [
          rows.map((r) => r.id),
          rows.map((r) => r.stored),
          rows.map((r) => r.stored),
          rows.map((r) => r.verbId),
          rows.map((r) => r.registration ?? null),
          rows.map((r) => r.voidsId ?? null),
          rows.map((r) => r.body),
        ],
      );
      const agentSeq: string[] = [];
      const agentKey: string[] = [];
      const agentDirect: boolean[] = [];
      const actSeq: string[] = [];
      const actId: string[] = [];
      const actDirect: boolean[] = [];
      rows.forEach((r, i) => {
        const seq = seqs.rows[i]!.seq;
        const agents = new Map<string, boolean>();
        for (const a of r.agents) agents.set(a.key, (agents.get(a.key) ?? false) || a.direct);
        for (const [key, direct] of agents) agentSeq.push(seq), agentKey.push(key), agentDirect.push(direct);
        const acts = new Map<string, boolean>();
        for (const a of r.activities) acts.set(a.id, (acts.get(a.id) ?? false) || a.direct);
        for (const [id, direct] of acts) actSeq.push(seq), actId.push(id), actDirect.push(direct);
      });
      if (agentSeq.length) {
        await c.query('INSERT INTO statement_agents (seq, agent_key, direct) SELECT * FROM unnest($1::bigint[], $2::text[], $3::boolean[])', [agentSeq, agentKey, agentDirect]);
      }
      if (actSeq.length) {
        await c.query('INSERT INTO statement_activities (seq, activity_id, direct) SELECT * FROM unnest($1::bigint[], $2::text[], $3::boolean[])', [actSeq, actId, actDirect]);
      }
      const voided = rows.map((r) => r.voidsId).filter((v): v is string => v !== undefined);
      if (voided.length) await c.query('UPDATE statements SET voided = true WHERE id = ANY($1::uuid[])', [voided]);
      for (const a of attachments) {
        await c.query('INSERT INTO attachments (sha2, content_type, content) VALUES ($1, $2, $3) ON CONFLICT (sha2) DO NOTHING', [a.sha2, a.contentType, a.content]);
      }
      await this.updateDefinitions(c, rows);
    });
  }

  private async updateDefinitions(c: PoolClient, rows: readonly StatementRow[]): Promise<void> {
    const incoming = new Map<string, Record<string, unknown>>();
    for (const r of rows) for (const d of r.definitions ?? []) incoming.set(d.id, this.mergeDefinition(incoming.get(d.id), d.definition));
    if (incoming.size === 0) return;
    const ids = [...incoming.keys()];
    const { rows: current } = await c.query<{ id: string; definition: string }>('SELECT id, definition FROM activities WHERE id = ANY($1::text[]) FOR UPDATE', [ids]);
    const known = new Map(current.map((r) => [r.id, JSON.parse(r.definition) as Record<string, unknown>]));
    const defs = ids.map((id) => JSON.stringify(this.mergeDefinition(known.get(id), incoming.get(id)!)));
    await c.query(
      `INSERT INTO activities (id, definition) SELECT * FROM unnest($1::text[], $2::text[])
       ON CONFLICT (id) DO UPDATE SET definition = EXCLUDED.definition`,
      [ids, defs],
    );
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
    if (q.agentKey !== undefined) {
      where.push(`EXISTS (SELECT 1 FROM statement_agents a WHERE a.seq = s.seq AND a.agent_key = ${param(q.agentKey)}${q.relatedAgents ? '' : ' AND a.direct'})`);
    }
    if (q.activityId !== undefined) {
      where.push(`EXISTS (SELECT 1 FROM statement_activities t WHERE t.seq = s.seq AND t.activity_id = ${param(q.activityId)}${q.relatedActivities ? '' : ' AND t.direct'})`);
    }
    if (q.verbId !== undefined) where.push(`s.verb_id = ${param(q.verbId)}`);
    if (q.registration !== undefined) where.push(`s.registration = ${param(q.registration)}::uuid`);
    if (q.since !== undefined) where.push(`s.stored > ${param(q.since)}::timestamptz`);
    if (q.until !== undefined) where.push(`s.stored <= ${param(q.until)}::timestamptz`);
    const asc = q.ascending === true;
    if (q.after !== undefined) where.push(`s.seq ${asc ? '>' : '<'} ${param(q.after)}`);
    const sql = `SELECT s.seq, s.body FROM statements s WHERE ${where.join(' AND ')} ORDER BY s.seq ${asc ? 'ASC' : 'DESC'} LIMIT ${param(q.limit + 1)}`;
    const { rows } = await this.pool.query<{ seq: string; body: string }>(sql, params);
    const more = rows.length > q.limit;
    const page = more ? rows.slice(0, q.limit) : rows;
    const last = page.length ? Number(page[page.length - 1]!.seq) : undefined;
    return { bodies: page.map((r) => r.body), ...(last !== undefined ? { last } : {}), more, head };
  }
}
