/**
 * Writes statement rows to SQLite: the row, its agent/activity index rows, voiding marks,
 * attachments and merged activity definitions. Requests of one group share a transaction.
 */
import type { Database, Statement, Transaction } from 'better-sqlite3';
import type { AttachmentContent } from '../../protocol/index.js';
import type { StatementRow } from '../store.js';

export type MergeDefinition = (current: Record<string, unknown> | undefined, incoming: Record<string, unknown>) => Record<string, unknown>;

export interface InsertRequest {
  readonly rows: readonly StatementRow[];
  readonly attachments: readonly AttachmentContent[];
}

const DEFINITIONS_REMEMBERED = 50_000;
const KEYS_REMEMBERED = 200_000;

/** The integer id of an agent key or activity id, created on first use and remembered. */
class KeyIds {
  private readonly ids = new Map<string, number>();
  private readonly select: Statement<unknown[], { id: number }>;
  private readonly insert: Statement;

  constructor(db: Database, table: string, column: string) {
    this.select = db.prepare(`SELECT id FROM ${table} WHERE ${column} = ?`);
    this.insert = db.prepare(`INSERT INTO ${table} (${column}) VALUES (?)`);
  }

  idOf(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.select.get(key)?.id ?? Number(this.insert.run(key).lastInsertRowid);
      if (this.ids.size >= KEYS_REMEMBERED) this.ids.clear();
      this.ids.set(key, id);
    }
    return id;
  }

  forget(): void {
    this.ids.clear();
  }
}

export class StatementWriter {
  private readonly insertRow: Statement;
  private readonly insertAgent: Statement;
  private readonly insertActivity: Statement;
  private readonly voidRow: Statement;
  private readonly insertAttachment: Statement;
  private readonly listAttachment: Statement;
  private readonly getDefinition: Statement<unknown[], { definition: string }>;
  private readonly putDefinition: Statement;
  private readonly exists: Statement<unknown[], unknown>;
  private readonly agentIds: KeyIds;
  private readonly activityIds: KeyIds;
  private readonly commitAll: Transaction<(group: readonly InsertRequest[]) => unknown[]>;
  private readonly commitOne: Transaction<(request: InsertRequest) => void>;
  /** Stored definition JSON by activity id ('' when none is stored). */
  private readonly definitions = new Map<string, string>();
  /** The definition JSON last merged into each activity's. */
  private readonly lastIncoming = new Map<string, string>();

