import { afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/lrs/store/sqlite/store.js';
import { documentContract } from './contract/documents.js';
import { statementContract } from './contract/statements.js';

// The store contract on SQLite, in a file under a fresh data directory like production.
const dirs: string[] = [];
const stores: SqliteStore[] = [];
async function open(): Promise<SqliteStore> {
  const dir = mkdtempSync(join(tmpdir(), 'bd-lrs-sqlite-'));
  dirs.push(dir);
  const store = SqliteStore.open({ dataDir: dir });
  stores.push(store);
  return store;
}
afterAll(async () => {
  for (const s of stores) await s.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

documentContract('sqlite', open);
statementContract('sqlite', open);
