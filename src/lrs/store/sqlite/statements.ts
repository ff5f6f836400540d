/**
 * Statement rows in SQLite: one savepoint per request inside a group-commit transaction (rows, agent/activity index rows, voiding
 * marks, attachments, merged activity definitions), lookups by id, and the filtered query with a
 * cursor on seq. better-sqlite3 is synchronous, so seq order is commit order.
 */
import type { Database, Statement, Transaction } from 'better-sqlite3';
import type { AttachmentContent } from '../../service/attachments.js';
import type { StatementPage, StatementQuery, StatementRow, StoredStatement } from '../store.js';

export type MergeDefinition = (current: Record<string, unknown> | undefined, incoming: Record<string, unknown>) => Record<string, unknown>;

interface PendingInsert {
  readonly rows: readonly StatementRow[];
  readonly attachments: readonly AttachmentContent[];
  readonly done: (error: unknown) => void;
}

export class SqliteStatements {
  private readonly insertRow: Statement;
  private readonly insertAgent: Statement;
  private readonly insertActivity: Statement;
  private readonly voidRow: Statement;
  private readonly insertAttachment: Statement;
  private readonly getDefinition: Statement<unknown[], { definition: string }>;
  private readonly putDefinition: Statement;
  private readonly byId: Statement<unknown[], { body: string; voided: number }>;
  private readonly headSeq: Statement<unknown[], { head: number | null }>;
  private readonly attachmentBySha: Statement<unknown[], { sha2: string; content_type: string; content: Buffer }>;
  private readonly queries = new Map<string, Statement<unknown[], { seq: number; body: string }>>();
  private readonly insertAll: Transaction<(rows: readonly StatementRow[], attachments: readonly AttachmentContent[]) => void>;
  private readonly commitGroup: Transaction<(group: readonly PendingInsert[]) => unknown[]>;
  private pending: PendingInsert[] = [];

  constructor(
    private readonly db: Database,
    private readonly mergeDefinition: MergeDefinition,
  ) {
    this.insertRow = db.prepare('INSERT INTO statements (id, stored, verb_id, registration, voids_id, body, ref_verb_id) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.insertAgent = db.prepare('INSERT INTO statement_agents (agent_key, seq, direct) VALUES (?, ?, ?)');
    this.insertActivity = db.prepare('INSERT INTO statement_activities (activity_id, seq, direct) VALUES (?, ?, ?)');
    this.voidRow = db.prepare('UPDATE statements SET voided = 1 WHERE id = ?');
    this.insertAttachment = db.prepare('INSERT OR IGNORE INTO attachments (sha2, content_type, content) VALUES (?, ?, ?)');
    this.getDefinition = db.prepare('SELECT definition FROM activities WHERE id = ?');
    this.putDefinition = db.prepare('INSERT OR REPLACE INTO activities (id, definition) VALUES (?, ?)');
    this.byId = db.prepare('SELECT body, voided FROM statements WHERE id = ?');
    this.headSeq = db.prepare('SELECT max(seq) AS head FROM statements');
    this.attachmentBySha = db.prepare('SELECT sha2, content_type, content FROM attachments WHERE sha2 = ?');
    this.insertAll = db.transaction((rows: readonly StatementRow[], attachments: readonly AttachmentContent[]) => {
      for (const r of rows) {
        const seq = this.insertRow.run(r.id, r.stored, r.verbId, r.registration ?? null, r.voidsId ?? null, r.body, r.refVerbId ?? null).lastInsertRowid;
        const agents = new Map<string, boolean>();
        for (const a of r.agents) agents.set(a.key, (agents.get(a.key) ?? false) || a.direct);
        for (const [key, direct] of agents) this.insertAgent.run(key, seq, direct ? 1 : 0);
        const acts = new Map<string, boolean>();
        for (const a of r.activities) acts.set(a.id, (acts.get(a.id) ?? false) || a.direct);
        for (const [id, direct] of acts) this.insertActivity.run(id, seq, direct ? 1 : 0);
        if (r.voidsId) this.voidRow.run(r.voidsId);
        for (const d of r.definitions ?? []) {
          const current = this.getDefinition.get(d.id);
          const merged = this.mergeDefinition(current ? (JSON.parse(current.definition) as Record<string, unknown>) : undefined, d.definition);
          this.putDefinition.run(d.id, JSON.stringify(merged));
        }
      }
      for (const a of attachments) this.insertAttachment.run(a.sha2, a.contentType, a.content);
    });
    // Group commit: requests arriving together share one transaction, hence one fsync; each runs
    // in its own savepoint (a nested better-sqlite3 transaction), so a failing request (duplicate
    // id) rolls back alone. Without it every single-statement POST waits for its own fsync.
    this.commitGroup = db.transaction((group: readonly PendingInsert[]) =>
      group.map((p) => {
        try {
          this.insertAll(p.rows, p.attachments);
          return undefined;
        } catch (e) {
          return e ?? new Error('insert failed');
        }
      }),
    );
  }

  /** Resolves once the transaction holding these rows has committed. */
  insert(rows: readonly StatementRow[], attachments: readonly AttachmentContent[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.pending.push({ rows, attachments, done: (e) => (e === undefined ? resolve() : reject(e)) });
      if (this.pending.length === 1) setImmediate(() => this.flush());
    });
  }

  /** Stored time of the oldest row waiting for the group commit, if any. */
  oldestPendingStored(): string | undefined {
    let oldest: string | undefined;
    for (const p of this.pending) for (const r of p.rows) if (oldest === undefined || r.stored < oldest) oldest = r.stored;
    return oldest;
  }

  private flush(): void {
    const group = this.pending;
    this.pending = [];
    let outcomes: unknown[];
    try {
      outcomes = this.commitGroup.immediate(group);
    } catch (e) {
      // The commit itself failed (disk full, I/O error): nothing of the group is stored.
      for (const p of group) p.done(e ?? new Error('commit failed'));
      return;
    }
    group.forEach((p, i) => p.done(outcomes[i]));
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

  newestStored(): string | undefined {
    const r = this.db.prepare('SELECT stored FROM statements ORDER BY seq DESC LIMIT 1').get() as { stored: string } | undefined;
    return r?.stored;
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
    const head = q.atMost ?? this.head();
    const asc = q.ascending === true;
    const params: unknown[] = [];
    const where: string[] = ['s.voided = 0', 's.seq <= ?'];
    params.push(head);
    let from = 'statements s';
    let order = 's.seq';
    if (q.agentKey !== undefined) {
      from = 'statement_agents a JOIN statements s ON s.seq = a.seq';
      order = 'a.seq';
      where.push('a.agent_key = ?');
      params.push(q.agentKey);
      if (!q.relatedAgents) where.push('a.direct = 1');
    }
    if (q.activityId !== undefined) {
      if (q.agentKey === undefined) {
        from = 'statement_activities t JOIN statements s ON s.seq = t.seq';
        order = 't.seq';
        where.push('t.activity_id = ?');
      } else {
        where.push(`EXISTS (SELECT 1 FROM statement_activities t WHERE t.activity_id = ? AND t.seq = s.seq${q.relatedActivities ? '' : ' AND t.direct = 1'})`);
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
      params.push(q.after);
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
    const last = page.length ? page[page.length - 1]!.seq : undefined;
    return { bodies: page.map((r) => r.body), ...(last !== undefined ? { last } : {}), more, head };
  }
}
