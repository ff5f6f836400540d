/** The report's view of the courses, derived from the course model. */
import { iri, type Course } from '../core/index.js';
import type { CatalogueCourse } from './model.js';

export function catalogueOf(courses: readonly Course[]): CatalogueCourse[] {
  return courses.map((c) => ({
    id: c.id,
    activityId: iri.course(c),
    title: c.title,
    modules: c.modules.map((m) => ({
      id: m.meta.id,
      activityId: iri.module(c, m.meta.id),
      title: m.meta.title,
      periods: m.meta.periods,
      pass: m.meta.pass,
      graded: m.tests.length > 0 || m.cases.length > 0,
    })),
  }));
}
