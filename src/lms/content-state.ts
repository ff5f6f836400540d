/**
 * The courses, taxonomy and roster the preview LMS serves, re-read when a file changes
 * (watch mode). A module with lint errors keeps its last good build; the errors are shown.
 */
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatDiagnostic, hasErrors, type Course, parseRoster, type Learner, type Taxonomy } from '../core/index.js';
import { lint } from '../author/index.js';
import type { PackageSites } from './site.js';

export class ContentState {
  courses: Course[] = [];
  taxonomy: Taxonomy | undefined;
  learners: Learner[] = [];
  /** Lint output of the last reload that found errors, or '' when clean. */
  errors = '';
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly listeners: (() => void)[] = [];

  constructor(
    readonly dir: string,
    private readonly sites: PackageSites,
    private readonly log: (m: string) => void,
  ) {}

  async load(): Promise<void> {
    const result = await lint(this.dir, { base: this.dir });
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    this.errors = hasErrors(result.diagnostics) ? errors.map((d) => formatDiagnostic(d, 'vi')).join('\n') : '';
    if (result.taxonomy) this.taxonomy = result.taxonomy;
    if (!this.taxonomy) throw new Error(`${this.dir}: không đọc được danh mục (taxonomy) / cannot read the taxonomy\n${this.errors}`);
    // Courses with errors are left out of result.courses: keep their last good build.
    const fresh = new Map(result.courses.map((c) => [c.id, c]));
    const kept = this.courses.filter((c) => !fresh.has(c.id));
    for (const c of result.courses) this.sites.set(c, this.taxonomy);
    this.courses = [...result.courses, ...kept].sort((a, b) => a.id.localeCompare(b.id));
    try {
      const roster = parseRoster(await readFile(join(this.dir, 'roster.csv'), 'utf8'), 'roster.csv');
      this.learners = roster.learners;
      if (roster.diagnostics.length) this.errors += `\n${roster.diagnostics.map((d) => formatDiagnostic(d, 'vi')).join('\n')}`;
    } catch {
      this.learners = [{ id: 'hoc-vien', name: 'Học viên', position: '', unit: '', tier: null, line: 0 }];
    }
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  watch(): void {
    this.watcher = watch(this.dir, { recursive: true }, () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.load().then(
          () => {
            this.log(this.errors ? `lint: ${this.errors}` : 'rebuilt');
            for (const l of this.listeners) l();
          },
          (e: unknown) => this.log(String(e)),
        );
      }, 150);
    });
  }

  unwatch(): void {
    clearTimeout(this.timer);
    this.watcher?.close();
  }
}
