/**
 * A minimal LMS page around a SCO: it provides scorm-again's API (SCORM 1.2 `API` or 2004
 * `API_1484_11`) on the parent window, logs every call the SCO makes, optionally starts from a
 * previous attempt's CMI data, and shows the SCO in an iframe, as most LMSs do.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Frame, Page } from 'playwright-core';

export type ScormVersion = 'scorm12' | 'scorm2004';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** scorm-again's browser builds, to mount on the test server as /scorm-again/. */
export const scormAgainDir = path.join(repoRoot, 'node_modules', 'scorm-again', 'dist');

export interface HostOptions {
  readonly version: ScormVersion;
  /** SCO URL relative to the host page, e.g. "/pkg/modules/x/index.html". */
  readonly launch: string;
  /** CMI data the LMS kept from an earlier session (scorm-again's JSON form, without the "cmi" root). */
  readonly cmi?: Record<string, unknown>;
  /** scorm-again settings, merged over the defaults below. */
  readonly settings?: Record<string, unknown>;
  /** Launch in a new window (button #launch) instead of an iframe: the SCO finds the API through window.opener. */
  readonly popup?: boolean;
}

export interface ApiCall {
  readonly fn: string;
  readonly args: readonly string[];
  readonly result: string;
}

/** The host page's HTML. Serve it from the same origin as the package (the SCO reaches window.parent.API). */
export function hostPage(o: HostOptions): string {
  const script = o.version === 'scorm12' ? 'scorm12.js' : 'scorm2004.js';
  const ctor = o.version === 'scorm12' ? 'Scorm12API' : 'Scorm2004API';
  const global = o.version === 'scorm12' ? 'API' : 'API_1484_11';
  const settings = { autocommit: false, lmsCommitUrl: false, logLevel: 5, ...o.settings };
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>LMS</title>
<script src="/scorm-again/${script}"></script>
<script>
  const api = new ${ctor}(${JSON.stringify(settings)});
  const initial = ${JSON.stringify(o.cmi ?? null)};
  if (initial) api.loadFromJSON(initial, '');
  window.__calls = [];
  for (const fn of Object.getOwnPropertyNames(Object.getPrototypeOf(api)).concat(Object.keys(api))) {
    if (!/^(LMS|Get|Set|Initialize|Terminate|Commit)/.test(fn) || typeof api[fn] !== 'function') continue;
    const original = api[fn].bind(api);
    api[fn] = (...args) => {
      const result = original(...args);
      window.__calls.push({ fn, args: args.map(String), result: String(result) });
      return result;
    };
  }
  window.${global} = api;
</script></head>
<body style="margin:0">${
    o.popup
      ? `<button id="launch" type="button" onclick="window.open(${JSON.stringify(o.launch).replace(/"/g, '&quot;')}, 'sco')">Mở học phần</button>`
      : `<iframe id="sco" title="SCO" src="${o.launch}" style="border:0;width:100vw;height:100vh"></iframe>`
  }</body></html>`;
}

/** What scorm-again holds under `cmi` now, as its JSON object (the shape the LMS would store). */
export async function readCmi(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(() => {
    const api = (window as unknown as { API?: unknown; API_1484_11?: unknown }).API ?? (window as unknown as { API_1484_11: unknown }).API_1484_11;
    const json = (api as { renderCMIToJSONObject(): { cmi: Record<string, unknown> } }).renderCMIToJSONObject();
    return JSON.parse(JSON.stringify(json.cmi)) as Record<string, unknown>;
  });
}

export async function apiCalls(page: Page): Promise<ApiCall[]> {
  return page.evaluate(() => (window as unknown as { __calls: ApiCall[] }).__calls);
}

/** The SCO's frame, once its document has loaded. */
export async function scoFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('#sco');
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('SCO frame missing');
  await frame.waitForLoadState('load');
  return frame;
}

/**
 * Leave the SCO as a learner closing it does: the frame navigates away, so it sees pagehide.
 * A SCORM 2004 SCO whose LMS page stays hands Terminate over to a timer in this page (see
 * src/runtime/tracking/lms-session.ts); the harness lets that grace period elapse at once.
 */
export async function closeSco(page: Page): Promise<void> {
  await page.evaluate(() => {
    (document.getElementById('sco') as HTMLIFrameElement).src = 'about:blank';
  });
  await page.waitForFunction(() => {
    const w = window as unknown as { __calls: { fn: string }[]; __boiduongHandover?: { timer: number; api: { Terminate(a: ''): string } } };
    const pending = w.__boiduongHandover;
    if (pending) {
      clearTimeout(pending.timer);
      delete w.__boiduongHandover;
      pending.api.Terminate('');
    }
    return w.__calls.some((c) => c.fn === 'LMSFinish' || c.fn === 'Terminate');
  });
}

/**
 * What an LMS hands the SCO on its next launch in SCORM 1.2: the kept data, with entry "resume"
 * when the SCO left with exit "suspend" (RTE 3.4.4.2), and no session_time/exit carried over.
 */
export function nextLaunchCmi12(previous: Record<string, unknown>): Record<string, unknown> {
  const core = (previous['core'] ?? {}) as Record<string, unknown>;
  const next: Record<string, unknown> = { ...previous };
  const keep = { ...core };
  delete keep['session_time'];
  delete keep['exit'];
  delete keep['total_time'];
  keep['entry'] = core['exit'] === 'suspend' ? 'resume' : '';
  next['core'] = keep;
  delete next['interactions'];
  return next;
}
