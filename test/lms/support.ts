/** Shared steps of the preview LMS browser tests: a temp content folder, the LMS, reading the LRS. */
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { LrsClient } from '../../src/lms/lrs-client.js';
import type { RunningPreview } from '../../src/lms/index.js';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');
export const COURSE_ID = 'khoa-thu-dong-goi';
export const MODULE_ID = 'nhap-mon-tiep-dan';

/**
 * A content folder with the repo's taxonomy and roster and a one-module course (the packaging
 * fixture trimmed to its first module), so completing one AU satisfies the cmi5 course.
 */
export function tempContent(): { dir: string; moduleFile: string; remove(): void } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'bd-lms-'));
  const dir = path.join(root, 'content');
  cpSync(path.join(repoRoot, 'content', 'taxonomy'), path.join(dir, 'taxonomy'), { recursive: true });
  cpSync(path.join(repoRoot, 'content', 'roster.csv'), path.join(dir, 'roster.csv'));
  const course = path.join(dir, 'courses', 'mini');
  cpSync(path.join(repoRoot, 'test', 'fixtures', 'courses', 'mini'), course, { recursive: true });
  const yaml = path.join(course, 'course.yaml');
  writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/^\s*- ghi-chep-bien-ban\n/m, ''));
  unlinkSync(path.join(course, 'modules', '02-ghi-chep.md'));
  const moduleFile = path.join(course, 'modules', '01-nhap-mon.md');
  writeFileSync(moduleFile, `${readFileSync(moduleFile, 'utf8').trimEnd()}\n\n${KNOWLEDGE_CHECK}`);
  return { dir, moduleFile, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** An ungraded knowledge check on a last page: SCORM records it as an interaction. */
export const CHECK_ANSWER = 'Ít nhất một ngày trong tháng';
const KNOWLEDGE_CHECK = `## Câu hỏi ôn tập

:::question single id=lich-tiep-dan topic=tiep-cong-dan
Chủ tịch UBND xã tiếp công dân định kỳ bao lâu một lần?

- [x] ${CHECK_ANSWER}
- [ ] Một lần mỗi năm
:::
`;

export type Stmt = Record<string, any>;
export const verbName = (s: Stmt): string => String(s['verb']['id']).split('/').pop() ?? '';

/** A reader of the preview's LRS with its own key, as a report tool would be. */
export async function lrsReader(preview: RunningPreview): Promise<LrsClient> {
  const key = await preview.lrs.createKey(['all'], 'test-reader');
  return new LrsClient(preview.lrs.url, `Basic ${Buffer.from(`${key.key}:${key.secret}`).toString('base64')}`);
}

export async function until<T>(what: string, get: () => Promise<T | undefined | false>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await get();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The module's player inside the LMS's launch page. */
export async function playerFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('iframe#content');
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('no content frame');
  await frame.waitForSelector('.bd-js .bd-page:not([hidden]) .bd-page-title');
  return frame;
}

export async function readToEnd(frame: Frame): Promise<void> {
  while ((await frame.getAttribute('.bd-next', 'data-step')) === 'next') await frame.click('.bd-next');
}

/** The document is no wider than the viewport. */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}
