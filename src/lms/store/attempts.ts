/**
 * The preview LMS's own records: one row per learner × module × format attempt, with the
 * SCORM CMI data scorm-again commits, so resume survives a server restart.
 * better-sqlite3 is imported only here.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Attempt {
  readonly id: string;
  readonly learner: string;
  readonly course: string;
  readonly module: string;
  readonly format: string;
  /** UUID for xAPI context.registration (cmi5: the course registration). */
  readonly registration: string;
  /** Flattened CMI as last committed (SCORM), or {} for cmi5/xAPI. */
  readonly cmi: Readonly<Record<string, string>>;
  readonly created: string;
  readonly updated: string;
}

interface Row {
  id: string;
  learner: string;
  course: string;
  module: string;
  format: string;
  registration: string;
  cmi: string;
  created: string;
  updated: string;
}

const MIGRATIONS = [
  `CREATE TABLE attempt (
     id TEXT PRIMARY KEY,
     learner TEXT NOT NULL,
     course TEXT NOT NULL,
     module TEXT NOT NULL,
     format TEXT NOT NULL,
     registration TEXT NOT NULL,
     cmi TEXT NOT NULL DEFAULT '{}',
     created TEXT NOT NULL,
     updated TEXT NOT NULL
   );
   CREATE INDEX attempt_by_learner ON attempt (learner, course, module, format, created);
   CREATE TABLE registration (
     learner TEXT NOT NULL,
     course TEXT NOT NULL,
     registration TEXT NOT NULL,
     satisfied TEXT,
     PRIMARY KEY (learner, course)
   );`,
];

const toAttempt = (r: Row): Attempt => ({ ...r, cmi: JSON.parse(r.cmi) as Record<string, string> });

export class AttemptStore {
  private readonly db: Database.Database;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    const version = this.db.pragma('user_version', { simple: true }) as number;
    for (let v = version; v < MIGRATIONS.length; v++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[v]!);
        this.db.pragma(`user_version = ${v + 1}`);
      })();
    }
  }

  /** The learner's latest attempt at a module in a format, if any. */
  latest(learner: string, course: string, module: string, format: string): Attempt | undefined {
    const row = this.db
      .prepare(
        'SELECT * FROM attempt WHERE learner = ? AND course = ? AND module = ? AND format = ? ORDER BY created DESC, rowid DESC LIMIT 1',
      )
      .get(learner, course, module, format) as Row | undefined;
    return row ? toAttempt(row) : undefined;
  }

  get(id: string): Attempt | undefined {
    const row = this.db.prepare('SELECT * FROM attempt WHERE id = ?').get(id) as Row | undefined;
    return row ? toAttempt(row) : undefined;
  }

  create(learner: string, course: string, module: string, format: string, registration: string = randomUUID()): Attempt {
    const now = new Date().toISOString();
    const row: Row = { id: randomUUID(), learner, course, module, format, registration, cmi: '{}', created: now, updated: now };
    this.db
      .prepare('INSERT INTO attempt VALUES (@id, @learner, @course, @module, @format, @registration, @cmi, @created, @updated)')
      .run(row);
    return toAttempt(row);
  }

  /** Store a commit; returns the CMI it replaces (for SCORM → xAPI diffs). */
  saveCmi(id: string, cmi: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
    return this.db.transaction(() => {
      const before = this.get(id);
      if (!before) throw new Error(`unknown attempt ${id}`);
      this.db.prepare('UPDATE attempt SET cmi = ?, updated = ? WHERE id = ?').run(JSON.stringify(cmi), new Date().toISOString(), id);
      return before.cmi;
    })();
  }

  /** The cmi5 registration of a learner in a course, created on first launch. */
  registration(learner: string, course: string): { registration: string; satisfied: string | null } {
    const row = this.db.prepare('SELECT registration, satisfied FROM registration WHERE learner = ? AND course = ?').get(learner, course) as
      | { registration: string; satisfied: string | null }
      | undefined;
    if (row) return row;
    const fresh = { registration: randomUUID(), satisfied: null };
    this.db.prepare('INSERT INTO registration (learner, course, registration) VALUES (?, ?, ?)').run(learner, course, fresh.registration);
    return fresh;
  }

  markSatisfied(learner: string, course: string, at: string): void {
    this.db.prepare('UPDATE registration SET satisfied = ? WHERE learner = ? AND course = ? AND satisfied IS NULL').run(at, learner, course);
  }

  close(): void {
    this.db.close();
  }
}
