/** Monthly partitions of the PostgreSQL store: made ahead by whichever node writes first, once. */
import { afterAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { dropSchema } from '../../src/lrs/store/postgres/pool.js';
import { PostgresStore } from '../../src/lrs/store/postgres/store.js';
import { ensureMonths, existingMonths, monthOf, nextMonth } from '../../src/lrs/store/postgres/partitions.js';
import { PG_URL, freshSchemaName } from './contract/postgres-fixture.js';

const opened: PostgresStore[] = [];
const schemas = new Set<string>();
afterAll(async () => {
  for (const s of opened) await s.close();
  for (const s of schemas) await dropSchema(PG_URL, s);
});

async function node(schema: string): Promise<PostgresStore> {
  schemas.add(schema);
  const store = await PostgresStore.open({ connectionString: PG_URL, schema, maxConnections: 3, writerConnections: 1 });
  opened.push(store);
  return store;
}

function row(): { id: string; stored: string; body: string; verbId: string; agents: []; activities: [] } {
  const id = randomUUID();
  const stored = new Date().toISOString();
  return { id, stored, body: JSON.stringify({ id, stored }), verbId: 'http://adlnet.gov/expapi/verbs/answered', agents: [], activities: [] };
}

describe('PostgreSQL monthly partitions', () => {
  it('creates next month ahead on the first write of a node that has not seen it', async () => {
    const schema = freshSchemaName();
    const first = await node(schema);
    const month = monthOf(Date.now());
    const next = nextMonth(month);
    expect(await existingMonths(first.pool)).toEqual([month, next]);
    // Next month's partitions gone (as on a schema migrated long ago): a new node's first write makes them again.
    await first.pool.query(`DROP TABLE statements_y${next.slice(0, 4)}m${next.slice(5)}, statement_agents_y${next.slice(0, 4)}m${next.slice(5)}, statement_activities_y${next.slice(0, 4)}m${next.slice(5)}`);
    const second = await node(schema);
    await second.insertStatements([row()], []);
    expect(await existingMonths(first.pool)).toEqual([month, next]);
  });

  it('lets nodes create the same months at once: one set of partitions, no error', async () => {
    const schema = freshSchemaName();
    const a = await node(schema);
    const b = await node(schema);
    const months = ['2031-01', '2031-02'];
    const create = async (store: PostgresStore) => {
      const client = await store.pool.connect();
      try {
        await client.query('BEGIN');
        await ensureMonths(client, months);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    };
    await Promise.all([create(a), create(b), create(a), create(b)]);
    expect((await existingMonths(a.pool)).filter((m) => m.startsWith('2031'))).toEqual(months);
    const { rows } = await a.pool.query<{ n: string }>("SELECT count(*) AS n FROM pg_class WHERE relname LIKE 'statement%_y2031m%' AND relkind = 'r'");
    expect(rows[0]!.n).toBe('8');
  });
});
