import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchPath, masteryScore, periodsDuration, scorm12Manifest } from '../../src/compile/index.js';
import type { Course } from '../../src/core/model.js';
import type { Taxonomy } from '../../src/core/taxonomy.js';
import { loadFixture, SAMPLE, XSD } from './helpers.js';

const GOLDEN = path.join(path.dirname(new URL(import.meta.url).pathname), 'golden', 'mini-scorm12-imsmanifest.xml');
const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;

function manifestOf(course: Course, taxonomy: Taxonomy): string {
  const files = ['player/player.css', 'player/player.js', ...course.modules.map((m) => launchPath(m.meta.id))];
  for (const m of course.modules) for (const a of m.assets) files.push(`modules/${m.meta.id}/${a.target}`);
  return scorm12Manifest({ course, taxonomy, launchPath, files: files.sort() });
}

/** xmllint against the SCORM 1.2 driver schema (CP + ADL CP + IMS MD), returning its complaints. */
function validate(xml: string): { ok: boolean; output: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bd-manifest-'));
  try {
    const file = path.join(dir, 'imsmanifest.xml');
    writeFileSync(file, xml);
    const r = spawnSync('xmllint', ['--noout', '--schema', path.join(XSD, 'scorm12', 'all.xsd'), file], { encoding: 'utf8' });
    return { ok: r.status === 0, output: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('SCORM 1.2 manifest', () => {
  it('matches the golden file (UPDATE_GOLDEN=1 rewrites it)', async () => {
    const { course, taxonomy } = await loadFixture();
    const xml = manifestOf(course, taxonomy);
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(GOLDEN, xml);
    expect(existsSync(GOLDEN), `${GOLDEN} missing: run with UPDATE_GOLDEN=1`).toBe(true);
    expect(xml).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('carries one SCO per module with mastery score, tiết, positions and tier', async () => {
    const { course, taxonomy } = await loadFixture();
    const xml = manifestOf(course, taxonomy);
    expect(xml.match(/adlcp:scormtype="sco"/g)).toHaveLength(course.modules.length);
    // pass 6 on the 10-point scale → 60 (score.raw is a percentage); the default 5 → 50.
    expect(xml).toContain('<adlcp:masteryscore>60</adlcp:masteryscore>');
    expect(xml).toContain('<adlcp:masteryscore>50</adlcp:masteryscore>');
    expect(xml).toContain('<imsmd:datetime>PT1H30M</imsmd:datetime>'); // 2 tiết × 45 min
    expect(xml).toContain('<imsmd:id>bi-thu-dang-uy-xa</imsmd:id>');
    expect(xml).toContain('<imsmd:id>so-cap</imsmd:id>');
    expect(xml).toContain('href="modules/nhap-mon-tiep-dan/assets/so-do-phong-tiep.svg"');
  });

  it('turns module prerequisites into an AICC script of item ids', async () => {
    const { course, taxonomy } = await loadFixture(SAMPLE);
    const xml = manifestOf(course, taxonomy);
    const withPrereq = course.modules.find((m) => m.meta.prerequisites.length > 1)!;
    const script = withPrereq.meta.prerequisites.map((p) => `ITEM-${p}`).join('&amp;');
    expect(xml).toContain(`<adlcp:prerequisites type="aicc_script">${script}</adlcp:prerequisites>`);
  });

  it.skipIf(!hasXmllint)('validates against the SCORM 1.2 schemas (fixture and sample course)', async () => {
    for (const dir of [undefined, SAMPLE]) {
      const { course, taxonomy } = await loadFixture(dir);
      const r = validate(manifestOf(course, taxonomy));
      expect(r.output).toContain('validates');
      expect(r.ok).toBe(true);
    }
  });

  it.skipIf(!hasXmllint)('the schema check is real: a broken mastery score is rejected', async () => {
    const { course, taxonomy } = await loadFixture();
    const broken = manifestOf(course, taxonomy).replace('<adlcp:masteryscore>60</adlcp:masteryscore>', '<adlcp:masteryscore2>60</adlcp:masteryscore2>');
    expect(validate(broken).ok).toBe(false);
  });

  it('converts pass marks and periods', () => {
    expect(masteryScore(5)).toBe(50);
    expect(masteryScore(7.5)).toBe(75);
    expect(masteryScore(12)).toBe(100);
    expect(periodsDuration(1)).toBe('PT45M');
    expect(periodsDuration(4)).toBe('PT3H');
    expect(periodsDuration(10)).toBe('PT7H30M');
  });
});

