/**
 * The packages the preview LMS hosts, built in memory from the course model (one file map per
 * course and format), so a rebuild in watch mode is a swap of one map.
 */
import type { Course, PackageFormat, Taxonomy } from '../core/index.js';
import { packageFiles, targetFor, type RuntimeFiles } from '../compile/index.js';

export class PackageSites {
  private readonly sites = new Map<string, Map<string, string | Uint8Array>>();

  constructor(
    private readonly runtime: RuntimeFiles,
    readonly formats: readonly PackageFormat[],
  ) {}

  /** (Re)build every format of a course. */
  set(course: Course, taxonomy: Taxonomy): void {
    for (const format of this.formats) {
      const target = targetFor(format);
      if (!target) throw new Error(`no target for ${format}`);
      const files = packageFiles(course, taxonomy, target, this.runtime);
      this.sites.set(`${course.id}/${format}`, new Map(files.map((f) => [f.path, f.data])));
    }
  }

  file(courseId: string, format: string, path: string): string | Uint8Array | undefined {
    return this.sites.get(`${courseId}/${format}`)?.get(path);
  }
}
