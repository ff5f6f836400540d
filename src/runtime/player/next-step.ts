/**
 * The way to the end of a module. Before the last page the pager's main control is "next page";
 * on the last page it is the trainee's next step: the graded work still open (a test, a case),
 * then a page not yet seen, then finishing the module, which says what is left in the course
 * and how the learning system records it. "Previous page" is never the prominent control there.
 */
import type { ModulePackage } from '../../core/index.js';
import type { Strings } from './strings.js';

export type NextStep =
  | { readonly kind: 'next'; readonly page: number; readonly label: string }
  | { readonly kind: 'page'; readonly page: number; readonly label: string }
  | { readonly kind: 'here'; readonly selector: string; readonly label: string }
  | { readonly kind: 'finish'; readonly exit: boolean; readonly label: string };

/** A graded component not yet done, and the page it is on. */
export interface OpenWork {
  readonly kind: 'test' | 'case';
  readonly id: string;
  readonly page: number;
}

export interface StepState {
  readonly page: number;
  readonly total: number;
  readonly seen: readonly boolean[];
  readonly open: readonly OpenWork[];
  readonly canExit: boolean;
}

export function nextStep(s: StepState, t: Strings, titleOf: (page: number) => string): NextStep {
  if (s.page < s.total - 1) return { kind: 'next', page: s.page + 1, label: `${t.next} →` };
  const work = s.open[0];
  if (work) {
    if (work.page === s.page) {
      return { kind: 'here', selector: `[data-bd-${work.kind}="${work.id}"]`, label: work.kind === 'test' ? t.step.doTest : t.step.doCase };
    }
    return { kind: 'page', page: work.page, label: `${work.kind === 'test' ? t.step.toTest : t.step.toCase} →` };
  }
  const unseen = s.seen.findIndex((v, i) => !v && i < s.total);
  if (unseen >= 0) return { kind: 'page', page: unseen, label: `${t.step.toUnseen(titleOf(unseen))} →` };
  return { kind: 'finish', exit: s.canExit, label: s.canExit ? t.step.finishExit : t.step.finish };
}

/** Where each graded component sits: placeholders in the page sections (or in the pages' HTML). */
export function componentPages(data: ModulePackage, sectionOf: (page: number) => Element | null): Map<string, number> {
  const where = new Map<string, number>();
  data.pages.forEach((p, i) => {
    const section = sectionOf(i);
    const found = section
      ? [...section.querySelectorAll('[data-bd-test],[data-bd-case]')].map((el) =>
          el.hasAttribute('data-bd-test') ? `test:${el.getAttribute('data-bd-test')}` : `case:${el.getAttribute('data-bd-case')}`,
        )
      : [...p.html.matchAll(/data-bd-(test|case)="([^"]*)"/g)].map((m) => `${m[1]}:${m[2]}`);
    for (const key of found) if (!where.has(key)) where.set(key, i);
  });
  return where;
}

/** What the end-of-module panel says: what comes next in the course and how it is recorded. */
export function endLines(data: ModulePackage, t: Strings, format: string, completed: boolean): string[] {
  const lines: string[] = [];
  if (!completed) lines.push(t.end.notYet);
  const modules = data.course.modules ?? [];
  const rest = modules.slice(data.module.index + 1);
  const first = rest[0];
  if (first) {
    lines.push(t.end.next(first.title, first.test));
    if (rest.length > 1) lines.push(t.end.left(rest.map((m) => (m.test ? t.end.withTest(m.title) : `“${m.title}”`)).join('; ')));
  } else if (modules.length > 0) {
    lines.push(t.end.last, t.end.courseDone);
  }
  if (format === 'standalone') lines.push(t.end.standalone);
  else if (format === 'scorm12' || format === 'scorm2004') lines.push(data.course.onePackage && first ? t.end.lmsInPackage : t.end.lms);
  else lines.push(t.end.lrs);
  return lines;
}
