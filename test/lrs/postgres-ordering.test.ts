/**
 * Several LRS nodes on one PostgreSQL schema commit statements in parallel, without a lock
 * between them. A reader paging with `more` meanwhile must never see a page gain, later, a
 * statement that belongs before it, and polling from Consistent-Through must miss nothing.
 *
 * The interleaving is made on purpose with the real writers: node A's transaction stamps and
 * inserts its statement, then waits on a row lock this test holds (the merge of an activity
 * definition); node B writes and commits; the reader pages; then A commits.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { dropSchema } from '../../src/lrs/store/postgres/pool.js';
import { PostgresStore } from '../../src/lrs/store/postgres/store.js';
import type { StatementQuery, StatementRow, Store } from '../../src/lrs/store/store.js';
import { PG_URL, freshSchemaName, holdActivityLock, untilWriterWaitsOnLock } from './contract/postgres-fixture.js';
import { statement, testLrs } from './http-fixture.js';

const opened: PostgresStore[] = [];
const schemas = new Set<string>();
afterAll(async () => {
  for (const s of opened) await s.close();
  for (const s of schemas) await dropSchema(PG_URL, s);
});

async function node(schema: string, writerTimeoutsMs?: { idle: number; statement: number }): Promise<PostgresStore> {
  schemas.add(schema);
  const store = await PostgresStore.open({ connectionString: PG_URL, schema, maxConnections: 2, writerConnections: 1, ...(writerTimeoutsMs ? { writerTimeoutsMs } : {}) });
  opened.push(store);
  return store;
}

const LOCKED_ACTIVITY = 'https://boiduong.example/activity/locked';

function row(name: string, definition = false): StatementRow {
  const id = randomUUID();
  const stored = new Date().toISOString();
  return {
    id,
    stored,
    body: JSON.stringify({ id, name, stored }),
    verbId: 'http://adlnet.gov/expapi/verbs/answered',
    agents: [{ key: 'mbox:mailto:hv@xa.example', direct: true }],
    activities: [{ id: LOCKED_ACTIVITY, direct: true }],
    ...(definition ? { definitions: [{ id: LOCKED_ACTIVITY, definition: { name: { vi: name } } }] } : {}),
  };
}

const names = (bodies: readonly string[]) => bodies.map((b) => (JSON.parse(b) as { name: string }).name);

/** Every page of a query, as a client following `more` does. */
async function allPages(store: Store, q: Omit<StatementQuery, 'limit'>, limit = 1): Promise<{ names: string[]; ids: string[]; head: string; through: string | undefined }> {
  let page = await store.queryStatements({ ...q, limit });
  const head = page.head;
  const through = page.consistentThrough;
  const bodies = [...page.bodies];
  while (page.more) {
    page = await store.queryStatements({ ...q, limit, after: page.last, atMost: page.head });
    bodies.push(...page.bodies);
  }
  return { names: names(bodies), ids: bodies.map((b) => (JSON.parse(b) as { id: string }).id), head, through };
}


