/**
 * The writer's prepared statements follow the store's growth: on a new store their plans are
 * made while statement_ids is empty, and without a new plan a join to it scans the whole table
 * at every write (seen in a national run, when the report facts were placed through it: 3.1
 * billion rows read in 11,612 scans of a table of 570,000, and the ingest rate halved; voiding
 * marks still find their targets through it). The writer prepares them again as its writes
 * double, so a grown table is read by its index. Holds whether or not autovacuum runs: no
 * ANALYZE here. And it plans each statement once, not again at every write.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Pool } from 'pg';
import type { StatementRow } from '../../src/lrs/store/store.js';
import { randomUUID } from 'node:crypto';
import { dropSchema } from '../../src/lrs/store/postgres/pool.js';
import { PostgresStore } from '../../src/lrs/store/postgres/store.js';
import { REPLAN_FIRST } from '../../src/lrs/store/postgres/statement-writer.js';
import { PG_URL, freshSchemaName } from './contract/postgres-fixture.js';

const schemas: string[] = [];
afterAll(async () => {
  for (const s of schemas) await dropSchema(PG_URL, s);
});

/**
 * A statement row as the service makes it, about `object`; `defined`: with the object's
 * definition, so the write also indexes the activity and merges its definition; `voidsId`: the
 * statement voiding that one instead.
 */
function statementRow(object: string, defined = false, voidsId?: string): StatementRow {
  const id = randomUUID();
  const verbId = voidsId ? 'http://adlnet.gov/expapi/verbs/voided' : 'http://adlnet.gov/expapi/verbs/completed';
  const definition = { name: { vi: `Bài ${object.slice(-1)}` } };
  const body = JSON.stringify({
    id,
    actor: { mbox: 'mailto:hv@xa.example' },
    verb: { id: verbId },
    object: voidsId ? { objectType: 'StatementRef', id: voidsId } : defined ? { id: object, definition } : { id: object },
    timestamp: new Date().toISOString(),
  });
  const indexed = defined ? { activities: [{ id: object, direct: true }], definitions: [{ id: object, definition }] } : { activities: [] };
  return { id, stored: new Date().toISOString(), body, verbId, agents: [], ...indexed, ...(voidsId ? { voidsId } : {}) };
}

describe('PostgreSQL writer: its plans', () => {
  it('stops scanning statement_ids whole once the table has grown', async () => {
    const schema = freshSchemaName();
    schemas.push(schema);
    const store = await PostgresStore.open({ connectionString: PG_URL, schema, maxConnections: 2, writerConnections: 1, rollupFoldMs: 0 });
    // Groups of 20, as under load, one of them voiding a statement written before.
    let last: string | undefined;
    const write = async () => {
      const rows = Array.from({ length: 19 }, () => statementRow('https://boiduong.example/au/1'));
      if (last) rows.push(statementRow('', false, last));
      await store.insertStatements(rows, []);
      last = rows[0]!.id;
    };
    // The writer's backend reports its scans at the end of a transaction a second after its last report.
    const seqScans = async (): Promise<number> => {
      await new Promise((r) => setTimeout(r, 1_100));
      await write();
      const { rows } = await store.pool.query<{ n: string }>('SELECT seq_scan AS n FROM pg_stat_user_tables WHERE schemaname = $1 AND relname = $2', [schema, 'statement_ids']);
      return Number(rows[0]!.n);
    };
    try {
      for (let i = 0; i < 20; i++) await write();
      // The store grows by 200,000 statements' ids, as other nodes would have written them.
      await store.pool.query(
        `INSERT INTO statement_ids (id, stored, seq) SELECT gen_random_uuid(), now() - interval '40 days', -g FROM generate_series(1, 200000) g`,
      );
      for (let i = 0; i < 2 * REPLAN_FIRST; i++) await write();
      const before = await seqScans();
      for (let i = 0; i < 20; i++) await write();
      // Without new plans every one of these 21 writes scans the table (23 counted); with them,
      // the two counted here come whatever the plans (they are there in both cases).
      expect((await seqScans()) - before).toBeLessThanOrEqual(2);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('plans its statements once, not at every write of a single statement', async () => {
    const schema = freshSchemaName();
    schemas.push(schema);
    const store = await PostgresStore.open({ connectionString: PG_URL, schema, maxConnections: 2, writerConnections: 1, rollupFoldMs: 0 });
    try {
      for (let i = 0; i < 30; i++) await store.insertStatements([statementRow(`https://boiduong.example/au/${i % 3}`, true)], []);
      // The writer's one connection is the one that prepared them.
      const writers = (store as unknown as { writers: Pool }).writers;
      const { rows } = await writers.query<{ statement: string; custom: string }>(
        "SELECT left(statement, 60) AS statement, custom_plans AS custom FROM pg_prepared_statements WHERE name LIKE 'bd_%'",
      );
      // The rows with their index entries and facts, and the definitions' merge.
      expect(rows.length).toBeGreaterThanOrEqual(2);
      for (const r of rows) expect({ statement: r.statement, custom: Number(r.custom) }).toEqual({ statement: r.statement, custom: 0 });
    } finally {
      await store.close();
    }
  });
});
