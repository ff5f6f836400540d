/**
 * Opens a SQLite connection to the store's file with the settings every connection of the store
 * shares (the main thread's readers and the writer thread), and applies pending migrations.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrations.js';

export function openDatabase(file: string): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // FULL: an acknowledged statement survives a crash or a power loss.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  // Index pages of a busy LRS are rewritten by every commit; a 64 MiB page cache keeps them in
  // memory, and checkpointing every 10,000 WAL pages (not 1,000) copies each hot page to the
  // database once per many commits instead of once per commit.
  db.pragma('cache_size = -65536');
  db.pragma('wal_autocheckpoint = 10000');
  // After the WAL restarts from its start, the file is cut back to 64 MiB.
  db.pragma('journal_size_limit = 67108864');
  migrate(db);
  return db;
}