describe('PostgreSQL: ordering without a global lock', () => {
  it('pages and polls without gaps or repeats while two nodes commit out of order', async () => {
    const schema = freshSchemaName();
    const a = await node(schema);
    const b = await node(schema);
    const reader = await node(schema);
    await a.insertStatements([row('p0', true), row('p1')], []);

    const locker = await holdActivityLock(schema, LOCKED_ACTIVITY);
    try {
      // T1 on node A: stamped and inserted, then waits on the activity row.
      const t1Row = row('t1', true);
      const t1 = a.insertStatements([t1Row], []);
      await untilWriterWaitsOnLock(locker, schema, 5_000);
      // T2 on node B begins after T1 and commits first: it needs no lock of T1's.
      await b.insertStatements([row('t2')], []);

      const first = await allPages(reader, { ascending: true });
      const newestFirst = await allPages(reader, {});
      const through = await reader.consistentThrough();

      await locker.query('COMMIT');
      await t1;

      // The pages of the first round are a snapshot: read again with their bound, after T1
      // committed, they have gained nothing.
      expect((await allPages(reader, { ascending: true, atMost: first.head })).names).toEqual(first.names);
      // A client polling from Consistent-Through gets the rest, each once, in stored order.
      expect(first.through).toBeDefined();
      const next = await allPages(reader, { ascending: true, since: first.through });
      expect([...first.names, ...next.names]).toEqual(['p0', 'p1', 't1', 't2']);
      // T2 committed before the first round but was stored after T1 began: it waited for T1.
      expect(first.names).toEqual(['p0', 'p1']);
      expect(newestFirst.names).toEqual(['p1', 'p0']);
      // The reader's Consistent-Through had stopped before T1, which was stored before T2.
      const storedOf = async (id: string) => (JSON.parse((await reader.statementsByIds([id])).get(id)!.body) as { stored: string }).stored;
      expect(through < (await storedOf(t1Row.id))).toBe(true);
    } finally {
      await locker.end();
    }
  });

  it('answers Consistent-Through from the database on every node: an open write on one node holds it on another', async () => {
    const schema = freshSchemaName();
    const a = await node(schema);
    const b = await node(schema);
    await a.insertStatements([row('p0', true)], []);
    const locker = await holdActivityLock(schema, LOCKED_ACTIVITY);
    try {
      const before = Date.now();
      const t1 = a.insertStatements([row('t1', true)], []);
      await untilWriterWaitsOnLock(locker, schema, 5_000);
      await new Promise((r) => setTimeout(r, 50));
      // B's view: held at A's open transaction, not at B's own (B writes nothing).
      const held = await b.consistentThrough();
      expect(Date.parse(held)).toBeLessThan(Date.now() - 40);
      expect(Date.parse(held)).toBeGreaterThanOrEqual(before - 1000);
      await locker.query('COMMIT');
      await t1;
      const after = await b.consistentThrough();
      const t1Stored = (JSON.parse((await b.queryStatements({ limit: 1 })).bodies[0]!) as { stored: string }).stored;
      expect(after >= t1Stored).toBe(true);
    } finally {
      await locker.end();
    }
  });

  it('follows a more link on another node of the same schema, with a Consistent-Through valid there', async () => {
    const schema = freshSchemaName();
    schemas.add(schema);
    const a = await testLrs({ store: 'postgres', pg: PG_URL, pgSchema: schema });
    const b = await testLrs({ store: 'postgres', pg: PG_URL, pgSchema: schema });
    try {
      // One key, kept in the shared schema, used on both nodes.
      const auth = await a.auth(['all']);
      for (let i = 0; i < 5; i++) expect((await a.call('POST', '/statements', { body: statement(), auth })).status).toBe(200);
      const first = await a.call('GET', '/statements?limit=2&ascending=true', { auth });
      const through = first.headers.get('x-experience-api-consistent-through')!;
      const page = first.json<{ statements: { id: string; stored: string }[]; more: string }>();
      expect(page.statements.every((s) => s.stored <= through)).toBe(true);
      const ids = page.statements.map((s) => s.id);
      let more = page.more;
      while (more) {
        const next = await b.call('GET', more, { auth });
        expect(next.status).toBe(200);
        const p = next.json<{ statements: { id: string }[]; more: string }>();
        ids.push(...p.statements.map((s) => s.id));
        more = p.more;
      }
      expect(ids).toHaveLength(5);
      expect(new Set(ids).size).toBe(5);
    } finally {
      await b.lrs.close();
      await a.lrs.close();
    }
  });

  it('bounds the wait behind a stuck writer: the server ends its transaction and the others show', async () => {
    const schema = freshSchemaName();
    const a = await node(schema, { idle: 1000, statement: 1000 });
    const b = await node(schema);
    await a.insertStatements([row('p0', true)], []);
    const locker = await holdActivityLock(schema, LOCKED_ACTIVITY);
    try {
      const stuck = a.insertStatements([row('stuck', true)], []).then(
        () => 'stored',
        (e: Error) => e.message,
      );
      await untilWriterWaitsOnLock(locker, schema, 5_000);
      await b.insertStatements([row('t2')], []);
      // While the writer hangs, queries stop at its start.
      expect(names((await b.queryStatements({ limit: 10 })).bodies)).toEqual(['p0']);
      // The server cancels the stuck statement; its write was never acknowledged.
      expect(await stuck).toMatch(/statement timeout/);
      expect(names((await b.queryStatements({ limit: 10 })).bodies)).toEqual(['t2', 'p0']);
    } finally {
      await locker.end();
    }
  });

  it('loses and repeats nothing for a client polling from Consistent-Through while two nodes write at full speed', async () => {
    const schema = freshSchemaName();
    const writers = [await node(schema), await node(schema)];
    const reader = await node(schema);
    const written = new Set<string>();
    let writing = true;
    const writes = Promise.all(
      writers.flatMap((w) =>
        [0, 1].map(async () => {
          for (let b = 0; b < 25; b++) {
            const rows = Array.from({ length: 4 }, () => row('w'));
            await w.insertStatements(rows, []);
            for (const r of rows) written.add(r.id);
          }
        }),
      ),
    ).finally(() => (writing = false));
    // Poll as an xAPI client does: follow more to the end, then start again from the first
    // page's Consistent-Through; once the writers are done, poll until a round brings nothing.
    const seen: string[] = [];
    let since: string | undefined;
    for (;;) {
      const done = !writing;
      const got = await allPages(reader, { ascending: true, ...(since !== undefined ? { since } : {}) }, 7);
      seen.push(...got.ids);
      since = got.through ?? since;
      if (done && got.ids.length === 0 && seen.length >= written.size) break;
    }
    await writes;
    expect(new Set(seen).size).toBe(seen.length);
    expect(new Set(seen)).toEqual(written);
  });

  it('never deadlocks two nodes merging the same activity definitions in opposite orders', async () => {
    const schema = freshSchemaName();
    const [a, b] = [await node(schema), await node(schema)];
    const ids = Array.from({ length: 20 }, (_, i) => `https://boiduong.example/q/${i}`);
    const withDefinitions = (order: readonly string[], name: string): StatementRow => ({
      ...row(name),
      definitions: order.map((id) => ({ id, definition: { name: { vi: name } } })),
    });
    for (let round = 0; round < 15; round++) {
      await Promise.all([
        a.insertStatements([withDefinitions(ids, `a${round}`)], []),
        b.insertStatements([withDefinitions([...ids].reverse(), `b${round}`)], []),
      ]);
    }
    expect((await a.queryStatements({ limit: 100 })).bodies).toHaveLength(30);
  });
});
