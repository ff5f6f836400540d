/**
 * cmi5.xml: the course and one AU per module, ids are the stable activity IRIs. A module with
 * graded components moves on when completed and passed (masteryScore = pass mark / 10);
 * a reading-only module when completed.
 */
import { CMI5, iri, type Course, type Module } from '../../../core/index.js';
import type { PackageFile, Target, TargetContext } from '../../target.js';
import { escapeXml as x } from '../../xml.js';
import { isGraded, minNormalizedMeasure } from '../scorm2004/index.js';

function text(tag: string, value: string, lang: string, pad: string): string {
  return `${pad}<${tag}><langstring lang="${x(lang)}">${x(value)}</langstring></${tag}>`;
}

export function moveOn(m: Module): 'CompletedAndPassed' | 'Completed' {
  return isGraded(m) ? 'CompletedAndPassed' : 'Completed';
}

export function cmi5Xml(ctx: TargetContext): string {
  const c: Course = ctx.course;
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(`<courseStructure xmlns="${CMI5.courseStructureNamespace}">`);
  out.push(`  <course id="${x(iri.course(c))}">`);
  out.push(text('title', c.title, c.language, '    '));
  out.push(text('description', c.description ?? c.title, c.language, '    '));
  out.push('  </course>');
  for (const m of c.modules) {
    const lang = m.meta.language;
    const mastery = isGraded(m) ? ` masteryScore="${minNormalizedMeasure(m.meta.pass)}"` : '';
    out.push(`  <au id="${x(iri.module(c, m.meta.id))}" moveOn="${moveOn(m)}"${mastery} launchMethod="AnyWindow">`);
    out.push(text('title', m.meta.title, lang, '    '));
    out.push(text('description', m.meta.description || m.meta.objectives.join('; ') || m.meta.title, lang, '    '));
    out.push(`    <url>${x(ctx.launchPath(m.meta.id))}</url>`);
    out.push('  </au>');
  }
  out.push('</courseStructure>');
  return `${out.join('\n')}\n`;
}

export const cmi5Target: Target = {
  format: 'cmi5',
  manifests(ctx: TargetContext): PackageFile[] {
    return [{ path: 'cmi5.xml', data: cmi5Xml(ctx) }];
  },
};
