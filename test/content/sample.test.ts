/**
 * The sample courses and roster are what a new user sees first: they must stay complete and
 * consistent. These checks read the files as an author wrote them (frontmatter, container blocks,
 * scenes) and fail on the mistakes an author can make by hand.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { caseInputsOf, casePlugin } from '../../src/author/case/index.js';
import { lint } from '../../src/author/index.js';
import { resolvePools } from '../../src/core/quiz/draw.js';
import { exploreCase } from '../../src/core/case/best.js';
import { parseRoster } from '../../src/core/roster.js';
import { readSample, type SampleCourse } from './sample-reader.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const contentDir = path.join(repoRoot, 'content');
const coursesDir = path.join(contentDir, 'courses');

/** Position and tier ids agreed for the project; the taxonomy data, once present, is the authority. */
function knownPositions(): Set<string> {
  const file = path.join(contentDir, 'taxonomy', 'positions.yaml');
  if (existsSync(file)) {
    const data = parseYaml(readFileSync(file, 'utf8')) as unknown;
    const list = Array.isArray(data) ? data : ((data as { positions?: unknown[] }).positions ?? []);
    return new Set(list.map((p) => String((p as { id: unknown }).id)));
  }
  return new Set([
    'bi-thu-dang-uy-xa', 'pho-bi-thu-dang-uy-xa', 'chu-tich-hdnd-xa', 'pho-chu-tich-hdnd-xa',
    'chu-tich-ubnd-xa', 'pho-chu-tich-ubnd-xa', 'chu-tich-ub-mttq-xa', 'bi-thu-doan-xa',
    'chu-tich-hoi-lhpn-xa', 'chu-tich-hoi-nong-dan-xa', 'chu-tich-hoi-ccb-xa',
    'chi-huy-truong-quan-su-xa', 'van-phong-thong-ke', 'dia-chinh-xay-dung', 'tai-chinh-ke-toan',
    'tu-phap-ho-tich', 'van-hoa-xa-hoi', 'chuyen-vien-van-phong-hdnd-ubnd-xa',
    'chuyen-vien-phong-kinh-te-xa', 'chuyen-vien-phong-van-hoa-xa-hoi',
    'chuyen-vien-trung-tam-phuc-vu-hanh-chinh-cong', 'dang-vien-moi', 'quan-chung-uu-tu',
    'lanh-dao-cap-phong-tinh',
  ]);
}
const TIERS = new Set(['so-cap', 'trung-cap', 'cao-cap', 'cu-nhan-chinh-tri']);
/** The labels every sample case ends with; "chua-tot" may come beside them for weak walks. */
const OUTCOMES = new Set(['tot', 'chap-nhan-duoc', 'sai-nguyen-tac']);
const LABELS = new Set([...OUTCOMES, 'chua-tot']);

const courseDirs = readdirSync(coursesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => path.join(coursesDir, d.name));
const courses: SampleCourse[] = courseDirs.map(readSample);
const main = courses.find((c) => c.id === 'boi-duong-bi-thu-dang-uy-xa');

