/** Statement rows in SQLite: one transaction per request, filtered queries on a seq cursor. */
import type { Database, Statement } from 'better-sqlite3';
import type { AttachmentContent } from '../../service/attachments.js';
import type { StatementPage, StatementQuery, StatementRow, StoredStatement } from '../store.js';

export const STATEMENTS_DDL = `
  CREATE TABLE IF NOT EXISTS statements (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    id            TEXT NOT NULL UNIQUE,
    stored        TEXT NOT NULL,
    verb_id       TEXT NOT NULL,
    registration  TEXT,
    voided        INTEGER NOT NULL DEFAULT 0,
    voids_id      TEXT,
    body          TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS statements_verb ON statements (verb_id, seq);
  CREATE INDEX IF NOT EXISTS statements_registration ON statements (registration, seq) WHERE registration IS NOT NULL;
  CREATE INDEX IF NOT EXISTS statements_stored ON statements (stored, seq);
  CREATE TABLE IF NOT EXISTS statement_agents (
    agent_key  TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    direct     INTEGER NOT NULL,
    PRIMARY KEY (agent_key, seq)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS statement_activities (
    activity_id  TEXT NOT NULL,
    seq          INTEGER NOT NULL,
    direct       INTEGER NOT NULL,
    PRIMARY KEY (activity_id, seq)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS attachments (
    sha2          TEXT PRIMARY KEY,
    content_type  TEXT NOT NULL,
    content       BLOB NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS activities (
    id          TEXT PRIMARY KEY,
    definition  TEXT NOT NULL
  ) WITHOUT ROWID;
`;

interface PendingInsert {
  readonly rows: readonly StatementRow[];
  readonly attachments: readonly AttachmentContent[];
  readonly done: (error: unknown) => void;
}

export type MergeDefinition = (current: Record<string, unknown> | undefined, incoming: Record<string, unknown>) => Record<string, unknown>;

export class SqliteStatements {
  private readonly insertRow: Statement;
  private readonly insertAgent: Statement;
  private readonly insertActivity: Statement;
  private readonly voidRow: Statement;
  private readonly insertAttachment: Statement;
  private readonly getDefinition: Statement<unknown[], { definition: string }>;
  private readonly putDefinition: Statement;
  private readonly byId: Statement<unknown[], { body: string; voided: number }>;
  private readonly headRow: Statement<unknown[], { seq: number | null; stored: string | null }>;
  private readonly attachment: Statement<unknown[], { sha2: string; content_type: string; content: Buffer }>;
  private readonly insertAll: (rows: readonly StatementRow[], attachments: readonly AttachmentContent[]) => void;
  private readonly commitGroup: (group: readonly PendingInsert[]) => (unknown | undefined)[];
  private pending: PendingInsert[] = [];
  private readonly queries = new Map<string, Statement<unknown[], { seq: number; body: string }>>();

