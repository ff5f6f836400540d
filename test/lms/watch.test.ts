/**
 * Watch mode as an author uses it: the catalogue and a launched module are open; saving the
 * module rebuilds it and reloads both; a lint error shows in the page and the last good build stays.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type RunningPreview } from '../../src/lms/index.js';
import { buildRuntime, launchChromium } from '../e2e/harness/index.js';
import { COURSE_ID, MODULE_ID, playerFrame, tempContent } from './support.js';

describe('preview LMS watch mode', () => {
  let browser: Browser;
  let content: ReturnType<typeof tempContent>;
  let dataDir: string;
  let preview: RunningPreview;

  beforeAll(async () => {
    buildRuntime();
    content = tempContent();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'bd-lms-watch-'));
    [browser, preview] = await Promise.all([launchChromium(), startPreview({ contentDir: content.dir, dataDir, port: 0, watch: true })]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await preview?.close();
    content?.remove();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const edit = (change: (text: string) => string): void => writeFileSync(content.moduleFile, change(readFileSync(content.moduleFile, 'utf8')));

  it('rebuilds an edited module and reloads the open pages; shows lint errors in the page', async () => {
    const catalogue = await browser.newPage();
    await catalogue.goto(`${preview.url}/`);
    await catalogue.getByText('Nhập môn tiếp công dân ở xã').waitFor();
    const module = await browser.newPage();
    await module.goto(`${preview.url}/launch/${COURSE_ID}/${MODULE_ID}/scorm2004`);
    await playerFrame(module);

    edit((t) => t.replace('## Lịch tiếp công dân', '## Lịch tiếp công dân định kỳ').replace('title: Nhập môn tiếp công dân ở xã', 'title: Tiếp công dân ở xã (bản sửa)'));
    // Both pages reload by themselves: the catalogue shows the new title, the player the new page heading.
    await catalogue.getByText('Tiếp công dân ở xã (bản sửa)').waitFor({ timeout: 15_000 });
    await module.waitForFunction(
      () => document.querySelector<HTMLIFrameElement>('iframe#content')?.contentDocument?.body?.textContent?.includes('Lịch tiếp công dân định kỳ'),
      undefined,
      { timeout: 15_000 },
    );

    // A lint error: an unknown tier. The pages show it, with the file and line; the last good build stays.
    edit((t) => t.replace('tier: so-cap', 'tier: khong-ton-tai'));
    const alert = catalogue.getByRole('alert');
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.textContent()).toMatch(/01-nhap-mon\.md:\d+/);
    expect(await alert.textContent()).toContain('khong-ton-tai');
    await module.getByRole('alert').waitFor({ timeout: 15_000 });
    await catalogue.getByText('Tiếp công dân ở xã (bản sửa)').waitFor();
    const pkg = await catalogue.request.get(`${preview.url}/pkg/${COURSE_ID}/scorm2004/modules/${MODULE_ID}/index.html`);
    expect(pkg.status()).toBe(200);

    // Fixed again: the error goes away.
    edit((t) => t.replace('tier: khong-ton-tai', 'tier: so-cap'));
    await catalogue.waitForFunction(() => !document.querySelector('[role=alert]'), undefined, { timeout: 15_000 });
    await catalogue.close();
    await module.close();
  }, 90_000);
});
