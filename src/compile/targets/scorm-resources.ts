/** The <resources> part shared by SCORM 1.2 and 2004 manifests: one SCO per module plus the player. */
import type { TargetContext } from '../target.js';
import { escapeXml as x } from '../xml.js';

export const PLAYER_RESOURCE = 'RES-player';

/** An XML ID (NCName): our ids are slugs, so only a prefix is needed to never start with a digit. */
export function xmlId(prefix: string, id: string): string {
  return `${prefix}-${id.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
}

export interface ResourceOptions {
  /** `adlcp:scormtype` in SCORM 1.2, `adlcp:scormType` in 2004. */
  readonly scormTypeAttribute: 'adlcp:scormtype' | 'adlcp:scormType';
  /** Files a module's SCO lists besides those in its folder (e.g. a metadata file). */
  readonly extraFiles?: (moduleId: string) => readonly string[];
}

export function scormResources(ctx: TargetContext, o: ResourceOptions): string[] {
  const out = ['  <resources>'];
  for (const m of ctx.course.modules) {
    const id = m.meta.id;
    const launch = ctx.launchPath(id);
    const folder = launch.slice(0, launch.lastIndexOf('/') + 1);
    out.push(`    <resource identifier="${xmlId('RES', id)}" type="webcontent" ${o.scormTypeAttribute}="sco" href="${x(launch)}">`);
    const files = new Set([...ctx.files.filter((p) => p.startsWith(folder)), ...(o.extraFiles?.(id) ?? [])]);
    for (const f of [...files].sort()) out.push(`      <file href="${x(f)}"/>`);
    out.push(`      <dependency identifierref="${PLAYER_RESOURCE}"/>`);
    out.push('    </resource>');
  }
  out.push(`    <resource identifier="${PLAYER_RESOURCE}" type="webcontent" ${o.scormTypeAttribute}="asset">`);
  for (const f of ctx.files.filter((p) => p.startsWith('player/'))) out.push(`      <file href="${x(f)}"/>`);
  out.push('    </resource>');
  out.push('  </resources>');
  return out;
}
