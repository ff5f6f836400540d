/**
 * The preview LMS keeps records of its own (SCORM attempts, cmi5 registrations) but opens no
 * database driver itself: the SQLite driver is used only inside the LRS's store folder, which
 * hands the LMS a small typed handle. A direct driver import anywhere under src/lms fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const srcDir = path.resolve(import.meta.dirname, '..', '..', 'src');
const lmsDir = path.join(srcDir, 'lms');
const DRIVERS = ['better-sqlite3', 'pg', 'pg-pool', 'sqlite3', 'node:sqlite'];

const importsOf = (file: string): string[] => ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((i) => i.fileName);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

describe('preview LMS boundaries', () => {
  it('imports no database driver (type-only imports included)', () => {
    const offending = sourceFiles(lmsDir).flatMap((file) =>
      importsOf(file)
        .filter((name) => DRIVERS.includes(name))
        .map((name) => `${path.relative(lmsDir, file)} imports ${name}`),
    );
    expect(offending).toEqual([]);
  });

  it('reaches other folders of src/ only through their index.ts', () => {
    // The SCORM → xAPI mapping is moving to core/ in a change of its own; until then its one
    // import of core/tracking is let through.
    const files = sourceFiles(lmsDir).filter((f) => path.basename(f) !== 'scorm-xapi.ts');
    const offending = files.flatMap((file) =>
      importsOf(file)
        .filter((name) => name.startsWith('.'))
        .map((name) => path.resolve(path.dirname(file), name))
        .filter((target) => !target.startsWith(`${lmsDir}${path.sep}`))
        .filter((target) => path.basename(target) !== 'index.js' || path.dirname(path.dirname(target)) !== srcDir)
        .map((target) => `${path.relative(lmsDir, file)} imports ${path.relative(srcDir, target)}`),
    );
    expect(offending).toEqual([]);
  });
});
