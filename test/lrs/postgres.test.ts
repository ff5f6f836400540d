import { afterAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { PostgresStore } from '../../src/lrs/store/postgres/store.js';
import { dropSchema } from '../../src/lrs/store/postgres/pool.js';
import { documentContract } from './contract/documents.js';
import { statementContract } from './contract/statements.js';
import { PG_URL, freshSchemaName } from './contract/postgres-fixture.js';

const opened: PostgresStore[] = [];

async function open(): Promise<PostgresStore> {
  const store = await PostgresStore.open({ connectionString: PG_URL, schema: freshSchemaName(), maxConnections: 4 });
  opened.push(store);
  return store;
}

afterAll(async () => {
  for (const s of opened) {
    await s.close();
    await dropSchema(PG_URL, s.schema);
  }
});

documentContract('postgres', open);
statementContract('postgres', open);

describe('postgres: credentials and launch tokens', () => {
  it('keeps credentials with their scopes and revokes them once', async () => {
    const store = await open();
    const c = store.credentials;
    await c.putCredential({ key: 'k1', secretHash: 'scrypt$x', name: 'LMS xem trước', scopes: ['statements/write', 'state'], created: new Date().toISOString() });
    expect((await c.getCredential('k1'))?.scopes).toEqual(['statements/write', 'state']);
    expect(await c.revokeCredential('k1', new Date().toISOString())).toBe(true);
    expect(await c.revokeCredential('k1', new Date().toISOString())).toBe(false);
    expect((await c.getCredential('k1'))?.revoked).toBeDefined();
    expect(await c.listCredentials()).toHaveLength(1);
  });

  it('hands a launch token out once, even to concurrent claims, and never after it expires', async () => {
    const store = await open();
    const c = store.credentials;
    const now = new Date();
    await c.putLaunchToken({ token: 't1', data: '{}', fetched: false, expires: new Date(now.getTime() + 60_000).toISOString() });
    await c.putLaunchToken({ token: 't2', data: '{}', fetched: false, expires: new Date(now.getTime() - 1).toISOString() });
    const claims = await Promise.all([1, 2, 3].map(() => c.claimLaunchToken('t1', now.toISOString())));
    expect(claims.filter((x) => x !== undefined)).toHaveLength(1);
    expect(await c.claimLaunchToken('t2', now.toISOString())).toBeUndefined();
    await c.setLaunchTokenData('t1', '{"secretHash":"h"}');
    expect((await c.getLaunchToken('t1'))?.data).toBe('{"secretHash":"h"}');
  });
});

describe('postgres: report facts', () => {
  it("takes a statement's fact from its body as stored: the database's stored time, and the timestamp the LRS filled in from it", async () => {
    const store = await open();
    const id = randomUUID();
    const completed = 'http://adlnet.gov/expapi/verbs/completed';
    // As the service hands it over: stored (and the missing timestamp) from the node's clock, here long past.
    const early = '2020-01-01T00:00:00.000Z';
    const statement = { id, actor: { mbox: 'mailto:hv@xa.example' }, verb: { id: completed }, object: { id: 'https://boiduong.example/au/1' }, timestamp: early, stored: early };
    await store.insertStatements(
      [{ id, stored: early, timestampFromStored: true, body: JSON.stringify(statement), statement, verbId: completed, agents: [{ key: 'mbox:mailto:hv@xa.example', direct: true }], activities: [] }],
      [],
    );
    const body = JSON.parse((await store.statementsByIds([id])).get(id)!.body) as { stored: string; timestamp: string };
    expect(body.stored).not.toBe(early);
    expect(body.timestamp).toBe(body.stored);
    const { rows } = await store.pool.query<{ timestamp_ms: string; stored_ms: string }>(
      'SELECT timestamp_ms, floor(extract(epoch FROM stored) * 1000)::bigint AS stored_ms FROM report_facts WHERE id = $1',
      [id],
    );
    expect(rows.map((r) => [new Date(Number(r.timestamp_ms)).toISOString(), new Date(Number(r.stored_ms)).toISOString()])).toEqual([[body.stored, body.stored]]);
  });
});
