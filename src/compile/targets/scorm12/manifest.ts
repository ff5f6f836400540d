/**
 * imsmanifest.xml for SCORM 1.2: one organization, one SCO per module (each with its own mastery
 * score, study time and resume state), the shared player as an asset resource they depend on.
 */
import type { Course, Taxonomy } from '../../../core/index.js';
import { escapeXml as x } from '../../xml.js';
import { scormResources, xmlId } from '../scorm-resources.js';
import type { PackageFile, Target, TargetContext } from '../../target.js';
import { moduleLom } from './lom.js';

/** SCORM 1.2 masteryscore is compared with score.raw, which we report as a percentage. */
export function masteryScore(passMark10: number): number {
  return Math.round(Math.min(10, Math.max(0, passMark10)) * 10);
}

export function scorm12Manifest(ctx: TargetContext): string {
  const c: Course = ctx.course;
  const taxonomy: Taxonomy = ctx.taxonomy;
  const org = xmlId('ORG', c.id);
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(
    `<manifest identifier="${xmlId('MANIFEST', c.id)}" version="${x(c.version)}"` +
      ' xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"' +
      ' xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"' +
      ' xmlns:imsmd="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"' +
      ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
      ' xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd' +
      ' http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd' +
      ' http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">',
  );
  out.push('  <metadata>');
  out.push('    <schema>ADL SCORM</schema>');
  out.push('    <schemaversion>1.2</schemaversion>');
  out.push('    <imsmd:lom>');
  out.push('      <imsmd:general>');
  out.push(`        <imsmd:title><imsmd:langstring xml:lang="${c.language}">${x(c.title)}</imsmd:langstring></imsmd:title>`);
  out.push(`        <imsmd:language>${c.language}</imsmd:language>`);
  if (c.description) {
    out.push(`        <imsmd:description><imsmd:langstring xml:lang="${c.language}">${x(c.description)}</imsmd:langstring></imsmd:description>`);
  }
  out.push('      </imsmd:general>');
  out.push('    </imsmd:lom>');
  out.push('  </metadata>');
  out.push(`  <organizations default="${org}">`);
  out.push(`    <organization identifier="${org}">`);
  out.push(`      <title>${x(c.title)}</title>`);
  for (const m of c.modules) {
    const id = m.meta.id;
    out.push(`      <item identifier="${xmlId('ITEM', id)}" identifierref="${xmlId('RES', id)}" isvisible="true">`);
    out.push(`        <title>${x(m.meta.title)}</title>`);
    out.push('        <metadata>');
    out.push(moduleLom(m.meta, taxonomy, '          '));
    out.push('        </metadata>');
    // AICC script: every prerequisite module must be passed or completed before this one.
    const prerequisites = m.meta.prerequisites.filter((p) => c.modules.some((o) => o.meta.id === p));
    if (prerequisites.length > 0) {
      out.push(`        <adlcp:prerequisites type="aicc_script">${x(prerequisites.map((p) => xmlId('ITEM', p)).join('&'))}</adlcp:prerequisites>`);
    }
    out.push(`        <adlcp:masteryscore>${masteryScore(m.meta.pass)}</adlcp:masteryscore>`);
    out.push('      </item>');
  }
  out.push('    </organization>');
  out.push('  </organizations>');
  out.push(...scormResources(ctx, { scormTypeAttribute: 'adlcp:scormtype' }));
  out.push('</manifest>');
  return `${out.join('\n')}\n`;
}

export const scorm12Target: Target = {
  format: 'scorm12',
  schemaFolder: 'scorm12',
  manifests(ctx: TargetContext): PackageFile[] {
    return [{ path: 'imsmanifest.xml', data: scorm12Manifest(ctx) }];
  },
};
