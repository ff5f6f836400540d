/** The SQLite store (default): statements, documents, credentials in one WAL database file. */
export { SQLITE_FILE, SqliteStore } from './store.js';
export type { SqliteOptions } from './store.js';
export { MIGRATIONS, migrate } from './migrations.js';
export { openRecordFile } from './record-file.js';
export type { RecordFile, SqlParams, SqlValue } from './record-file.js';
