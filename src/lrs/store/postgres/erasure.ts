/**
 * Per-learner erasure in PostgreSQL: the rows service/erasure.ts decided on, deleted or
 * rewritten with their index rows and report facts, the learner's documents deleted, and one line
 * in `erasures`, all in one transaction. A row is named by its place "µs:seq" (its month and its number).
 */
import type { Pool } from 'pg';
import type { ErasureCandidate, ErasureLogEntry, ErasureOutcome, ErasurePlan, ErasureStore } from '../store.js';
import { erasureEntry, type ErasureRow } from '../erasure-rows.js';
import { microsIso } from './horizon.js';
import { deleteUnlistedAttachments } from './attachment-listing.js';
import { DELETE_FACTS_AT, reportFactsStep } from './report-facts.js';
import { rollupRecomputeFor } from './report-rollup.js';
import { inTransaction } from './transaction.js';

function places(refs: readonly string[]): [string[], string[]] {
  const stored: string[] = [], seq: string[] = [];
  for (const ref of refs) {
    const m = /^(\d+):(\d+)$/.exec(ref);
    if (!m) throw new Error(`not a statement reference of this store: ${ref}`);
    stored.push(microsIso(BigInt(m[1]!)));
    seq.push(m[2]!);
  }
  return [stored, seq];
}

const AT = 'unnest($1::timestamptz[], $2::bigint[]) AS r(stored, seq)';

export class PostgresErasure implements ErasureStore {
  constructor(
    private readonly pool: Pool,
    private readonly schema: string,
  ) {}

  async statementsMentioning(agentKey: string): Promise<ErasureCandidate[]> {
    const { rows } = await this.pool.query<{ us: string; seq: string; body: string }>(
      `SELECT (extract(epoch FROM s.stored) * 1000000)::bigint AS us, s.seq, s.body
         FROM statement_agents a JOIN statements s ON s.stored = a.stored AND s.seq = a.seq
        WHERE a.agent_key = $1 ORDER BY s.stored, s.seq`,
      [agentKey],
    );
    return rows.map((r) => ({ ref: `${r.us}:${r.seq}`, body: r.body }));
  }

  async erase(plan: ErasurePlan): Promise<ErasureOutcome> {
    return inTransaction(this.pool, async (client) => {
      const [delStored, delSeq] = places(plan.deleteRefs);
      const [reStored, reSeq] = places(plan.rewrites.map((w) => w.ref));
      // The rolled-up groups of these facts are taken again from what is left of them below.
      const recomputeRollup = await rollupRecomputeFor(client, this.schema, [...delStored, ...reStored], [...delSeq, ...reSeq]);
      // Their listings go; a rewritten statement's are written again from its new body below.
      const unlisted = await client.query<{ sha2: string }>(`DELETE FROM statement_attachments x USING ${AT} WHERE x.stored = r.stored AND x.seq = r.seq RETURNING x.sha2`, [
        [...delStored, ...reStored],
        [...delSeq, ...reSeq],
      ]);
      const deleted = await client.query<{ id: string }>(`DELETE FROM statements s USING ${AT} WHERE s.stored = r.stored AND s.seq = r.seq RETURNING s.id::text AS id`, [delStored, delSeq]);
      for (const table of ['statement_agents', 'statement_activities']) {
        await client.query(`DELETE FROM ${table} x USING ${AT} WHERE x.stored = r.stored AND x.seq = r.seq`, [delStored, delSeq]);
      }
      await client.query(DELETE_FACTS_AT, [delStored, delSeq]);
      await client.query('DELETE FROM statement_ids WHERE id = ANY($1::uuid[])', [deleted.rows.map((r) => r.id)]);
      // A rewritten statement's fact is taken again from its new body (an anonymised actor).
      await client.query(DELETE_FACTS_AT, [reStored, reSeq]);
      const facts = reportFactsStep(plan.rewrites);
      if (facts) await client.query(facts.sql, facts.params as unknown[]);
      await recomputeRollup();
      const rewritten = await client.query(
        `UPDATE statements s SET body = r.body FROM unnest($1::timestamptz[], $2::bigint[], $3::text[]) AS r(stored, seq, body) WHERE s.stored = r.stored AND s.seq = r.seq`,
        [reStored, reSeq, plan.rewrites.map((w) => w.body)],
      );
      await client.query(`UPDATE statement_agents x SET agent_key = $3 FROM ${AT} WHERE x.agent_key = $4 AND x.stored = r.stored AND x.seq = r.seq`, [
        reStored,
        reSeq,
        plan.replacementKey,
        plan.agentKey,
      ]);
      const listed = plan.rewrites.flatMap((w) => w.attachments.map((sha2) => ({ ref: w.ref, sha2 })));
      if (listed.length > 0) {
        const [stored, seq] = places(listed.map((l) => l.ref));
        await client.query('INSERT INTO statement_attachments (stored, seq, sha2) SELECT * FROM unnest($1::timestamptz[], $2::bigint[], $3::text[])', [stored, seq, listed.map((l) => l.sha2)]);
      }
      const attachmentsDeleted = await deleteUnlistedAttachments(client, [...new Set(unlisted.rows.map((r) => r.sha2))]);
      const docs = await client.query('DELETE FROM documents WHERE agent_key = $1', [plan.agentKey]);
      const outcome: ErasureOutcome = {
        statementsDeleted: deleted.rowCount ?? 0,
        statementsRewritten: rewritten.rowCount ?? 0,
        documentsDeleted: docs.rowCount ?? 0,
        attachmentsDeleted,
      };
      await client.query(
        `INSERT INTO erasures (at, operator, reference, mode, statements_deleted, statements_rewritten, documents_deleted, attachments_deleted) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [plan.log.at, plan.log.operator, plan.log.reference, plan.log.mode, outcome.statementsDeleted, outcome.statementsRewritten, outcome.documentsDeleted, attachmentsDeleted],
      );
      return outcome;
    });
  }

  async erasureLog(): Promise<ErasureLogEntry[]> {
    const { rows } = await this.pool.query<ErasureRow>('SELECT * FROM erasures ORDER BY at');
    return rows.map(erasureEntry);
  }
}
