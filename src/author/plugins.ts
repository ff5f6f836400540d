/** The block plugins the reader knows by name, and the cross-module checks that come with them. */
import type { Diagnostic, Course } from '../core/index.js';
import type { BlockPlugin } from './blocks.js';
import { casePlugin, courseChecks as caseCourseChecks } from './case/index.js';
import { courseChecks as quizCourseChecks, questionPlugin, testPlugin } from './quiz/index.js';

export type CourseCheck = (course: Course) => Diagnostic[];

export interface PluginRegistry {
  readonly blocks: ReadonlyMap<string, BlockPlugin>;
  readonly courseChecks: readonly CourseCheck[];
}

export const defaultPlugins: PluginRegistry = {
  blocks: new Map<string, BlockPlugin>([
    ['question', questionPlugin],
    ['test', testPlugin],
    ['case', casePlugin],
  ]),
  courseChecks: [quizCourseChecks, caseCourseChecks],
};
