/**
 * The data a compiled module carries into the browser (embedded as JSON in its index.html).
 * Written by compile/, read by runtime/.
 */
import type { CaseStudy } from './case/index.js';
import type { ModuleMeta, Page } from './model.js';
import type { TestSpec } from './quiz/index.js';
import type { GradeBand } from './taxonomy.js';

export type PackageFormat = 'scorm12' | 'scorm2004' | 'cmi5' | 'xapi';

export const PACKAGE_FORMATS: readonly PackageFormat[] = ['scorm12', 'scorm2004', 'cmi5', 'xapi'];

/** A test with the question ids it may draw from, resolved across the course at compile time. */
export interface PackedTest extends TestSpec {
  /** One pool per draw, in draw order: the ids eligible and how many to take. */
  readonly pools: readonly { readonly questionIds: readonly string[]; readonly count: number }[];
}

/** One module of the course as another module's page knows it: enough to say what comes next. */
export interface CourseStep {
  readonly id: string;
  readonly title: string;
  /** Whether the module holds a test (the course's final test is often a module of its own). */
  readonly test: boolean;
}

export interface ModulePackage {
  readonly schema: 1;
  readonly format: PackageFormat;
  readonly lang: 'vi' | 'en';
  readonly course: {
    readonly id: string;
    readonly title: string;
    readonly activityId: string;
    readonly version: string;
    /** Every module in course order (pages built before this field have none). */
    readonly modules?: readonly CourseStep[];
    /**
     * Every module is in this one package (a whole-course SCORM package's SCOs): the LMS's own
     * table of contents and next button lead to the next module, not its course page.
     */
    readonly onePackage?: boolean;
  };
  readonly module: ModuleMeta & {
    readonly activityId: string;
    /** 0-based position in the course, and the course's module count. */
    readonly index: number;
    readonly count: number;
  };
  readonly pages: readonly Page[];
  /**
   * Every question a component of this module may show: its own knowledge checks and the
   * questions its tests can draw (which may come from other modules).
   * Answer keys are obfuscated by the quiz engine's packer, never stored as plain text.
   */
  readonly questions: readonly unknown[];
  readonly tests: readonly PackedTest[];
  readonly cases: readonly CaseStudy[];
  readonly gradeBands: readonly GradeBand[];
  /**
   * Set when the page carries only what its first page needs: the file (next to the page) that
   * holds every question and the cases in full, loaded once the first page is up. Until then
   * `questions` holds the first page's and each case only its id, title and weight.
   */
  readonly later?: string;
}

/** What a page's later file hands over: `questions` and `cases` of the module, in full. */
export interface LaterData {
  readonly questions: readonly unknown[];
  readonly cases: readonly CaseStudy[];
}

/** The global the later file sets, read by the player when the file has loaded. */
export const LATER_GLOBAL = 'boiduongLater';
