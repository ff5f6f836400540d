/**
 * A small SQLite file for records that are not xAPI data (the preview LMS's SCORM attempts and
 * cmi5 registrations), so that the SQLite driver is used only in this folder. The owner of the
 * records keeps its schema and its queries; this file opens the database with the durability of
 * the LRS store (WAL, fsync on commit) and applies the owner's migrations by `user_version`.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type SqlValue = string | number | bigint | null;
/** Positional (`?`) or named (`@name`) parameters. */
export type SqlParams = readonly SqlValue[] | Readonly<Record<string, SqlValue>>;

export interface RecordFile {
  /** The first row of a query, or undefined. */
  get<Row>(sql: string, params?: SqlParams): Row | undefined;
  run(sql: string, params?: SqlParams): void;
  /** Runs `work` in one transaction: all of its writes or none. */
  transaction<T>(work: () => T): T;
  close(): void;
}

/**
 * Opens (creating it and its folder when missing) a record file and brings its schema up to date:
 * migration i runs once, in a transaction, and sets user_version to i + 1.
 */
export function openRecordFile(file: string, migrations: readonly string[]): RecordFile {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  const version = db.pragma('user_version', { simple: true }) as number;
  for (let v = version; v < migrations.length; v++) {
    db.transaction(() => {
      db.exec(migrations[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  const bind = (params: SqlParams): unknown[] => (Array.isArray(params) ? params : [params]);
  return {
    get: <Row>(sql: string, params: SqlParams = []) => db.prepare(sql).get(...bind(params)) as Row | undefined,
    run: (sql, params = []) => void db.prepare(sql).run(...bind(params)),
    transaction: (work) => db.transaction(work)(),
    close: () => db.close(),
  };
}
