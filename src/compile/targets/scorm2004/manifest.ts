/**
 * imsmanifest.xml for SCORM 2004 4th edition: one SCO per module (as in SCORM 1.2, so each
 * module keeps its own status, score and resume state), the shared player as an asset, flow
 * and choice navigation, a primary objective per graded module, completion by progress measure.
 * Module metadata (LOM) lives in a file of its own next to the module, referenced by
 * adlcp:location, so the manifest validates without the LOM schemas.
 */
import type { Course } from '../../../core/index.js';
import type { PackageFile, Target, TargetContext } from '../../target.js';
import { escapeXml as x } from '../../xml.js';
import { scormResources, xmlId } from '../scorm-resources.js';
import { moduleLom } from '../scorm12/index.js';
import { itemSequencing, organizationSequencing } from './sequencing.js';

const NS = {
  cp: 'http://www.imsglobal.org/xsd/imscp_v1p1',
  adlcp: 'http://www.adlnet.org/xsd/adlcp_v1p3',
  adlseq: 'http://www.adlnet.org/xsd/adlseq_v1p3',
  adlnav: 'http://www.adlnet.org/xsd/adlnav_v1p3',
  imsss: 'http://www.imsglobal.org/xsd/imsss',
  imsmd: 'http://www.imsglobal.org/xsd/imsmd_rootv1p2p1',
} as const;

export function metadataPath(moduleId: string): string {
  return `modules/${moduleId}/metadata.xml`;
}

/**
 * A one-SCO package (`--split modules`) asks the LMS to hide its own previous/continue controls
 * (SCORM 2004 CAM, adlnav:hideLMSUI): there is no other SCO to go to, and an LMS's ">" beside the
 * module's own "Trang trước / Trang sau" reads as "next page". A package of several SCOs does
 * not: Moodle 4.5 takes hideLMSUI continue on a SCO to mean the content itself will ask for the
 * next one, and then renders the next SCO in its table of contents as plain text, not a link
 * (mod/scorm/locallib.php); the next module could no longer be opened, and a launch of it found
 * no data model (seen in Moodle 4.5.6: "Cannot read properties of undefined (reading 'cmi.mode')").
 */
export const HIDDEN_LMS_CONTROLS = ['previous', 'continue'] as const;

function presentation(indent: string): string[] {
  return [
    `${indent}<adlnav:presentation>`,
    `${indent}  <adlnav:navigationInterface>`,
    ...HIDDEN_LMS_CONTROLS.map((c) => `${indent}    <adlnav:hideLMSUI>${c}</adlnav:hideLMSUI>`),
    `${indent}  </adlnav:navigationInterface>`,
    `${indent}</adlnav:presentation>`,
  ];
}

export function scorm2004Manifest(ctx: TargetContext): string {
  const c: Course = ctx.course;
  const org = xmlId('ORG', c.id);
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(
    `<manifest identifier="${xmlId('MANIFEST', c.id)}" version="${x(c.version)}"` +
      ` xmlns="${NS.cp}" xmlns:adlcp="${NS.adlcp}" xmlns:adlseq="${NS.adlseq}"` +
      ` xmlns:adlnav="${NS.adlnav}" xmlns:imsss="${NS.imsss}"` +
      ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
      ` xsi:schemaLocation="${NS.cp} imscp_v1p1.xsd ${NS.adlcp} adlcp_v1p3.xsd ${NS.adlseq} adlseq_v1p3.xsd` +
      ` ${NS.adlnav} adlnav_v1p3.xsd ${NS.imsss} imsss_v1p0.xsd">`,
  );
  out.push('  <metadata>');
  out.push('    <schema>ADL SCORM</schema>');
  out.push('    <schemaversion>2004 4th Edition</schemaversion>');
  out.push('  </metadata>');
  out.push(`  <organizations default="${org}">`);
  out.push(`    <organization identifier="${org}" adlseq:objectivesGlobalToSystem="false">`);
  out.push(`      <title>${x(c.title)}</title>`);
  for (const m of c.modules) {
    const id = m.meta.id;
    out.push(`      <item identifier="${xmlId('ITEM', id)}" identifierref="${xmlId('RES', id)}" isvisible="true">`);
    out.push(`        <title>${x(m.meta.title)}</title>`);
    out.push(`        <metadata><adlcp:location>${x(metadataPath(id))}</adlcp:location></metadata>`);
    // The player reports progress_measure as the share of pages seen: all seen = completed.
    out.push('        <adlcp:completionThreshold completedByMeasure="true" minProgressMeasure="1.0"/>');
    out.push(itemSequencing(m, xmlId('OBJ', id), '        '));
    if (c.modules.length === 1) out.push(...presentation('        '));
    out.push('      </item>');
  }
  out.push(organizationSequencing('      '));
  out.push('    </organization>');
  out.push('  </organizations>');
  out.push(...scormResources(ctx, { scormTypeAttribute: 'adlcp:scormType', extraFiles: (id) => [metadataPath(id)] }));
  out.push('</manifest>');
  return `${out.join('\n')}\n`;
}

/** A module's metadata file: the IMS Metadata LOM record, positions, tier and study time. */
export function moduleMetadataFile(ctx: TargetContext, moduleId: string): string {
  const m = ctx.course.modules.find((x) => x.meta.id === moduleId);
  if (!m) throw new Error(`unknown module ${moduleId}`);
  const lom = moduleLom(m.meta, ctx.taxonomy, '').replace('<imsmd:lom>', `<imsmd:lom xmlns:imsmd="${NS.imsmd}">`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${lom}\n`;
}

export const scorm2004Target: Target = {
  format: 'scorm2004',
  schemaFolder: 'scorm2004',
  manifests(ctx: TargetContext): PackageFile[] {
    return [
      { path: 'imsmanifest.xml', data: scorm2004Manifest(ctx) },
      ...ctx.course.modules.map((m) => ({ path: metadataPath(m.meta.id), data: moduleMetadataFile(ctx, m.meta.id) })),
    ];
  },
};
