/**
 * One vocabulary across the CLI, the player, the LMS, the report and the sample content: the
 * table of docs/thuat-ngu.md is the authority. Every string literal of the UI code and every
 * content file is checked against its "Không dùng" column, and the string-table keys it names
 * must hold a term of its "Dùng" column.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERBS } from '../../src/core/xapi/verbs.js';
import { label } from '../../src/report/format/labels.js';
import { CASE_STRINGS } from '../../src/runtime/case/strings.js';
import { STRINGS as PLAYER } from '../../src/runtime/player/strings.js';
import { STRINGS as QUIZ_CHECKS } from '../../src/runtime/quiz/strings.js';
import { TEST_STRINGS } from '../../src/runtime/quiz/test-strings.js';

const QUIZ = { ...QUIZ_CHECKS, ...TEST_STRINGS };

const repoRoot = resolve(import.meta.dirname, '..', '..');

interface Row {
  readonly use: string[];
  readonly avoid: string[];
  readonly keys: string[];
  readonly line: number;
}

/** The rows of the first table of docs/thuat-ngu.md: terms are the `backticked` parts of each cell. */
function glossary(): Row[] {
  const lines = readFileSync(join(repoRoot, 'docs', 'thuat-ngu.md'), 'utf8').split('\n');
  const start = lines.findIndex((l) => l.startsWith('| Dùng | Không dùng | Khóa |'));
  expect(start, 'docs/thuat-ngu.md: table "| Dùng | Không dùng | Khóa |"').toBeGreaterThan(0);
  const rows: Row[] = [];
  for (let i = start + 2; i < lines.length && lines[i]!.startsWith('|'); i++) {
    const cells = lines[i]!.split('|').slice(1, -1);
    const terms = (cell: string | undefined): string[] => [...(cell ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    rows.push({ use: terms(cells[0]), avoid: terms(cells[1]), keys: terms(cells[2]), line: i + 1 });
  }
  return rows;
}

/** The Vietnamese value behind a key named in the glossary. */
function valueOf(key: string): string {
  const [table, name] = key.split('.') as [string, string];
  switch (table) {
    case 'quiz':
      return QUIZ[name as keyof typeof QUIZ].vi;
    case 'case':
      return CASE_STRINGS[name as keyof typeof CASE_STRINGS].vi;
    case 'player':
      return String(PLAYER.vi[name as keyof typeof PLAYER.vi]);
    case 'verb':
      return String(VERBS[name as keyof typeof VERBS].display['vi']);
    case 'report':
      return label(name as Parameters<typeof label>[0], 'vi');
    default:
      throw new Error(`docs/thuat-ngu.md names an unknown string table "${table}" in "${key}"`);
  }
}

function files(dir: string, keep: (path: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, keep) : keep(path) ? [path] : [];
  });
}

/** String and template literals of a TypeScript file, with their line: what the user reads. */
function literals(path: string): { text: string; line: number }[] {
  const source = readFileSync(path, 'utf8');
  const out: { text: string; line: number }[] = [];
  for (const m of source.matchAll(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g)) {
    out.push({ text: m[0], line: source.slice(0, m.index).split('\n').length });
  }
  return out;
}

const uiFiles = [
  ...files(join(repoRoot, 'src', 'runtime'), (p) => p.endsWith('.ts')),
  ...files(join(repoRoot, 'src', 'lms'), (p) => p.endsWith('.ts')),
  ...files(join(repoRoot, 'src', 'report'), (p) => p.endsWith('.ts')),
  ...files(join(repoRoot, 'src', 'cli', 'commands'), (p) => p.endsWith('.ts')),
  // The author's messages, except the draw-line grammar, which still reads the older words an author may write.
  ...files(join(repoRoot, 'src', 'author'), (p) => p.endsWith('.ts') && !p.endsWith('test-block.ts')),
  ...files(join(repoRoot, 'src', 'moodle'), (p) => p.endsWith('.ts')),
  // What the built page says before the player runs (pager, notes) is UI text too.
  ...files(join(repoRoot, 'src', 'compile'), (p) => p.endsWith('.ts')),
  join(repoRoot, 'src', 'core', 'xapi', 'verbs.ts'),
];
const contentFiles = files(join(repoRoot, 'content'), (p) => /\.(md|ya?ml|svg|csv)$/.test(p));

const found = (text: string, term: string): boolean =>
  new RegExp(`(?<!\\p{L})${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\p{L})`, 'u').test(text);

describe('the glossary (docs/thuat-ngu.md)', () => {
  const rows = glossary();

  it('has the terms the project agreed', () => {
    const used = rows.flatMap((r) => r.use);
    for (const term of ['đồng chí', 'học phần', 'chủ đề', 'Số lần làm bài', 'Kiểm tra đáp án', 'Chưa đạt', 'Quay lại để chọn cách khác', 'Kết quả xử lý', 'đã bắt đầu làm bài', 'đã học tiếp', 'Ngày lập']) {
      expect(used, term).toContain(term);
    }
  });

  it('is what the string tables say', () => {
    const wrong = rows.flatMap((r) =>
      r.keys
        .map((key) => ({ key, value: valueOf(key) }))
        .filter(({ value }) => !r.use.some((term) => value.toLocaleLowerCase('vi').includes(term.toLocaleLowerCase('vi'))))
        .map(({ key, value }) => `docs/thuat-ngu.md:${r.line} ${key} = "${value}", expected one of ${r.use.join(' / ')}`),
    );
    expect(wrong).toEqual([]);
  });

  it('is followed by every string of the CLI, player, LMS and report', () => {
    const avoid = rows.flatMap((r) => r.avoid.map((term) => ({ term, row: r })));
    const hits: string[] = [];
    for (const file of uiFiles) {
      for (const lit of literals(file)) {
        for (const { term, row } of avoid) {
          if (found(lit.text, term)) hits.push(`${relative(repoRoot, file)}:${lit.line} "${term}" (docs/thuat-ngu.md:${row.line}: dùng ${row.use.join(' / ')})`);
        }
      }
    }
    expect(hits).toEqual([]);
  });

  it('is followed by the sample content', () => {
    const avoid = rows.flatMap((r) => r.avoid.map((term) => ({ term, row: r })));
    const hits: string[] = [];
    for (const file of contentFiles) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((text, i) => {
          for (const { term, row } of avoid) {
            if (found(text, term)) hits.push(`${relative(repoRoot, file)}:${i + 1} "${term}" (docs/thuat-ngu.md:${row.line}: dùng ${row.use.join(' / ')})`);
          }
        });
    }
    expect(hits).toEqual([]);
  });

  it('writes Vietnamese dates dd/mm/yyyy in the report', () => {
    const iso = /\d{4}-\d{2}-\d{2}/;
    const viReasons = literals(join(repoRoot, 'src', 'report', 'engine.ts')).filter((l) => /\p{Script=Latin}*[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/u.test(l.text));
    expect(viReasons.filter((l) => iso.test(l.text)).map((l) => `src/report/engine.ts:${l.line}`)).toEqual([]);
  });
});
