/**
 * What a browser test of an LRS-based package starts with: Chromium, the project's LRS and the
 * fixture course built in one format and served on 127.0.0.1, stopped together.
 */
import type { Browser } from 'playwright-core';
import type { Course, PackageFormat } from '../../../src/core/index.js';
import { buildRuntime, launchChromium, servePackage, type ServedPackage } from '../../e2e/harness/index.js';
import { sampleCourse } from '../course.js';
import { startProjectLrs, type ProjectLrs } from './lrs.js';

export interface PackageUnderLrs {
  readonly browser: Browser;
  readonly lrs: ProjectLrs;
  readonly pkg: ServedPackage;
  readonly course: Course;
  close(): Promise<void>;
}

export async function startPackageUnderLrs(fixture: string, format: PackageFormat): Promise<PackageUnderLrs> {
  buildRuntime();
  const { course, taxonomy } = await sampleCourse(fixture);
  const [browser, lrs, pkg] = await Promise.all([launchChromium(), startProjectLrs(), servePackage(course, taxonomy, format)]);
  return {
    browser,
    lrs,
    pkg,
    course,
    close: async () => {
      await Promise.all([browser.close(), lrs.close(), pkg.close()]);
    },
  };
}
