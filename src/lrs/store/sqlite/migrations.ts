/**
 * Versioned schema of the SQLite store. Each migration runs once, inside a transaction, and is
 * recorded in bd_migrations; new versions are appended, never edited.
 */
import type { Database } from 'better-sqlite3';
import { accountKeyRewrites } from '../agent-keys.js';
import { DOCUMENTS_DDL } from './documents.js';

interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  /** Data changes SQL cannot express, run after `sql` in the same transaction. */
  readonly run?: (db: Database) => void;
}

/** Migration 4: account keys of the agent index and of documents to "account:[homePage, name]". */
function rewriteAccountKeys(db: Database): void {
  const indexKeys = db.prepare("SELECT key FROM agent_keys WHERE substr(key, 1, 8) = 'account:'").pluck().all() as string[];
  const index = accountKeyRewrites(indexKeys);
  const setIndexKey = db.prepare('UPDATE agent_keys SET key = ? WHERE key = ?');
  index.old.forEach((old, i) => setIndexKey.run(index.new[i], old));
  const documentKeys = db.prepare("SELECT DISTINCT agent_key FROM documents WHERE substr(agent_key, 1, 8) = 'account:'").pluck().all() as string[];
  const documents = accountKeyRewrites(documentKeys);
  const setDocumentKey = db.prepare('UPDATE documents SET agent_key = ? WHERE agent_key = ?');
  documents.old.forEach((old, i) => setDocumentKey.run(documents.new[i], old));
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'statements, related agents/activities, attachments, activities, documents, credentials',
    sql: `
      -- seq is the stored order: paging cursors follow it, never offsets.
      CREATE TABLE statements (
        seq           INTEGER PRIMARY KEY AUTOINCREMENT,
        id            TEXT NOT NULL UNIQUE,
        stored        TEXT NOT NULL,
        verb_id       TEXT NOT NULL,
        registration  TEXT,
        voided        INTEGER NOT NULL DEFAULT 0,
        voids_id      TEXT,
        body          TEXT NOT NULL
      );
      CREATE INDEX statements_verb ON statements (verb_id, seq);
      CREATE INDEX statements_registration ON statements (registration, seq) WHERE registration IS NOT NULL;
      CREATE INDEX statements_stored ON statements (stored);
      -- direct: actor/object (agent filter) or object (activity filter); others need related_*.
      CREATE TABLE statement_agents (
        agent_key  TEXT NOT NULL,
        seq        INTEGER NOT NULL,
        direct     INTEGER NOT NULL,
        PRIMARY KEY (agent_key, seq)
      ) WITHOUT ROWID;
      CREATE TABLE statement_activities (
        activity_id  TEXT NOT NULL,
        seq          INTEGER NOT NULL,
        direct       INTEGER NOT NULL,
        PRIMARY KEY (activity_id, seq)
      ) WITHOUT ROWID;
      CREATE TABLE attachments (
        sha2          TEXT PRIMARY KEY,
        content_type  TEXT NOT NULL,
        content       BLOB NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE activities (
        id          TEXT PRIMARY KEY,
        definition  TEXT NOT NULL
      ) WITHOUT ROWID;
      ${DOCUMENTS_DDL}
      CREATE TABLE credentials (
        key          TEXT PRIMARY KEY,
        secret_hash  TEXT NOT NULL,
        name         TEXT NOT NULL,
        scopes       TEXT NOT NULL,
        created      TEXT NOT NULL,
        revoked      TEXT
      );
      CREATE TABLE launch_tokens (
        token    TEXT PRIMARY KEY,
        data     TEXT NOT NULL,
        fetched  INTEGER NOT NULL DEFAULT 0,
        expires  TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'verb of the statement a StatementRef targets (verb filter matches it)',
    sql: `
      ALTER TABLE statements ADD COLUMN ref_verb_id TEXT;
      CREATE INDEX statements_ref_verb ON statements (ref_verb_id, seq) WHERE ref_verb_id IS NOT NULL;
    `,
  },
  {
    version: 3,
    name: 'agent and activity filters index small integer ids instead of their keys',
    // Every statement adds a row per agent and activity it mentions. Keyed by text, those two
    // indexes grew to a third of the file and fell out of the page cache; by integer they are a
    // fifth of that size.
    sql: `
      CREATE TABLE agent_keys (
        id   INTEGER PRIMARY KEY,
        key  TEXT NOT NULL UNIQUE
      );
      CREATE TABLE activity_keys (
        id           INTEGER PRIMARY KEY,
        activity_id  TEXT NOT NULL UNIQUE
      );
      INSERT INTO agent_keys (key) SELECT DISTINCT agent_key FROM statement_agents;
      INSERT INTO activity_keys (activity_id) SELECT DISTINCT activity_id FROM statement_activities;
      CREATE TABLE statement_agent_ids (
        agent   INTEGER NOT NULL,
        seq     INTEGER NOT NULL,
        direct  INTEGER NOT NULL,
        PRIMARY KEY (agent, seq)
      ) WITHOUT ROWID;
      CREATE TABLE statement_activity_ids (
        activity  INTEGER NOT NULL,
        seq       INTEGER NOT NULL,
        direct    INTEGER NOT NULL,
        PRIMARY KEY (activity, seq)
      ) WITHOUT ROWID;
      INSERT INTO statement_agent_ids (agent, seq, direct)
        SELECT k.id, a.seq, a.direct FROM statement_agents a JOIN agent_keys k ON k.key = a.agent_key;
      INSERT INTO statement_activity_ids (activity, seq, direct)
        SELECT k.id, t.seq, t.direct FROM statement_activities t JOIN activity_keys k ON k.activity_id = t.activity_id;
      DROP TABLE statement_agents;
      DROP TABLE statement_activities;
    `,
  },
  {
    version: 4,
    name: 'account agents filed under the unambiguous key account:[homePage, name]',
    sql: '',
    run: rewriteAccountKeys,
  },
  {
    version: 5,
    name: 'the log of per-learner erasures',
    // Who ran it, when and how many rows went; never the learner or anything erased.
    sql: `
      CREATE TABLE erasures (
        at                    TEXT NOT NULL,
        operator              TEXT NOT NULL,
        reference             TEXT NOT NULL,
        mode                  TEXT NOT NULL CHECK (mode IN ('delete', 'anonymise')),
        statements_deleted    INTEGER NOT NULL,
        statements_rewritten  INTEGER NOT NULL,
        documents_deleted     INTEGER NOT NULL
      );
    `,
  },
  {
    version: 6,
    name: 'which statements list each attachment, so erasure and retention delete the contents none lists',
    // Contents are shared by hash; one goes when the last statement listing it goes. The rows
    // exist only for statements with attachments: the scan below reads every body once.
    sql: `
      CREATE TABLE statement_attachments (
        sha2  TEXT NOT NULL,
        seq   INTEGER NOT NULL,
        PRIMARY KEY (sha2, seq)
      ) WITHOUT ROWID;
      CREATE INDEX statement_attachments_seq ON statement_attachments (seq);
      INSERT OR IGNORE INTO statement_attachments (sha2, seq)
        SELECT lower(json_extract(a.value, '$.sha2')), s.seq FROM statements s, json_each(s.body, '$.attachments') a
         WHERE instr(s.body, '"attachments"') > 0 AND json_extract(a.value, '$.sha2') IS NOT NULL;
      ALTER TABLE erasures ADD COLUMN attachments_deleted INTEGER NOT NULL DEFAULT 0;
    `,
  },
];

export function migrate(db: Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS bd_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)');
  const applied = new Set(db.prepare('SELECT version FROM bd_migrations').pluck().all() as number[]);
  for (const m of MIGRATIONS) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      m.run?.(db);
      db.prepare('INSERT INTO bd_migrations (version, name, applied) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
    }).immediate();
  }
}
