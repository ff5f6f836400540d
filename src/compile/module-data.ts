/** The ModulePackage JSON one module's page carries into the browser. */
import {
  type Course,
  type Module,
  iri,
  type ModulePackage,
  type PackageFormat,
  type PackedTest,
  type Question,
  packQuestions,
  resolvePools,
  type Taxonomy,
} from '../core/index.js';

/** Every question of the course, in course order (tests may draw across modules). */
export function courseQuestions(course: Course): Question[] {
  return course.modules.flatMap((m) => m.questions);
}

/**
 * Where a test or case was written stays behind, as for questions: the source file's path is
 * relative to the folder the build ran from, so carrying it would make the package's bytes depend
 * on that folder, and it tells the learner nothing.
 */
function withoutSource<T extends { readonly file: string; readonly line: number }>(item: T): T {
  return { ...item, file: '', line: 0 };
}

/**
 * @param onePackage the package holds every module of the course (not `--split modules`).
 */
export function moduleData(course: Course, module: Module, format: PackageFormat, taxonomy: Taxonomy, onePackage = false): ModulePackage {
  const all = courseQuestions(course);
  const tests: PackedTest[] = module.tests.map((t) => ({ ...withoutSource(t), pools: resolvePools(t, all) }));
  // The module's own questions, then those its tests may draw, each once.
  const wanted = new Set<string>(module.questions.map((q) => q.id));
  for (const t of tests) for (const p of t.pools) for (const id of p.questionIds) wanted.add(id);
  const questions = all.filter((q) => wanted.has(q.id));
  const index = course.modules.indexOf(module);
  return {
    schema: 1,
    format,
    lang: module.meta.language,
    course: {
      id: course.id,
      title: course.title,
      activityId: iri.course(course),
      version: course.version,
      modules: course.modules.map((m) => ({ id: m.meta.id, title: m.meta.title, test: m.tests.length > 0 })),
      ...(onePackage && course.modules.length > 1 ? { onePackage: true } : {}),
    },
    module: { ...module.meta, activityId: iri.module(course, module.meta.id), index, count: course.modules.length },
    pages: module.pages,
    questions: packQuestions(questions),
    tests,
    cases: module.cases.map(withoutSource),
    gradeBands: taxonomy.gradeBands,
  };
}
