/**
 * What the tests of the operator's commands (`boiduong lrs retention`, `lrs erase`) share: a
 * working folder and the PostgreSQL schemas they made, both removed after the file's tests, the
 * CLI run in-process there, the months they store statements in, and a fresh store of each kind.
 */
import { afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { dropSchema } from '../../src/lrs/store/postgres/pool.js';
import Database from 'better-sqlite3';
import type { LrsOptions, Store } from '../../src/lrs/index.js';
import { PostgresStore } from '../../src/lrs/store/postgres/store.js';
import { SqliteStore } from '../../src/lrs/store/sqlite/store.js';
import type { ErasureStore } from '../../src/lrs/store/store.js';
import { PG_URL, freshSchemaName } from './contract/postgres-fixture.js';

export interface OperatorBench {
  readonly dir: string;
  /** Schemas to drop after the file's tests. */
  readonly schemas: string[];
  cli(this: void, ...argv: string[]): Promise<{ code: number; out: string; err: string }>;
}

/** Call at the top of a test file: afterAll removes what the file made. */
export function operatorBench(prefix: string): OperatorBench {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const schemas: string[] = [];
  afterAll(async () => {
    for (const s of schemas) await dropSchema(PG_URL, s);
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir,
    schemas,
    async cli(...argv) {
      let out = '';
      let err = '';
      const code = await main(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), cwd: dir });
      return { code, out, err };
    },
  };
}

/** yyyy-mm, `back` months before the current one (UTC). */
export function monthsAgo(back: number): string {
  const now = new Date();
  const i = now.getUTCFullYear() * 12 + now.getUTCMonth() - back;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** A store the operator's commands run on, as the tests reach it: the LRS's options, the CLI's flags, SQL on it. */
export interface StoreTarget {
  readonly kind: 'postgres' | 'sqlite';
  readonly options: LrsOptions;
  readonly flags: string[];
  /** Rows of a query, on a connection of its own (SQLite: the file opened read-only). */
  select<T>(sql: string): Promise<T[]>;
  /** The store itself (its erasure log); the caller closes it. */
  open(): Promise<Store & { erasure: ErasureStore }>;
}

/** A fresh store of each kind, by the name the tests print. */
export function storeTargets(bench: OperatorBench): Record<'PostgreSQL' | 'SQLite', () => StoreTarget> {
  return {
    PostgreSQL: () => {
      const schema = freshSchemaName();
      bench.schemas.push(schema);
      const open = () => PostgresStore.open({ connectionString: PG_URL, schema, maxConnections: 1, writerConnections: 1 });
      return {
        kind: 'postgres',
        options: { store: 'postgres', pg: PG_URL, pgSchema: schema },
        flags: ['--store', 'postgres', '--pg', PG_URL, '--pg-schema', schema],
        async select<T>(sql: string) {
          const store = await open();
          try {
            return (await store.pool.query(sql)).rows as T[];
          } finally {
            await store.close();
          }
        },
        open,
      };
    },
    SQLite: () => {
      const data = mkdtempSync(join(bench.dir, 'sqlite-'));
      return {
        kind: 'sqlite',
        options: { dataDir: data },
        flags: ['--data', data],
        async select<T>(sql: string) {
          const db = new Database(join(data, 'lrs.sqlite'), { readonly: true });
          try {
            return db.prepare(sql).all() as T[];
          } finally {
            db.close();
          }
        },
        async open() {
          return SqliteStore.open({ dataDir: data, writeInPlace: true });
        },
      };
    },
  };
}
