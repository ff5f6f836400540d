/**
 * Lint speed on a generated course: `npx tsx test/bench/lint.ts` (200 modules by default;
 * BENCH_MODULES=1000 for a longer run). Prints figures; asserts nothing.
 */
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { lint } from '../../src/author/index.js';

const count = Number(process.env['BENCH_MODULES'] ?? 200);
const repoRoot = resolve(import.meta.dirname, '..', '..');
const root = await mkdtemp(join(tmpdir(), 'bd-bench-lint-'));
const courseDir = join(root, 'courses', 'khoa-lon');

function moduleText(i: number): string {
  const id = `hoc-phan-${i}`;
  const next = i + 1 < count ? `[học phần sau](hoc-phan-${i + 1}.md#trang-1)` : 'hết';
  const pages = [1, 2, 3, 4]
    .map(
      (p) => `## Trang ${p}

Đoạn văn về công tác kiểm tra, giám sát ở xã số ${i}, trang ${p}: **tập trung dân chủ**, *cá nhân phụ trách*.

- việc thứ nhất
- việc thứ hai

| Việc | Người làm |
|---|---|
| Ghi sổ | Văn phòng |

![Sơ đồ](hinh/so-do.svg) Xem ${next}.

:::question single id=q-${i}-${p} points=1 topic=chu-de-${i % 10}
Việc nào làm trước?

- [x] Nắm tình hình
  > Đúng.
- [ ] Kết luận ngay
:::
`,
    )
    .join('\n');
  return `---
id: ${id}
title: Học phần số ${i}
positions: [bi-thu-dang-uy-xa]
tier: trung-cap
periods: 2
topics: [chu-de-${i % 10}]
---

# Học phần số ${i}

${pages}`;
}

try {
  await mkdir(join(courseDir, 'modules', 'hinh'), { recursive: true });
  await cp(join(repoRoot, 'content', 'taxonomy'), join(root, 'taxonomy'), { recursive: true });
  await writeFile(join(courseDir, 'modules', 'hinh', 'so-do.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  const ids = Array.from({ length: count }, (_, i) => `hoc-phan-${i}`);
  await writeFile(
    join(courseDir, 'course.yaml'),
    `id: khoa-lon\ntitle: Khóa lớn\nprovider: { name: TTCT }\niri: https://daotao.example.gov.vn/xapi/\nmodules:\n${ids.map((id) => `  - ${id}\n`).join('')}`,
  );
  for (let i = 0; i < count; i++) await writeFile(join(courseDir, 'modules', `hoc-phan-${i}.md`), moduleText(i));

  const runs: number[] = [];
  let problems = 0;
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    const result = await lint(root, { base: root });
    runs.push(performance.now() - t0);
    problems = result.diagnostics.filter((d) => d.severity === 'error').length;
  }
  const best = Math.min(...runs);
  process.stdout.write(
    `lint: ${count} modules, ${count * 4} pages, ${count * 4} questions — best of 3: ${best.toFixed(0)} ms (${(best / count).toFixed(2)} ms/module), cold first run (schema compilation, JIT warm-up) ${runs[0]!.toFixed(0)} ms; errors: ${problems}\n`,
  );
} finally {
  await rm(root, { recursive: true, force: true });
}
