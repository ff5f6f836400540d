import Database from 'better-sqlite3';
import { SqliteDocuments } from '../../src/lrs/store/sqlite/documents.js';
import { documentContract } from './contract/documents.js';

// The same document contract as on PostgreSQL, on an in-memory SQLite database.
documentContract('sqlite', async () => new SqliteDocuments(new Database(':memory:')));
