import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { launchPath } from '../../src/compile/course-package.js';
import type { TargetContext } from '../../src/compile/target.js';
import { targetFor } from '../../src/compile/targets/index.js';
import { iri, type Course } from '../../src/core/model.js';
import { sampleCourse, xmllint, xsdDir } from './course.js';

let ctx: TargetContext;
let course: Course;

beforeAll(async () => {
  const s = await sampleCourse();
  course = s.course;
  const files = ['player/player.js', 'player/player.css'];
  for (const m of course.modules) files.push(launchPath(m.meta.id), `modules/${m.meta.id}/assets/so-do.svg`);
  ctx = { course, taxonomy: s.taxonomy, launchPath, files: files.sort() };
});

function manifest(format: string, file: string): string {
  const t = targetFor(format);
  if (!t) throw new Error(`no target ${format}`);
  const f = t.manifests(ctx).find((x) => x.path === file);
  if (!f || typeof f.data !== 'string') throw new Error(`${format} has no ${file}`);
  return f.data;
}

describe('SCORM 2004 4th edition manifest', () => {
  it('validates against the SCORM 2004 schemas (CP, ADL CP/SEQ/NAV, IMS SS)', () => {
    expect(xmllint(manifest('scorm2004', 'imsmanifest.xml'), path.join(xsdDir, 'scorm2004', 'all.xsd'))).toBe('');
  });

  it('has one SCO per module, a measure-satisfied objective from the pass mark, flow navigation', () => {
    const xml = manifest('scorm2004', 'imsmanifest.xml');
    expect(xml.match(/adlcp:scormType="sco"/g)).toHaveLength(course.modules.length);
    expect(xml).toContain('<imsss:controlMode choice="true" flow="true"/>');
    expect(xml).toContain('completedByMeasure="true" minProgressMeasure="1.0"');
    const graded = course.modules.filter((m) => [...m.tests, ...m.cases].some((x) => x.weight > 0));
    expect(graded.length).toBeGreaterThan(0);
    for (const m of graded) {
      const item = xml.slice(xml.indexOf(`<item identifier="ITEM-${m.meta.id}"`));
      const objective = item.slice(0, item.indexOf('</item>'));
      expect(objective).toContain('satisfiedByMeasure="true"');
      expect(objective).toContain(`<imsss:minNormalizedMeasure>${m.meta.pass / 10}</imsss:minNormalizedMeasure>`);
    }
  });

  it('keeps LOM metadata out of the manifest, in a file per module it references', () => {
    const t = targetFor('scorm2004')!;
    const files = t.manifests(ctx);
    const xml = manifest('scorm2004', 'imsmanifest.xml');
    expect(xml).not.toContain('<imsmd:lom');
    for (const m of course.modules) {
      const meta = files.find((f) => f.path === `modules/${m.meta.id}/metadata.xml`);
      expect(meta?.data).toContain(m.meta.title.replace(/&/g, '&amp;'));
      expect(xml).toContain(`<adlcp:location>modules/${m.meta.id}/metadata.xml</adlcp:location>`);
    }
  });
});

describe('cmi5 course structure', () => {
  it('validates against CourseStructure.xsd', () => {
    expect(xmllint(manifest('cmi5', 'cmi5.xml'), path.join(xsdDir, 'cmi5', 'CourseStructure.xsd'))).toBe('');
  });

  it('names the course and each AU by its activity IRI, moveOn and masteryScore from the module', () => {
    const xml = manifest('cmi5', 'cmi5.xml');
    expect(xml).toContain(`<course id="${iri.course(course)}">`);
    for (const m of course.modules) {
      const graded = [...m.tests, ...m.cases].some((x) => x.weight > 0);
      const au = graded
        ? `<au id="${iri.module(course, m.meta.id)}" moveOn="CompletedAndPassed" masteryScore="${m.meta.pass / 10}" launchMethod="AnyWindow">`
        : `<au id="${iri.module(course, m.meta.id)}" moveOn="Completed" launchMethod="AnyWindow">`;
      expect(xml).toContain(au);
      expect(xml).toContain(`<url>modules/${m.meta.id}/index.html</url>`);
    }
    expect(xml).toContain('<langstring lang="vi">');
  });

  it('rejects a manifest that breaks the schema (the check can fail)', () => {
    const broken = manifest('cmi5', 'cmi5.xml').replace('launchMethod="AnyWindow"', 'launchMethod="NewTab"');
    expect(xmllint(broken, path.join(xsdDir, 'cmi5', 'CourseStructure.xsd'))).toMatch(/launchMethod/);
  });
});

describe('xAPI (Tin Can) package', () => {
  it('lists course and modules by IRI and launches a page that carries no LRS address or credentials', () => {
    const xml = manifest('xapi', 'tincan.xml');
    expect(xml).toContain(`<activity id="${iri.course(course)}" type="http://adlnet.gov/expapi/activities/course">`);
    for (const m of course.modules) expect(xml).toContain(`<activity id="${iri.module(course, m.meta.id)}"`);
    expect(xml).toContain('<launch lang="vi">index.html</launch>');
    const page = manifest('xapi', 'index.html');
    expect(page).not.toMatch(/Basic |endpoint=http|auth=/);
    for (const m of course.modules) expect(page).toContain(`href="modules/${m.meta.id}/index.html"`);
  });

  it('gives the same bytes on every build', () => {
    expect(manifest('xapi', 'tincan.xml')).toBe(manifest('xapi', 'tincan.xml'));
    expect(manifest('scorm2004', 'imsmanifest.xml')).toBe(manifest('scorm2004', 'imsmanifest.xml'));
  });
});

describe('the SCORM 2004 check can fail', () => {
  it('rejects sequencing elements out of schema order', () => {
    const xml = manifest('scorm2004', 'imsmanifest.xml').replace('<imsss:controlMode choice="true" flow="true"/>', '<imsss:controlMode choice="maybe" flow="true"/>');
    expect(xmllint(xml, path.join(xsdDir, 'scorm2004', 'all.xsd'))).toMatch(/choice/);
  });
});
