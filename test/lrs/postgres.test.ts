import { afterAll, describe, expect, it } from 'vitest';
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