describe('sample courses', () => {
  it('has the Bí thư course and a second course', () => {
    expect(main).toBeDefined();
    expect(courses.length).toBeGreaterThanOrEqual(2);
  });

  for (const course of courses) {
    describe(course.id, () => {
      it('lists modules that exist, once each, with complete frontmatter', () => {
        const positions = knownPositions();
        expect(course.iri.endsWith('/')).toBe(true);
        expect(course.modules.map((m) => m.id)).toEqual(course.moduleIds);
        for (const m of course.modules) {
          const where = `${m.file}`;
          expect(m.title, where).toBeTruthy();
          expect(m.periods, where).toBeGreaterThan(0);
          expect(m.pass, where).toBeGreaterThanOrEqual(0);
          expect(m.pass, where).toBeLessThanOrEqual(10);
          expect(m.language, where).toBe('vi');
          expect(m.objectives.length, where).toBeGreaterThan(0);
          expect(m.topics.length, where).toBeGreaterThan(0);
          for (const p of m.positions) expect(positions.has(p), `${where}: position ${p}`).toBe(true);
          if (m.tier !== null) expect(TIERS.has(m.tier), `${where}: tier ${m.tier}`).toBe(true);
          for (const pre of m.prerequisites) expect(course.moduleIds, `${where}: prerequisite ${pre}`).toContain(pre);
          expect(m.pages.length, where).toBeGreaterThanOrEqual(3);
        }
      });

      it('is written in NFC and every image it shows exists', () => {
        for (const m of course.modules) {
          expect(m.text === m.text.normalize('NFC'), m.file).toBe(true);
          for (const img of m.images) {
            expect(existsSync(path.resolve(path.dirname(m.path), img.src)), `${m.file}:${img.line} ${img.src}`).toBe(true);
          }
        }
      });

      it('gives every question a unique id, a topic of its module and a key', () => {
        const seen = new Map<string, string>();
        for (const m of course.modules) {
          for (const q of m.questions) {
            const where = `${m.file}:${q.line}`;
            expect(seen.get(q.id), `${where}: duplicate id ${q.id}`).toBeUndefined();
            seen.set(q.id, where);
            expect(m.topics, `${where}: topic ${q.topic}`).toContain(q.topic);
            if (q.kind === 'single' || q.kind === 'truefalse') expect(q.correct, where).toBe(1);
            if (q.kind === 'multiple') expect(q.correct, where).toBeGreaterThanOrEqual(2);
            if (q.kind === 'fill' || q.kind === 'numeric') expect(q.answers, where).toBeGreaterThan(0);
            if (q.kind === 'matching' || q.kind === 'ordering') expect(q.items, where).toBeGreaterThanOrEqual(3);
          }
        }
      });

      it('draws every test from topics that hold enough questions', () => {
        const byTopic = new Map<string, number>();
        for (const q of course.modules.flatMap((m) => m.questions)) {
          if (q.kind !== 'essay') byTopic.set(q.topic, (byTopic.get(q.topic) ?? 0) + 1);
        }
        const tests = course.modules.flatMap((m) => m.tests);
        expect(tests.length).toBeGreaterThan(0);
        for (const t of tests) {
          for (const d of t.draws) expect(byTopic.get(d.topic) ?? 0, `${t.id}: topic ${d.topic}`).toBeGreaterThanOrEqual(d.count);
        }
      });

      it('builds every case as a connected scenario with labelled ends', () => {
        for (const c of course.modules.flatMap((m) => m.cases)) {
          expect(c.malformed, `${c.id}: lines not in the case syntax`).toEqual([]);
          const ids = new Set(c.scenes.map((s) => s.id));
          expect(ids.has(c.start), `${c.id}: start ${c.start}`).toBe(true);
          expect(c.scenes.length, c.id).toBeGreaterThanOrEqual(6);
          expect(c.scenes.length, c.id).toBeLessThanOrEqual(12);
          for (const s of c.scenes) {
            for (const ch of s.choices) expect(ids.has(ch.target), `${c.id}/${s.id}: → ${ch.target}`).toBe(true);
            if (s.choices.length === 0) {
              expect(LABELS.has(s.outcome ?? ''), `${c.id}/${s.id}: outcome`).toBe(true);
              expect(s.reflections, `${c.id}/${s.id}: reflection`).toBeGreaterThan(0);
            }
          }
          // Every scene is reachable from the start.
          const reached = new Set([c.start]);
          const queue = [c.start];
          for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
            for (const ch of c.scenes.find((s) => s.id === id)?.choices ?? []) {
              if (!reached.has(ch.target)) { reached.add(ch.target); queue.push(ch.target); }
            }
          }
          expect([...ids].filter((id) => !reached.has(id)), `${c.id}: unreachable`).toEqual([]);
        }
      });
    });
  }

  it('gives the Bí thư course a final test of 30 questions, every question type and three rich cases', () => {
    if (!main) throw new Error('sample course missing');
    const questions = main.modules.flatMap((m) => m.questions);
    expect(questions.length).toBeGreaterThanOrEqual(36);
    const kinds = new Set(questions.map((q) => q.kind));
    for (const k of ['single', 'multiple', 'truefalse', 'fill', 'numeric', 'matching', 'ordering', 'essay']) {
      expect(kinds.has(k), k).toBe(true);
    }
    expect(questions.some((q) => q.kind === 'single' && q.choices > 10)).toBe(true);
    const final = main.modules.flatMap((m) => m.tests).find((t) => t.id === 'kiem-tra-cuoi-khoa');
    expect(final?.draws.reduce((n, d) => n + d.count, 0)).toBeGreaterThanOrEqual(30);
    expect(new Set(final?.draws.map((d) => d.topic)).size).toBeGreaterThanOrEqual(5);

    const cases = main.modules.flatMap((m) => m.cases);
    expect(cases.length).toBeGreaterThanOrEqual(3);
    for (const c of cases) {
      const choices = c.scenes.flatMap((s) => s.choices);
      expect(choices.some((ch) => ch.points < 0), `${c.id}: negative points`).toBe(true);
      expect(choices.some((ch) => ch.condition?.startsWith('score')), `${c.id}: score condition`).toBe(true);
      expect(choices.some((ch) => ch.condition?.startsWith('chose')), `${c.id}: choice condition`).toBe(true);
      const labels = new Set(c.scenes.map((s) => s.outcome).filter(Boolean));
      expect([...OUTCOMES].filter((o) => !labels.has(o)), c.id).toEqual([]);
    }
  });
});

