/**
 * Which module of which course a Moodle SCO is. Our packages name the manifest
 * `MANIFEST-<course id>` and each module's item `ITEM-<module id>` (whole-course and
 * `--split modules` packages alike), and Moodle keeps both in its SCO rows: a SCO is matched by
 * those identifiers, never by its title (titles are edited, translated and repeated).
 */
import { iri, type Course, type Module } from '../core/index.js';
import type { MoodleSco } from './ws.js';

export interface ModuleRef {
  readonly course: Course;
  readonly module: Module;
  readonly moduleActivityId: string;
  readonly courseActivityId: string;
}

/** The same rule as the package manifests' identifiers (xs:ID: no spaces or other marks). */
const xmlId = (prefix: string, id: string): string => `${prefix}-${id.replace(/[^A-Za-z0-9_.-]/g, '_')}`;

export function moduleIndex(courses: readonly Course[]): (sco: MoodleSco) => ModuleRef | undefined {
  const byKey = new Map<string, ModuleRef>();
  for (const course of courses) {
    for (const module of course.modules) {
      byKey.set(`${xmlId('MANIFEST', course.id)}\u0000${xmlId('ITEM', module.meta.id)}`, {
        course,
        module,
        moduleActivityId: iri.module(course, module.meta.id),
        courseActivityId: iri.course(course),
      });
    }
  }
  return (sco) => (sco.scormtype === 'sco' ? byKey.get(`${sco.manifest}\u0000${sco.identifier}`) : undefined);
}
