/**
 * Each SCORM package carries, at its root, the official XSD files its manifest's
 * xsi:schemaLocation names (and what they include), taken from the project's schemas/xsd; the
 * manifest validates with xmllint against the shipped files alone.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPackage, targetFor } from '../../src/compile/index.js';
import { schemaLocationFiles } from '../../src/compile/schema-files.js';
import { extractZip, readZip } from '../e2e/harness/zip-read.js';
import { FIXED_RUNTIME, loadFixture, repoRoot, SAMPLE, XSD } from './helpers.js';

const temps: string[] = [];
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

async function sampleZip(format: string): Promise<Uint8Array> {
  const { course, taxonomy } = await loadFixture(SAMPLE);
  return buildPackage(course, taxonomy, targetFor(format)!, FIXED_RUNTIME);
}

describe.each(['scorm12', 'scorm2004'])('%s package schemas', (format) => {
  it('holds every file the manifest names in xsi:schemaLocation, at the root, byte for byte the project copy', async () => {
    const files = readZip(await sampleZip(format));
    const manifest = files.find((f) => f.path === 'imsmanifest.xml')!.data.toString('utf8');
    const named = schemaLocationFiles(manifest);
    expect(named.length).toBeGreaterThanOrEqual(3);
    for (const name of named) {
      const shipped = files.find((f) => f.path === name);
      expect(shipped, name).toBeDefined();
      expect(shipped!.data.equals(readFileSync(path.join(XSD, format, name)))).toBe(true);
    }
    // Nothing but the schemas and what they pull in: no test driver, no notes.
    const root = files.filter((f) => !f.path.includes('/')).map((f) => f.path);
    expect(root.filter((p) => !/\.(xsd|dtd)$/.test(p))).toEqual(['imsmanifest.xml']);
    expect(root).not.toContain('all.xsd');
  });

  it('the manifest validates with xmllint against the shipped schema files alone', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), `bd-${format}-schemas-`));
    temps.push(dir);
    extractZip(await sampleZip(format), dir);
    // The driver only imports each namespace by the shipped file name; every byte it checks comes from the package.
    copyFileSync(path.join(XSD, format, 'all.xsd'), path.join(dir, 'driver.xsd'));
    const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', 'driver.xsd', 'imsmanifest.xml'], { cwd: dir, encoding: 'utf8' });
    expect(r.error).toBeUndefined();
    expect(r.stderr).toContain('imsmanifest.xml validates');
    expect(r.status).toBe(0);
  });
});

describe('formats without schemas', () => {
  it.each(['cmi5', 'xapi'])('a %s package carries no XSD', async (format) => {
    const paths = readZip(await sampleZip(format)).map((f) => f.path);
    expect(paths.filter((p) => p.endsWith('.xsd'))).toEqual([]);
  });
});

describe('the repository stands alone', () => {
  /** Every test, script and build file, read as text. */
  function sources(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const p = path.join(dir, name);
      if (name === 'node_modules' || name === 'fixtures' || name === 'golden') return [];
      return statSync(p).isDirectory() ? sources(p) : /\.(ts|mjs|js|sh|json)$|^run$/.test(name) ? [p] : [];
    });
  }

  it('no test or script reads schemas or data from outside the project', () => {
    const files = [...['test', 'scripts', 'build', '.ci'].flatMap((d) => sources(path.join(repoRoot, d))), path.join(repoRoot, 'package.json')];
    const outside = files.filter((f) => /\.\.\/shared|['"]shared['"]\s*,\s*['"]xsd|repoRoot,\s*['"]\.\.['"]/.test(readFileSync(f, 'utf8')));
    expect(outside.map((f) => path.relative(repoRoot, f))).toEqual([]);
  });
});
