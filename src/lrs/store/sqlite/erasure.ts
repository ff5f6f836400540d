/**
 * Per-learner erasure in SQLite: the rows service/erasure.ts decided on, deleted or rewritten
 * with their index rows and attachment listings (contents no statement lists go), the learner's documents deleted, and one line in `erasures`, in one
 * transaction on the writer's connection. A row is named by its seq.
 */
import type { Database } from 'better-sqlite3';
import type { ErasureCandidate, ErasureLogEntry, ErasureOutcome, ErasurePlan } from '../store.js';
import { erasureEntry, type ErasureRow } from '../erasure-rows.js';
import { deleteUnlistedAttachments } from './unlisted-attachments.js';

function seqs(refs: readonly string[]): string {
  for (const r of refs) if (!/^\d+$/.test(r)) throw new Error(`not a statement reference of this store: ${r}`);
  return JSON.stringify(refs.map(Number));
}

const IN_LIST = 'seq IN (SELECT value FROM json_each(?))';

/** Reads on the caller's connection. */
export class SqliteErasureReads {
  constructor(private readonly db: Database) {}

  statementsMentioning(agentKey: string): ErasureCandidate[] {
    const rows = this.db
      .prepare(
        `SELECT s.seq AS seq, s.body AS body FROM statement_agent_ids a JOIN statements s ON s.seq = a.seq
          WHERE a.agent = (SELECT id FROM agent_keys WHERE key = ?) ORDER BY s.seq`,
      )
      .all(agentKey) as { seq: number; body: string }[];
    return rows.map((r) => ({ ref: String(r.seq), body: r.body }));
  }

  erasureLog(): ErasureLogEntry[] {
    const rows = this.db.prepare('SELECT * FROM erasures ORDER BY at').all() as ErasureRow[];
    return rows.map(erasureEntry);
  }
}

/** The write, on the writer's connection. */
export function applyErasure(db: Database, plan: ErasurePlan): ErasureOutcome {
  return db
    .transaction((): ErasureOutcome => {
      const gone = seqs(plan.deleteRefs);
      // Their listings go; a rewritten statement's are written again from its new body below.
      const touched = seqs([...plan.deleteRefs, ...plan.rewrites.map((w) => w.ref)]);
      const unlisted = db.prepare(`SELECT DISTINCT sha2 FROM statement_attachments WHERE ${IN_LIST}`).pluck().all(touched) as string[];
      db.prepare(`DELETE FROM statement_attachments WHERE ${IN_LIST}`).run(touched);
      const deleted = db.prepare(`DELETE FROM statements WHERE ${IN_LIST}`).run(gone).changes;
      db.prepare(`DELETE FROM statement_agent_ids WHERE ${IN_LIST}`).run(gone);
      db.prepare(`DELETE FROM statement_activity_ids WHERE ${IN_LIST}`).run(gone);
      const setBody = db.prepare('UPDATE statements SET body = ? WHERE seq = ?');
      let rewritten = 0;
      for (const w of plan.rewrites) rewritten += setBody.run(w.body, Number(w.ref)).changes;
      const oldId = db.prepare('SELECT id FROM agent_keys WHERE key = ?').pluck().get(plan.agentKey) as number | undefined;
      if (oldId !== undefined && plan.rewrites.length > 0) {
        db.prepare('INSERT OR IGNORE INTO agent_keys (key) VALUES (?)').run(plan.replacementKey);
        const newId = db.prepare('SELECT id FROM agent_keys WHERE key = ?').pluck().get(plan.replacementKey) as number;
        db.prepare(`UPDATE statement_agent_ids SET agent = ? WHERE agent = ? AND ${IN_LIST}`).run(newId, oldId, seqs(plan.rewrites.map((w) => w.ref)));
      }
      const list = db.prepare('INSERT OR IGNORE INTO statement_attachments (sha2, seq) VALUES (?, ?)');
      for (const w of plan.rewrites) for (const sha2 of w.attachments) list.run(sha2, Number(w.ref));
      const attachments = deleteUnlistedAttachments(db, unlisted);
      const documents = db.prepare('DELETE FROM documents WHERE agent_key = ?').run(plan.agentKey).changes;
      const outcome = { statementsDeleted: deleted, statementsRewritten: rewritten, documentsDeleted: documents, attachmentsDeleted: attachments };
      db.prepare(
        'INSERT INTO erasures (at, operator, reference, mode, statements_deleted, statements_rewritten, documents_deleted, attachments_deleted) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(plan.log.at, plan.log.operator, plan.log.reference, plan.log.mode, deleted, rewritten, documents, attachments);
      return outcome;
    })
    .immediate();
}
