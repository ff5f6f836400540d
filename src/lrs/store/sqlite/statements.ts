/**
 * Statement reads in SQLite: lookups by id, attachments, activity definitions and the filtered
 * query with a cursor on seq (statement-writer.ts writes the rows; seq order is commit order).
 */
import type { Database, Statement } from 'better-sqlite3';
import type { AttachmentContent } from '../../protocol/index.js';
import type { StatementPage, StatementQuery, StoredStatement } from '../store.js';

const ACTIVITY_ID = '(SELECT id FROM activity_keys WHERE activity_id = ?)';

export class SqliteStatements {
  private readonly getDefinition: Statement<unknown[], { definition: string }>;
  private readonly byId: Statement<unknown[], { body: string; voided: number }>;
  private readonly headSeq: Statement<unknown[], { head: number | null }>;
  private readonly attachmentBySha: Statement<unknown[], { sha2: string; content_type: string; content: Buffer }>;
  private readonly queries = new Map<string, Statement<unknown[], { seq: number; body: string }>>();

  constructor(private readonly db: Database) {
    this.getDefinition = db.prepare('SELECT definition FROM activities WHERE id = ?');
    this.byId = db.prepare('SELECT body, voided FROM statements WHERE id = ?');
    this.headSeq = db.prepare('SELECT max(seq) AS head FROM statements');
    this.attachmentBySha = db.prepare('SELECT sha2, content_type, content FROM attachments WHERE sha2 = ?');
  }

  byIds(ids: readonly string[]): Map<string, StoredStatement> {
    const out = new Map<string, StoredStatement>();
    for (const id of ids) {
      const r = this.byId.get(id);
      if (r) out.set(id, { body: r.body, voided: r.voided === 1 });
    }
    return out;
  }

  head(): number {
    return this.headSeq.get()?.head ?? 0;
  }

  attachments(sha2s: readonly string[]): AttachmentContent[] {
    const out: AttachmentContent[] = [];
    for (const sha of sha2s) {
      const r = this.attachmentBySha.get(sha);
      if (r) out.push({ sha2: r.sha2, contentType: r.content_type, content: r.content });
    }
    return out;
  }

  activityDefinition(id: string): Record<string, unknown> | undefined {
    const r = this.getDefinition.get(id);
    return r ? (JSON.parse(r.definition) as Record<string, unknown>) : undefined;
  }

  /**
   * The agent or activity filter drives the query from its index table (ordered by seq within a
   * key); other filters are checked on the statement row.
   */
  query(q: StatementQuery): StatementPage {
    // One writer: seq order is commit order, so the cursor and the bound are plain seqs.
    const head = q.atMost !== undefined ? seqOf(q.atMost) : this.head();
    const asc = q.ascending === true;
    const params: unknown[] = [];
    const where: string[] = ['s.voided = 0', 's.seq <= ?'];
    params.push(head);
    let from = 'statements s';
    let order = 's.seq';
    if (q.agentKey !== undefined) {
      from = 'statement_agent_ids a JOIN statements s ON s.seq = a.seq';
      order = 'a.seq';
      where.push('a.agent = (SELECT id FROM agent_keys WHERE key = ?)');
      params.push(q.agentKey);
      if (!q.relatedAgents) where.push('a.direct = 1');
    }
    if (q.activityId !== undefined) {
      if (q.agentKey === undefined) {
        from = 'statement_activity_ids t JOIN statements s ON s.seq = t.seq';
        order = 't.seq';
        where.push(`t.activity = ${ACTIVITY_ID}`);
      } else {
        where.push(`EXISTS (SELECT 1 FROM statement_activity_ids t WHERE t.activity = ${ACTIVITY_ID} AND t.seq = s.seq${q.relatedActivities ? '' : ' AND t.direct = 1'})`);
      }
      params.push(q.activityId);
      if (q.agentKey === undefined && !q.relatedActivities) where.push('t.direct = 1');
    }
    if (q.registration !== undefined) {
      where.push('s.registration = ?');
      params.push(q.registration);
    }
    if (q.since !== undefined) {
      where.push('s.stored > ?');
      params.push(q.since);
    }
    if (q.until !== undefined) {
      where.push('s.stored <= ?');
      params.push(q.until);
    }
    if (q.after !== undefined) {
      where.push(`${order} ${asc ? '>' : '<'} ?`);
      params.push(seqOf(q.after));
    }
    const dir = asc ? 'ASC' : 'DESC';
    let sql = `SELECT s.seq AS seq, s.body AS body FROM ${from} WHERE ${where.join(' AND ')} ORDER BY ${order} ${dir} LIMIT ?`;
    if (q.verbId === undefined) params.push(q.limit + 1);
    else {
      // The verb matches the statement's own verb or the verb of the statement it references.
      // "verb_id = ? OR ref_verb_id = ?" makes SQLite sort every match (seconds at 1M rows); two
      // arms that each read one index in seq order, merged, stay at a page's worth of rows.
      const arm = (column: string) =>
        `SELECT * FROM (SELECT s.seq AS seq, s.body AS body FROM ${from} WHERE ${[...where, `s.${column} = ?`].join(' AND ')} ORDER BY ${order} ${dir} LIMIT ?)`;
      sql = `${arm('verb_id')} UNION ${arm('ref_verb_id')} ORDER BY seq ${dir} LIMIT ?`;
      const base = [...params];
      params.push(q.verbId, q.limit + 1, ...base, q.verbId, q.limit + 1, q.limit + 1);
    }
    let stmt = this.queries.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.queries.set(sql, stmt);
    }
    const rows = stmt.all(...params);
    const more = rows.length > q.limit;
    const page = more ? rows.slice(0, q.limit) : rows;
    const last = page.length ? String(page[page.length - 1]!.seq) : undefined;
    return { bodies: page.map((r) => r.body), ...(last !== undefined ? { last } : {}), more, head: String(head) };
  }
}

/** A cursor this store handed out; anything else is refused rather than read as 0. */
function seqOf(cursor: string): number {
  const n = Number(cursor);
  if (!/^\d+$/.test(cursor) || !Number.isSafeInteger(n)) throw new Error(`not a statement cursor of this store: ${cursor}`);
  return n;
}
