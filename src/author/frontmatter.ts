/** A module file's frontmatter and body, with the line each starts on. */
import matter from 'gray-matter';
import { diagnostic, type Diagnostic } from '../core/index.js';
import { parseYamlSource, type YamlSource } from './yaml-source.js';

export interface SplitModule {
  /** Frontmatter YAML, or undefined when the file has none. */
  readonly yaml?: YamlSource;
  readonly body: string;
  /** File line of the body's first line. */
  readonly bodyLine: number;
  readonly diagnostics: Diagnostic[];
}

// gray-matter only splits here; YAML is parsed by `yaml`, which knows lines and columns.
const splitOnly = { engines: { yaml: { parse: (): object => ({}), stringify: (): string => '' } } };

export function splitModule(text: string, file: string): SplitModule {
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').normalize('NFC');
  if (!/^---[ \t]*\n/.test(normalised)) {
    return {
      body: normalised,
      bodyLine: 1,
      diagnostics: [
        diagnostic(
          { file, line: 1 },
          'missing-frontmatter',
          'Thiếu phần khai báo đầu tệp (frontmatter): tệp phải bắt đầu bằng dòng "---", các trường id, title, positions, periods…, rồi một dòng "---".',
          'Missing frontmatter: the file must start with a "---" line, the fields id, title, positions, periods…, then a "---" line.',
        ),
      ],
    };
  }
  // gray-matter treats an unclosed block as "no frontmatter" or swallows the file: check first.
  if (!/\n---[ \t]*(\n|$)/.test(normalised.slice(3))) {
    return {
      body: normalised,
      bodyLine: 1,
      diagnostics: [
        diagnostic(
          { file, line: 1 },
          'unclosed-frontmatter',
          'Phần khai báo đầu tệp mở bằng "---" ở dòng 1 nhưng chưa được đóng bằng một dòng "---".',
          'The frontmatter opened by "---" on line 1 is never closed by a "---" line.',
        ),
      ],
    };
  }
  const parsed = matter(normalised, splitOnly as unknown as Parameters<typeof matter>[1]);
  const start = normalised.length - parsed.content.length;
  const bodyLine = 1 + (normalised.slice(0, start).match(/\n/g)?.length ?? 0);
  const yaml = parseYamlSource(parsed.matter.replace(/^\n/, ''), file, 2);
  return { yaml, body: parsed.content, bodyLine, diagnostics: [...yaml.diagnostics] };
}