  constructor(
    db: Database,
    private readonly mergeDefinition: MergeDefinition,
  ) {
    this.insertRow = db.prepare('INSERT INTO statements (id, stored, verb_id, registration, voids_id, body, ref_verb_id) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.insertAgent = db.prepare('INSERT INTO statement_agent_ids (agent, seq, direct) VALUES (?, ?, ?)');
    this.insertActivity = db.prepare('INSERT INTO statement_activity_ids (activity, seq, direct) VALUES (?, ?, ?)');
    this.agentIds = new KeyIds(db, 'agent_keys', 'key');
    this.activityIds = new KeyIds(db, 'activity_keys', 'activity_id');
    this.voidRow = db.prepare('UPDATE statements SET voided = 1 WHERE id = ?');
    this.insertAttachment = db.prepare('INSERT OR IGNORE INTO attachments (sha2, content_type, content) VALUES (?, ?, ?)');
    this.listAttachment = db.prepare('INSERT OR IGNORE INTO statement_attachments (sha2, seq) VALUES (?, ?)');
    this.getDefinition = db.prepare('SELECT definition FROM activities WHERE id = ?');
    this.putDefinition = db.prepare('INSERT OR REPLACE INTO activities (id, definition) VALUES (?, ?)');
    this.exists = db.prepare('SELECT 1 FROM statements WHERE id = ?');
    // A request whose ids are already stored (a race the service settles: identical → done,
    // else 409) is skipped before it writes anything, so requests need no savepoint each:
    // savepoints copy every page they touch into a sub-journal, a fifth of the insert time.
    this.commitAll = db.transaction((group: readonly InsertRequest[]) => {
      const ids = new Set<string>();
      return group.map((request) => {
        const clash = request.rows.find((r) => ids.has(r.id) || this.exists.get(r.id) !== undefined);
        if (clash) return new Error(`statement ${clash.id} is already stored`);
        for (const r of request.rows) ids.add(r.id);
        this.write(request);
        return undefined;
      });
    });
    this.commitOne = db.transaction((request: InsertRequest) => this.write(request));
  }

  /** One outcome per request: undefined when committed, else the error. Never throws. */
  commit(group: readonly InsertRequest[]): unknown[] {
    try {
      return this.commitAll.immediate(group);
    } catch (e) {
      this.forgetRolledBack();
      // The commit itself failed (disk full, I/O error): nothing of the request is stored.
      if (group.length === 1) return [e ?? new Error('commit failed')];
      // One request broke the shared transaction: each goes again alone, so only it fails.
      return group.map((request) => {
        try {
          this.commitOne.immediate(request);
          return undefined;
        } catch (err) {
          this.forgetRolledBack();
          return err ?? new Error('commit failed');
        }
      });
    }
  }

  /** Drops what a rolled-back transaction may have left in memory. */
  private forgetRolledBack(): void {
    this.definitions.clear();
    this.lastIncoming.clear();
    this.agentIds.forget();
    this.activityIds.forget();
  }

  private write({ rows, attachments }: InsertRequest): void {
    for (const r of rows) {
      const seq = this.insertRow.run(r.id, r.stored, r.verbId, r.registration ?? null, r.voidsId ?? null, r.body, r.refVerbId ?? null).lastInsertRowid;
      const agents = new Map<string, boolean>();
      for (const a of r.agents) agents.set(a.key, (agents.get(a.key) ?? false) || a.direct);
      for (const [key, direct] of agents) this.insertAgent.run(this.agentIds.idOf(key), seq, direct ? 1 : 0);
      const acts = new Map<string, boolean>();
      for (const a of r.activities) acts.set(a.id, (acts.get(a.id) ?? false) || a.direct);
      for (const [id, direct] of acts) this.insertActivity.run(this.activityIds.idOf(id), seq, direct ? 1 : 0);
      if (r.voidsId) this.voidRow.run(r.voidsId);
      for (const d of r.definitions ?? []) this.mergeStoredDefinition(d.id, d.definition);
      for (const sha2 of r.attachments ?? []) this.listAttachment.run(sha2, seq);
    }
    for (const a of attachments) this.insertAttachment.run(a.sha2, a.contentType, a.content);
  }

  /**
   * Most statements repeat the definition already stored, so the stored JSON is remembered and
   * the row is rewritten only when the merge changes it. The memory is dropped whenever a
   * transaction fails, since it may hold a value that was rolled back.
   */
  private mergeStoredDefinition(id: string, incoming: Record<string, unknown>): void {
    // Merging the same definition again changes nothing, and most statements repeat the last one.
    const text = JSON.stringify(incoming);
    if (this.lastIncoming.get(id) === text) return;
    let current = this.definitions.get(id);
    if (current === undefined) {
      current = this.getDefinition.get(id)?.definition ?? '';
      if (this.definitions.size >= DEFINITIONS_REMEMBERED) this.definitions.clear();
      this.definitions.set(id, current);
    }
    const merged = JSON.stringify(this.mergeDefinition(current ? (JSON.parse(current) as Record<string, unknown>) : undefined, incoming));
    if (this.lastIncoming.size >= DEFINITIONS_REMEMBERED) this.lastIncoming.clear();
    this.lastIncoming.set(id, text);
    if (merged === current) return;
    this.putDefinition.run(id, merged);
    this.definitions.set(id, merged);
  }
}