  constructor(
    private readonly db: Database,
    private readonly mergeDefinition: MergeDefinition,
  ) {
    db.exec(STATEMENTS_DDL);
    this.insertRow = db.prepare('INSERT INTO statements (id, stored, verb_id, registration, voids_id, body) VALUES (?, ?, ?, ?, ?, ?)');
    this.insertAgent = db.prepare('INSERT OR IGNORE INTO statement_agents (agent_key, seq, direct) VALUES (?, ?, ?)');
    this.insertActivity = db.prepare('INSERT OR IGNORE INTO statement_activities (activity_id, seq, direct) VALUES (?, ?, ?)');
    this.voidRow = db.prepare('UPDATE statements SET voided = 1 WHERE id = ?');
    this.insertAttachment = db.prepare('INSERT OR IGNORE INTO attachments (sha2, content_type, content) VALUES (?, ?, ?)');
    this.getDefinition = db.prepare('SELECT definition FROM activities WHERE id = ?');
    this.putDefinition = db.prepare('INSERT INTO activities (id, definition) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET definition = excluded.definition');
    this.byId = db.prepare('SELECT body, voided FROM statements WHERE id = ?');
    this.headRow = db.prepare('SELECT seq, stored FROM statements ORDER BY seq DESC LIMIT 1');
    this.attachment = db.prepare('SELECT sha2, content_type, content FROM attachments WHERE sha2 = ?');
    this.insertAll = db.transaction((rows: readonly StatementRow[], attachments: readonly AttachmentContent[]) => {
      for (const r of rows) {
        const seq = this.insertRow.run(r.id, r.stored, r.verbId, r.registration ?? null, r.voidsId ?? null, r.body).lastInsertRowid;
        // An agent or activity met twice counts as direct if any occurrence is direct.
        for (const a of [...r.agents].sort((x, y) => Number(y.direct) - Number(x.direct))) this.insertAgent.run(a.key, seq, a.direct ? 1 : 0);
        for (const a of [...r.activities].sort((x, y) => Number(y.direct) - Number(x.direct))) this.insertActivity.run(a.id, seq, a.direct ? 1 : 0);
        if (r.voidsId !== undefined) this.voidRow.run(r.voidsId);
        for (const d of r.definitions ?? []) {
          const current = this.getDefinition.get(d.id);
          const merged = this.mergeDefinition(current ? (JSON.parse(current.definition) as Record<string, unknown>) : undefined, d.definition);
          this.putDefinition.run(d.id, JSON.stringify(merged));
        }
      }
      for (const a of attachments) this.insertAttachment.run(a.sha2, a.contentType, a.content);
    });
    // Group commit: the requests that arrived together share one transaction, hence one fsync;
    // each runs in its own savepoint (a nested better-sqlite3 transaction), so one request's
    // failure (a duplicate id) rolls back only that request.
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

  /** Resolves after the transaction holding these rows has committed (synchronous=FULL). */
  insert(rows: readonly StatementRow[], attachments: readonly AttachmentContent[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.pending.push({ rows, attachments, done: (e) => (e === undefined ? resolve() : reject(e)) });
      if (this.pending.length === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const group = this.pending;
    this.pending = [];
    let outcomes: (unknown | undefined)[];
    try {
      outcomes = this.commitGroup(group);
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

  attachments(sha2s: readonly string[]): AttachmentContent[] {
    return sha2s.flatMap((s) => {
      const r = this.attachment.get(s);
      return r ? [{ sha2: r.sha2, contentType: r.content_type, content: r.content }] : [];
    });
  }

  head(): { seq: number; stored: string | undefined } {
    const r = this.headRow.get();
    return { seq: r?.seq ?? 0, stored: r?.stored ?? undefined };
  }

  query(q: StatementQuery): StatementPage {
    const head = q.atMost ?? this.head().seq;
    const asc = q.ascending === true;
    const where: string[] = ['s.voided = 0', 's.seq <= @head'];
    let from = 'statements s';
    // Drive the query from the most selective index: the agent or activity table when filtered.
    if (q.agentKey !== undefined) {
      from = `statement_agents a JOIN statements s ON s.seq = a.seq`;
      where.push('a.agent_key = @agentKey');
      if (!q.relatedAgents) where.push('a.direct = 1');
    }
    if (q.activityId !== undefined) {
      where.push(`EXISTS (SELECT 1 FROM statement_activities t WHERE t.activity_id = @activityId AND t.seq = s.seq${q.relatedActivities ? '' : ' AND t.direct = 1'})`);
    }
    if (q.verbId !== undefined) where.push('s.verb_id = @verbId');
    if (q.registration !== undefined) where.push('s.registration = @registration');
    if (q.since !== undefined) where.push('s.stored > @since');
    if (q.until !== undefined) where.push('s.stored <= @until');
    if (q.after !== undefined) where.push(`s.seq ${asc ? '>' : '<'} @after`);
    const sql = `SELECT s.seq, s.body FROM ${from} WHERE ${where.join(' AND ')} ORDER BY s.seq ${asc ? 'ASC' : 'DESC'} LIMIT @limit`;
    let stmt = this.queries.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.queries.set(sql, stmt);
    }
    const params: Record<string, unknown> = { head, limit: q.limit + 1 };
    for (const k of ['agentKey', 'activityId', 'verbId', 'registration', 'since', 'until', 'after'] as const) {
      if (q[k] !== undefined) params[k] = q[k];
    }
    const rows = stmt.all(params);
    const more = rows.length > q.limit;
    const page = more ? rows.slice(0, q.limit) : rows;
    const last = page.length ? page[page.length - 1]!.seq : undefined;
    return { bodies: page.map((r) => r.body), ...(last !== undefined ? { last } : {}), more, head };
  }
}
