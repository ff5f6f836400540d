/** The `:::case` block plugin and the course-wide checks the module reader runs. */
import { diagnostic, type Diagnostic, type CaseStudy, type Course } from '../../core/index.js';
import type { BlockPlugin } from '../blocks.js';
import { lintCase } from './lint.js';
import { parseCaseBlock } from './parse.js';

export const casePlugin: BlockPlugin = (input) => {
  const parsed = parseCaseBlock(input);
  const diagnostics = [...parsed.diagnostics];
  const cases: CaseStudy[] = [];
  for (const cs of parsed.cases) {
    const lint = lintCase(cs, { passMark: input.module.pass, bands: input.gradeBands ?? [] });
    diagnostics.push(...lint.diagnostics);
    const best = lint.exploration?.complete ? lint.exploration.best : undefined;
    cases.push(best !== undefined && best > 0 ? { ...cs, maxPoints: best } : cs);
  }
  const html = cases.map((cs) => `<div data-bd-case="${cs.id}"></div>`).join('\n');
  return { cases, diagnostics, html };
};

/** Checks that need the whole course: case ids unique across modules (they name activities). */
export function courseChecks(course: Course): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const seen = new Map<string, { file: string; line: number }>();
  for (const module of course.modules) {
    for (const cs of module.cases) {
      const first = seen.get(cs.id);
      if (first) {
        diags.push(
          diagnostic(
            { file: cs.file, line: cs.line },
            'case/duplicate-id',
            `Mã tình huống "${cs.id}" đã dùng ở ${first.file}:${first.line}; mã phải duy nhất trong khóa học vì nó định danh hoạt động xAPI.`,
            `Case id "${cs.id}" is already used at ${first.file}:${first.line}; ids must be unique in the course because they name xAPI activities.`,
          ),
        );
      } else seen.set(cs.id, { file: cs.file, line: cs.line });
    }
  }
  return diags;
}
