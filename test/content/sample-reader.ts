/**
 * A deliberately small reader of the authoring syntax, independent of src/author, so the sample
 * content is checked against the syntax the authors' guide documents even while the parsers change.
 * It extracts only what the content checks need: frontmatter, pages, images, and the outline of
 * questions, tests and cases with their lines.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { parse as parseYaml } from 'yaml';

export interface SampleQuestion {
  readonly id: string;
  readonly kind: string;
  readonly topic: string;
  readonly line: number;
  /** Number of choices (choice kinds) and of correct ones. */
  readonly choices: number;
  readonly correct: number;
  /** Number of `=` answer lines (fill, numeric). */
  readonly answers: number;
  /** Number of pairs or steps (matching, ordering). */
  readonly items: number;
}

export interface SampleTest {
  readonly id: string;
  readonly line: number;
  readonly draws: readonly { readonly topic: string; readonly count: number }[];
}

export interface SampleChoice {
  readonly target: string;
  readonly points: number;
  /** The condition text after `if`, e.g. "score >= 2", "chose lang-nghe". */
  readonly condition?: string;
}

export interface SampleScene {
  readonly id: string;
  readonly line: number;
  readonly outcome?: string;
  readonly choices: readonly SampleChoice[];
  readonly reflections: number;
}

export interface SampleCase {
  /** Choice-like lines the syntax does not accept, as "line: text". */
  readonly malformed: readonly string[];
  readonly id: string;
  readonly start: string;
  readonly line: number;
  readonly scenes: readonly SampleScene[];
}

export interface SampleModule {
  readonly path: string;
  /** Path relative to the course folder. */
  readonly file: string;
  readonly text: string;
  readonly id: string;
  readonly title: string;
  readonly positions: readonly string[];
  readonly tier: string | null;
  readonly periods: number;
  readonly language: string;
  readonly objectives: readonly string[];
  readonly topics: readonly string[];
  readonly prerequisites: readonly string[];
  readonly pass: number;
  readonly pages: readonly string[];
  readonly images: readonly { readonly src: string; readonly line: number }[];
  readonly questions: readonly SampleQuestion[];
  readonly tests: readonly SampleTest[];
  readonly cases: readonly SampleCase[];
}

export interface SampleCourse {
  readonly dir: string;
  readonly id: string;
  readonly iri: string;
  readonly moduleIds: readonly string[];
  readonly modules: readonly SampleModule[];
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return markdownFiles(full);
    return name.endsWith('.md') ? [full] : [];
  });
}

function attrs(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of header.matchAll(/([a-z]+)=(\S+)/g)) out[m[1] as string] = m[2] as string;
  return out;
}

interface Block {
  readonly name: string;
  readonly header: string;
  readonly line: number;
  readonly body: readonly { readonly text: string; readonly line: number }[];
}

function blocks(lines: readonly string[]): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^:::(\w+)\s*(.*)$/.exec(lines[i] ?? '');
    if (!open) continue;
    const body: { text: string; line: number }[] = [];
    let j = i + 1;
    while (j < lines.length && (lines[j] ?? '').trim() !== ':::') body.push({ text: lines[j] ?? '', line: ++j });
    out.push({ name: open[1] as string, header: open[2] ?? '', line: i + 1, body });
    i = j;
  }
  return out;
}

function question(b: Block, fallbackTopic: string): SampleQuestion {
  const [kind = ''] = b.header.split(/\s+/);
  const a = attrs(b.header);
  const choiceLines = b.body.filter((l) => /^- \[[ xX]\] /.test(l.text));
  return {
    id: a['id'] ?? '',
    kind,
    topic: a['topic'] ?? fallbackTopic,
    line: b.line,
    choices: choiceLines.length,
    correct: choiceLines.filter((l) => /^- \[[xX]\]/.test(l.text)).length,
    answers: b.body.filter((l) => /^= \S/.test(l.text)).length,
    items: b.body.filter((l) => (kind === 'matching' ? /^- .+ -> .+/ : /^\d+\. /).test(l.text)).length,
  };
}

