/**
 * End to end: a learner takes a built xAPI package in Chromium against the embedded LRS, and
 * `boiduong report` pulls the statements and shows the learner as compliant.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/author/index.js';
import { main } from '../../src/cli/main.js';
import { parseCsv } from '../../src/core/csv.js';
import { iri, type Course } from '../../src/core/model.js';
import { startLrs, type RunningLrs } from '../../src/lrs/index.js';
import { buildRuntime, launchChromium, repoRoot, servePackage, type ServedPackage } from '../e2e/harness/index.js';
import { readToEnd, waitForPlayer } from '../formats/support/flow.js';

const MODULE = `---
id: tiep-cong-dan-dinh-ky
title: Tiếp công dân định kỳ
positions: [bi-thu-dang-uy-xa]
tier: none
periods: 40
language: vi
topics: [tiep-cong-dan]
objectives:
  - Chuẩn bị buổi tiếp công dân định kỳ
version: 1.0.0
---

# Tiếp công dân định kỳ

## Chuẩn bị

Rà soát đơn thư tồn đọng, mời bộ phận chuyên môn cùng dự.

## Sau buổi tiếp

Thông báo kết quả cho người dân trong thời hạn đã hẹn.
`;

const COURSE = `id: khoa-thu-bao-cao
title: Khóa thử báo cáo
provider: { name: Dự án boiduong (kiểm thử) }
iri: https://daotao.example.gov.vn/xapi/
language: vi
version: 1.0.0
modules: [tiep-cong-dan-dinh-ky]
`;

const RULES = `annualMinimumPeriods: { periods: 40, source: { assumption: kiểm thử } }
passMark: { value: 5, source: { legal: Thông tư 01/2018/TT-BNV } }
requiredCourses:
  bi-thu-dang-uy-xa:
    - { course: khoa-thu-bao-cao, every: yearly }
`;

const ROSTER = `id,ho_ten,chuc_danh,don_vi,trinh_do_llct
hv001,Nguyễn Văn An,bi-thu-dang-uy-xa,Xã Sơn Kim 1,cao-cap
hv002,Trần Thị Bình,bi-thu-dang-uy-xa,Xã Sơn Kim 1,cao-cap
`;

let dir: string;
let lrs: RunningLrs;
let pkg: ServedPackage;
let browser: Browser;
let course: Course;
let auth: string;

beforeAll(async () => {
  buildRuntime();
  dir = mkdtempSync(join(tmpdir(), 'bd-report-e2e-'));
  cpSync(join(repoRoot, 'content', 'taxonomy'), join(dir, 'taxonomy'), { recursive: true });
  writeFileSync(join(dir, 'taxonomy', 'rules.yaml'), RULES);
  mkdirSync(join(dir, 'courses', 'khoa-thu-bao-cao', 'modules'), { recursive: true });
  writeFileSync(join(dir, 'courses', 'khoa-thu-bao-cao', 'course.yaml'), COURSE);
  writeFileSync(join(dir, 'courses', 'khoa-thu-bao-cao', 'modules', 'tiep-cong-dan.md'), MODULE);
  writeFileSync(join(dir, 'roster.csv'), ROSTER);
  const content = await lint(dir, { base: dir });
  expect(content.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  course = content.courses[0]!;
  lrs = await startLrs({ dataDir: join(dir, 'lrs'), port: 0, origins: ['*'], log: () => undefined });
  const key = await lrs.createKey(['all'], 'report-e2e');
  auth = `${key.key}:${key.secret}`;
  [browser, pkg] = await Promise.all([launchChromium(), servePackage(course, content.taxonomy!, 'xapi')]);
}, 120_000);

afterAll(async () => {
  await Promise.all([browser?.close(), pkg?.close(), lrs?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('report after a real launch', () => {
  it('shows the learner who finished the required course as compliant, the other as not', async () => {
    const actor = { objectType: 'Agent', name: 'Nguyễn Văn An', account: { homePage: 'http://localhost/boiduong', name: 'hv001' } };
    const activityId = iri.module(course, 'tiep-cong-dan-dinh-ky');
    const launch = await lrs.createLaunch({ actor, registration: '5d6f0c2e-7a1b-4c3d-9e8f-0a1b2c3d4e5f', activityId });
    const token = ((await (await fetch(launch.fetchUrl, { method: 'POST' })).json()) as { 'auth-token': string })['auth-token'];
    const q = new URLSearchParams({
      endpoint: `${lrs.url}/`,
      auth: `Basic ${token}`,
      actor: JSON.stringify(actor),
      registration: '5d6f0c2e-7a1b-4c3d-9e8f-0a1b2c3d4e5f',
      activity_id: activityId,
    });
    const page = await browser.newPage();
    await page.goto(`${pkg.server.origin}${pkg.launch('tiep-cong-dan-dinh-ky')}?${q}`);
    await waitForPlayer(page);
    await readToEnd(page);
    await page.waitForFunction(() => document.querySelector('.bd-live')?.textContent?.includes('hoàn thành'));
    await page.goto('about:blank');
    await page.close();

    const basic = `Basic ${Buffer.from(auth).toString('base64')}`;
    for (let i = 0; i < 100; i++) {
      const res = await fetch(`${lrs.url}/statements?verb=${encodeURIComponent('http://adlnet.gov/expapi/verbs/completed')}`, {
        headers: { authorization: basic, 'x-experience-api-version': '1.0.3' },
      });
      if (((await res.json()) as { statements: unknown[] }).statements.length > 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }

    const out: string[] = [];
    const err: string[] = [];
    const year = String(new Date().getFullYear());
    const code = await main(
      ['report', '--lrs', lrs.url, '--auth', auth, '--content', dir, '--year', year, '--out', join(dir, 'report'), '--cache', join(dir, 'cache')],
      { out: (t) => out.push(t), err: (t) => err.push(t), cwd: dir },
    );
    expect(err.join('\n')).toMatch(/Đã lấy \d+ bản ghi mới/);
    expect(code).toBe(0);
    expect(out[0]).toBe('2 học viên, 1 đạt chuẩn (50 %), 1 lượt bồi dưỡng.');
    const rows = parseCsv(readFileSync(join(dir, 'report', 'hoc-vien.csv'), 'utf8'));
    const hv001 = rows.find((r) => r.fields[0] === 'hv001')!.fields;
    expect(hv001[5]).toBe('40');
    expect(hv001[10]).toBe('Đạt');
    expect(rows.find((r) => r.fields[0] === 'hv002')!.fields[10]).toBe('Chưa đạt');
    expect(readFileSync(join(dir, 'report', 'bao-cao.html'), 'utf8')).toContain('Nguyễn Văn An');
  }, 120_000);
});
