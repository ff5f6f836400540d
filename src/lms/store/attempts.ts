/**
 * The preview LMS's own records: one row per learner × module × format attempt, with the
 * SCORM CMI data scorm-again commits, so resume survives a server restart. The schema and the
 * queries are the LMS's; the file is opened by the LRS's SQLite folder, the one place that uses
 * the driver.
 */
import { randomUUID } from 'node:crypto';
import { openRecordFile, type RecordFile } from '../../lrs/index.js';

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

type Row = {
  id: string;
  learner: string;
  course: string;
  module: string;
  format: string;
  registration: string;
  cmi: string;
  created: string;
  updated: string;
};

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
  private readonly db: RecordFile;

  constructor(file: string) {
    this.db = openRecordFile(file, MIGRATIONS);
  }

  /** The learner's latest attempt at a module in a format, if any. */
  latest(learner: string, course: string, module: string, format: string): Attempt | undefined {
    const row = this.db.get<Row>(
      'SELECT * FROM attempt WHERE learner = ? AND course = ? AND module = ? AND format = ? ORDER BY created DESC, rowid DESC LIMIT 1',
      [learner, course, module, format],
    );
    return row ? toAttempt(row) : undefined;
  }

  get(id: string): Attempt | undefined {
    const row = this.db.get<Row>('SELECT * FROM attempt WHERE id = ?', [id]);
    return row ? toAttempt(row) : undefined;
  }

  create(learner: string, course: string, module: string, format: string, registration: string = randomUUID()): Attempt {
    const now = new Date().toISOString();
    const row: Row = { id: randomUUID(), learner, course, module, format, registration, cmi: '{}', created: now, updated: now };
    this.db.run('INSERT INTO attempt VALUES (@id, @learner, @course, @module, @format, @registration, @cmi, @created, @updated)', row);
    return toAttempt(row);
  }

  /** Store a commit; returns the CMI it replaces (for SCORM → xAPI diffs). */
  saveCmi(id: string, cmi: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
    return this.db.transaction(() => {
      const before = this.get(id);
      if (!before) throw new Error(`unknown attempt ${id}`);
      this.db.run('UPDATE attempt SET cmi = ?, updated = ? WHERE id = ?', [JSON.stringify(cmi), new Date().toISOString(), id]);
      return before.cmi;
    });
  }

  /** The cmi5 registration of a learner in a course, created on first launch. */
  registration(learner: string, course: string): { registration: string; satisfied: string | null } {
    const row = this.db.get<{ registration: string; satisfied: string | null }>(
      'SELECT registration, satisfied FROM registration WHERE learner = ? AND course = ?',
      [learner, course],
    );
    if (row) return row;
    const fresh = { registration: randomUUID(), satisfied: null };
    this.db.run('INSERT INTO registration (learner, course, registration) VALUES (?, ?, ?)', [learner, course, fresh.registration]);
    return fresh;
  }

  markSatisfied(learner: string, course: string, at: string): void {
    this.db.run('UPDATE registration SET satisfied = ? WHERE learner = ? AND course = ? AND satisfied IS NULL', [at, learner, course]);
  }

  close(): void {
    this.db.close();
  }
}
