/**
 * Build benchmark: generates a course of many modules in a temp folder, times reading/linting it
 * and building its packages, and prints the player's size (JS + CSS, gzipped).
 *   npx tsx test/bench/build.ts                 200 modules (default)
 *   BENCH_MODULES=1000 npx tsx test/bench/build.ts
 * Needs the player bundle: run `node build/build.mjs` first (the script does it when missing).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { readCourse } from '../../src/author/course.js';
import { loadTaxonomy } from '../../src/author/taxonomy.js';
import { buildPackage, loadRuntimeFiles, runtimeDir, TARGETS } from '../../src/compile/index.js';
import { hasErrors } from '../../src/core/diagnostic.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const MODULES = Number(process.env['BENCH_MODULES'] ?? 200);
const TOPICS = ['lanh-dao-dieu-hanh', 'kiem-tra-giam-sat', 'tiep-cong-dan', 'dan-van'];

function moduleText(i: number): string {
  const id = `hoc-phan-${String(i).padStart(4, '0')}`;
  const topic = TOPICS[i % TOPICS.length]!;
  const para =
    'Cấp ủy cơ sở lãnh đạo bằng nghị quyết, công tác cán bộ, kiểm tra, giám sát và vai trò gương mẫu của đảng viên; ' +
    'mỗi chủ trương đều phải được bàn bạc dân chủ, kết luận rõ người chủ trì, thời hạn và cách kiểm tra kết quả.';
  const pages = Array.from(
    { length: 4 },
    (_, p) => `## Nội dung ${p + 1} của học phần ${i}\n\n${para}\n\n- Ý thứ nhất của trang ${p + 1}\n- Ý thứ hai, có **nhấn mạnh**\n\n${para}\n`,
  ).join('\n');
  return `---
id: ${id}
title: Học phần thử số ${i}
positions: [bi-thu-dang-uy-xa]
tier: trung-cap
periods: 2
language: vi
topics: [${topic}]
objectives:
  - Nắm được nội dung học phần ${i}
version: 1.0.0
---

# Học phần thử số ${i}

${pages}
## Câu hỏi ôn tập

:::question single id=cau-hoi-${i} points=1 topic=${topic}
Cấp ủy cơ sở lãnh đạo chủ yếu bằng cách nào?

- [ ] Trực tiếp điều hành công việc hằng ngày
- [x] Bằng nghị quyết, công tác cán bộ, kiểm tra, giám sát
- [ ] Bằng việc ký thay văn bản hành chính
:::
`;
}

function generate(dir: string): void {
  mkdirSync(path.join(dir, 'modules'), { recursive: true });
  const ids: string[] = [];
  for (let i = 1; i <= MODULES; i++) {
    ids.push(`hoc-phan-${String(i).padStart(4, '0')}`);
    writeFileSync(path.join(dir, 'modules', `${String(i).padStart(4, '0')}.md`), moduleText(i));
  }
  writeFileSync(
    path.join(dir, 'course.yaml'),
    `id: khoa-thu-hieu-nang\ntitle: Khóa thử hiệu năng\nprovider:\n  name: boiduong bench\niri: https://daotao.example.gov.vn/xapi/\nlanguage: vi\nversion: 1.0.0\nmodules:\n${ids.map((m) => `  - ${m}`).join('\n')}\n`,
  );
}

function ms(start: bigint): string {
  return `${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(0)} ms`;
}

const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;

async function main(): Promise<void> {
  if (!existsSync(path.join(runtimeDir(), 'player.js'))) execFileSync(process.execPath, [path.join(root, 'build', 'build.mjs')]);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bd-bench-'));
  try {
    generate(dir);
    const t0 = process.hrtime.bigint();
    const tax = await loadTaxonomy(path.join(root, 'content', 'taxonomy'), root);
    const read = await readCourse(dir, tax.taxonomy, { base: dir });
    const lintTime = ms(t0);
    if (!read.course || !tax.taxonomy || hasErrors(read.diagnostics)) {
      console.error(read.diagnostics.slice(0, 5));
      throw new Error('generated course has errors');
    }
    const runtime = loadRuntimeFiles();
    console.log(`modules: ${MODULES} (${read.course.modules.reduce((n, m) => n + m.pages.length, 0)} pages)`);
    console.log(`lint (read + validate): ${lintTime}`);
    for (const target of TARGETS) {
      const t1 = process.hrtime.bigint();
      const zip = buildPackage(read.course, tax.taxonomy, target, runtime);
      console.log(`build ${target.format}: ${ms(t1)}, zip ${kb(zip.length)}`);
    }
    const sample = await readCourse(path.join(root, 'content', 'courses', 'boi-duong-bi-thu-dang-uy-xa'), tax.taxonomy, { base: root });
    if (sample.course) {
      const sizes = TARGETS.map((t) => `${t.format} ${kb(buildPackage(sample.course!, tax.taxonomy!, t, runtime).length)}`);
      console.log(`sample course zip: ${sizes.join(', ')}`);
    }
    const js = gzipSync(runtime.js, { level: 9 }).length;
    const css = gzipSync(runtime.css, { level: 9 }).length;
    console.log(`runtime gzipped: player.js ${kb(js)} + player.css ${kb(css)} = ${kb(js + css)} (goal ≤ 50 KB)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