describe('boiduong lint on the sample content', () => {
  it('finds no error and no warning, and reads the courses in full', async () => {
    const result = await lint('content/courses', { base: repoRoot });
    expect(result.diagnostics.map((d) => `${d.file}:${d.line} ${d.code}`)).toEqual([]);
    expect(result.courses.map((c) => c.id).sort()).toEqual(courses.map((c) => c.id).sort());

    const course = result.courses.find((c) => c.id === 'boi-duong-bi-thu-dang-uy-xa');
    if (!course) throw new Error('sample course missing');
    const questions = course.modules.flatMap((m) => m.questions);
    const graded = questions.filter((q) => q.kind !== 'essay');
    expect(graded.length).toBeGreaterThanOrEqual(30);
    expect(course.modules.flatMap((m) => m.cases).length).toBeGreaterThanOrEqual(2);
    // The final test draws at least 30 questions across at least 5 topics, all auto-scored.
    const final = course.modules.flatMap((m) => m.tests).find((t) => t.id === 'kiem-tra-cuoi-khoa');
    if (!final) throw new Error('final test missing');
    const pools = resolvePools(final, questions);
    expect(pools.reduce((n, p) => n + p.count, 0)).toBeGreaterThanOrEqual(30);
    const drawable = new Set(pools.flatMap((p) => p.questionIds));
    expect(new Set(questions.filter((q) => drawable.has(q.id)).map((q) => q.topic)).size).toBeGreaterThanOrEqual(5);
    expect(questions.filter((q) => drawable.has(q.id) && q.kind === 'essay')).toEqual([]);
  });
});

describe('sample cases in the case engine', () => {
  const withCases = courses.flatMap((c) => c.modules).filter((m) => m.cases.length > 0);

  it.each(withCases.map((m) => [m.file, m] as const))('%s parses with no diagnostic and every end is reachable', (_file, m) => {
    const results = caseInputsOf(m.text, m.file, m.id).map((input) => casePlugin(input));
    expect(results.flatMap((r) => r.diagnostics)).toEqual([]);
    const cases = results.flatMap((r) => r.cases ?? []);
    expect(cases.map((c) => c.id)).toEqual(m.cases.map((c) => c.id));
    for (const cs of cases) {
      const found = exploreCase(cs);
      expect(found.complete, cs.id).toBe(true);
      expect(found.best ?? 0, cs.id).toBeGreaterThan(0);
      expect(found.worst ?? 0, cs.id).toBeLessThan(0);
      expect([...found.stuck], cs.id).toEqual([]);
      const ends = cs.scenes.filter((s) => s.choices.length === 0).map((s) => s.id);
      expect([...found.endsReached].sort(), cs.id).toEqual(ends.sort());
      expect(cs.title, cs.id).not.toBe(cs.scenes[0]?.title);
    }
  });
});

describe('sample roster', () => {
  const file = path.join(contentDir, 'roster.csv');
  const { learners, diagnostics } = parseRoster(readFileSync(file, 'utf8'), 'content/roster.csv');

  it('parses without problems: about 30 learners in 5 communes', () => {
    expect(diagnostics).toEqual([]);
    expect(learners.length).toBeGreaterThanOrEqual(30);
    expect(new Set(learners.map((l) => l.unit)).size).toBe(5);
  });

  it('uses known positions and tiers, old titles among them', () => {
    const positions = knownPositions();
    for (const l of learners) {
      expect(positions.has(l.position), `line ${l.line}: ${l.position}`).toBe(true);
      if (l.tier !== null) expect(TIERS.has(l.tier), `line ${l.line}: ${l.tier}`).toBe(true);
      expect(l.name === l.name.normalize('NFC')).toBe(true);
    }
    const old = ['van-phong-thong-ke', 'dia-chinh-xay-dung', 'tai-chinh-ke-toan', 'tu-phap-ho-tich', 'van-hoa-xa-hoi'];
    expect(learners.some((l) => old.includes(l.position))).toBe(true);
    expect(learners.some((l) => l.position.startsWith('chuyen-vien-'))).toBe(true);
  });

  it('has a learner for every position the sample courses target', () => {
    const held = new Set(learners.map((l) => l.position));
    for (const m of courses.flatMap((c) => c.modules)) {
      expect(m.positions.some((p) => held.has(p)), m.file).toBe(true);
    }
  });
});
