/** The SQLite writer thread: its writes are readable at once, and a thread that dies is replaced. */
import { afterAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { SqliteStore } from '../../src/lrs/store/sqlite/store.js';
import type { StatementRow } from '../../src/lrs/store/store.js';

const dir = mkdtempSync(join(tmpdir(), 'bd-lrs-writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function row(n: number): StatementRow {
  const id = randomUUID();
  return {
    id,
    stored: new Date().toISOString(),
    body: JSON.stringify({ id, n }),
    verbId: 'http://adlnet.gov/expapi/verbs/answered',
    agents: [{ key: `account:https://boiduong.example|hv-${n}`, direct: true }],
    activities: [{ id: 'https://boiduong.example/q1', direct: true }],
  };
}

/** The store's writer thread, reached through private fields: only this test needs to stop it. */
const writerThread = (store: SqliteStore): Worker | undefined => (store as unknown as { writer: { worker?: Worker } }).writer.worker;

describe('SQLite writer thread', () => {
  it('starts before the first write when asked, and its writes are readable as soon as they resolve', async () => {
    const store = SqliteStore.open({ dataDir: join(dir, 'a') });
    expect(writerThread(store)).toBeUndefined();
    await store.ready();
    expect(writerThread(store)).toBeDefined();
    const rows = Array.from({ length: 20 }, (_, n) => row(n));
    await Promise.all(rows.map((r) => store.insertStatements([r], [])));
    expect((await store.statementsByIds(rows.map((r) => r.id))).size).toBe(20);
    await store.close();
  });

  it('fails the writes of a thread that died with a clear error, and the next write starts a new one', async () => {
    const store = SqliteStore.open({ dataDir: join(dir, 'b') });
    await store.ready();
    const first = writerThread(store)!;
    const lost = row(1);
    const pending = store.insertStatements([lost], []);
    await first.terminate();
    const [outcome] = await Promise.allSettled([pending]);
    // The commit may have landed before the thread stopped; if not, the caller hears why.
    if (outcome.status === 'rejected') expect(String(outcome.reason)).toMatch(/SQLite writer thread stopped/);
    const next = row(2);
    await store.insertStatements([next], []);
    expect(writerThread(store)).not.toBe(first);
    expect((await store.statementsByIds([next.id])).has(next.id)).toBe(true);
    await store.close();
  });
});
