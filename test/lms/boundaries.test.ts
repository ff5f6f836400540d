/**
 * The preview LMS keeps records of its own (SCORM attempts, cmi5 registrations) but opens no
 * database driver itself: the SQLite driver is used only inside the LRS's store folder, which
 * hands the LMS a small typed handle. A direct driver import anywhere under src/lms fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const lmsDir = path.resolve(import.meta.dirname, '..', '..', 'src', 'lms');
const DRIVERS = ['better-sqlite3', 'pg', 'pg-pool', 'sqlite3', 'node:sqlite'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

describe('preview LMS boundaries', () => {
  it('imports no database driver (type-only imports included)', () => {
    const offending = sourceFiles(lmsDir).flatMap((file) =>
      ts
        .preProcessFile(readFileSync(file, 'utf8'), true, true)
        .importedFiles.filter((i) => DRIVERS.includes(i.fileName))
        .map((i) => `${path.relative(lmsDir, file)} imports ${i.fileName}`),
    );
    expect(offending).toEqual([]);
  });
});