function test(b: Block): SampleTest {
  const draws = b.body.flatMap((l) => {
    const m = /^- (\d+) from topic (\S+)/.exec(l.text);
    return m ? [{ count: Number(m[1]), topic: m[2] as string }] : [];
  });
  return { id: attrs(b.header)['id'] ?? '', line: b.line, draws };
}

function caseStudy(b: Block): SampleCase {
  const a = attrs(b.header);
  const scenes: { id: string; line: number; outcome?: string; choices: SampleChoice[]; reflections: number }[] = [];
  const malformed: string[] = [];
  for (const l of b.body) {
    const head = /^### ([a-z0-9-]+):.*?(?:\{outcome=([a-z-]+)\})?\s*$/.exec(l.text);
    if (head) {
      scenes.push({ id: head[1] as string, line: l.line, choices: [], reflections: 0, ...(head[2] ? { outcome: head[2] } : {}) });
      continue;
    }
    const scene = scenes[scenes.length - 1];
    if (!scene) continue;
    const choice = /^- \[.+\]\(#([a-z0-9-]+)\)\s*([+-]\d+(?:\.\d+)?)?(?:\s+if\s+(.+))?\s*$/.exec(l.text);
    if (choice) {
      scene.choices.push({
        target: choice[1] as string,
        points: Number(choice[2] ?? 0),
        ...(choice[3] ? { condition: choice[3].trim() } : {}),
      });
    } else if (l.text.startsWith('??? ')) {
      scene.reflections++;
    } else if (/^\s*[-*] \[/.test(l.text) || l.text.startsWith('###')) {
      malformed.push(`${l.line}: ${l.text}`);
    }
  }
  return { id: a['id'] ?? '', start: a['start'] ?? '', line: b.line, scenes, malformed };
}

function readModule(courseDir: string, file: string): SampleModule | undefined {
  const text = readFileSync(file, 'utf8');
  const fm = matter(text);
  const d = fm.data as Record<string, unknown>;
  if (typeof d['id'] !== 'string') return undefined;
  const lines = text.split('\n');
  const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
  const all = blocks(lines);
  const topics = list(d['topics']);
  const images: { src: string; line: number }[] = [];
  lines.forEach((l, i) => {
    for (const m of l.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)) images.push({ src: m[1] as string, line: i + 1 });
  });
  const tier = d['tier'];
  return {
    path: file,
    file: path.relative(courseDir, file),
    text,
    id: d['id'],
    title: String(d['title'] ?? ''),
    positions: list(d['positions']),
    tier: tier === undefined || tier === null || tier === 'none' ? null : String(tier),
    periods: Number(d['periods']),
    language: String(d['language'] ?? 'vi'),
    objectives: list(d['objectives']),
    topics,
    prerequisites: list(d['prerequisites']),
    pass: d['pass'] === undefined ? 5 : Number(d['pass']),
    pages: lines.filter((l) => /^## /.test(l)),
    images,
    questions: all.filter((b) => b.name === 'question').map((b) => question(b, topics[0] ?? '')),
    tests: all.filter((b) => b.name === 'test').map(test),
    cases: all.filter((b) => b.name === 'case').map(caseStudy),
  };
}

export function readSample(dir: string): SampleCourse {
  const course = parseYaml(readFileSync(path.join(dir, 'course.yaml'), 'utf8')) as Record<string, unknown>;
  const moduleIds = Array.isArray(course['modules']) ? course['modules'].map(String) : [];
  const found = markdownFiles(dir).flatMap((f) => readModule(dir, f) ?? []);
  const modules = moduleIds.flatMap((id) => found.filter((m) => m.id === id));
  return { dir, id: String(course['id']), iri: String(course['iri'] ?? ''), moduleIds, modules };
}
