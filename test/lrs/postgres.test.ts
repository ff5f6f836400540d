import { afterAll } from 'vitest';
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
