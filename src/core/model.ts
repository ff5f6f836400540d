/** Modules and courses after reading and validation: what every later phase consumes. */
import type { CaseStudy } from './case/index.js';
import type { Question, TestSpec } from './quiz/index.js';

export type ModuleLanguage = 'vi' | 'en';

/** Frontmatter of a module, with defaults applied. */
export interface ModuleMeta {
  readonly id: string;
  readonly title: string;
  readonly positions: readonly string[];
  /** Political-theory tier id, or null for "none". */
  readonly tier: string | null;
  /** Study time in tiết. */
  readonly periods: number;
  readonly language: ModuleLanguage;
  readonly objectives: readonly string[];
  readonly topics: readonly string[];
  readonly version: string;
  readonly prerequisites: readonly string[];
  /** Pass mark on the 10-point scale (default 5, TT 01/2018/TT-BNV). */
  readonly pass: number;
  readonly description?: string;
}

/** A page is the content under one level-2 heading. */
export interface Page {
  readonly id: string;
  readonly title: string;
  /**
   * Rendered HTML. Interactive blocks appear as placeholders the runtime mounts:
   * `<div data-bd-question="ID"></div>`, `<div data-bd-test="ID"></div>`, `<div data-bd-case="ID"></div>`.
   */
  readonly html: string;
  readonly line: number;
}

/** A file referenced by a module and copied into the package. */
export interface Asset {
  /** Absolute path on disk. */
  readonly source: string;
  /** Path inside the module folder of the package, transliterated: "assets/so-do.png". */
  readonly target: string;
}

export interface Module {
  /** Path relative to the course folder. */
  readonly file: string;
  readonly meta: ModuleMeta;
  readonly pages: readonly Page[];
  readonly questions: readonly Question[];
  readonly tests: readonly TestSpec[];
  readonly cases: readonly CaseStudy[];
  readonly assets: readonly Asset[];
}

export interface Provider {
  readonly name: string;
  readonly url?: string;
}

export interface Course {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly provider: Provider;
  /** IRI base for activity ids, e.g. "https://daotao.example.gov.vn/xapi/". Ends with '/'. */
  readonly iriBase: string;
  readonly language: ModuleLanguage;
  readonly version: string;
  /** Absolute folder of the course on disk. */
  readonly dir: string;
  /** Modules in course order. */
  readonly modules: readonly Module[];
}

/** Stable activity IRIs, derived only from ids so they survive rebuilds. */
export const iri = {
  course: (c: Pick<Course, 'iriBase' | 'id'>): string => `${c.iriBase}courses/${c.id}`,
  module: (c: Pick<Course, 'iriBase' | 'id'>, moduleId: string): string => `${c.iriBase}courses/${c.id}/modules/${moduleId}`,
  question: (c: Pick<Course, 'iriBase' | 'id'>, questionId: string): string =>
    `${c.iriBase}courses/${c.id}/questions/${questionId}`,
  test: (c: Pick<Course, 'iriBase' | 'id'>, testId: string): string => `${c.iriBase}courses/${c.id}/tests/${testId}`,
  case: (c: Pick<Course, 'iriBase' | 'id'>, caseId: string): string => `${c.iriBase}courses/${c.id}/cases/${caseId}`,
  scene: (c: Pick<Course, 'iriBase' | 'id'>, caseId: string, sceneId: string): string =>
    `${c.iriBase}courses/${c.id}/cases/${caseId}/scenes/${sceneId}`,
};
