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
function opener(writeInPlace: boolean): () => Promise<SqliteStore> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bd-lrs-sqlite-'));
    dirs.push(dir);
    const store = SqliteStore.open({ dataDir: dir, writeInPlace });
    stores.push(store);
    return store;
  };
}
afterAll(async () => {
  for (const s of stores) await s.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

// Writes go to the store's writer thread, as in production; and once more written in place.
documentContract('sqlite', opener(false));
statementContract('sqlite', opener(false));
documentContract('sqlite, writing in place', opener(true));
statementContract('sqlite, writing in place', opener(true));
