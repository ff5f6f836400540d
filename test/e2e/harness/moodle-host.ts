/**
 * An LMS page with Moodle 4.5's SCORM API lifecycle, as recorded from Moodle 4.5.6 (mod_scorm
 * 2024100700), over scorm-again's data model:
 *
 * - one API object per player page for every SCO of the package; moving on (`#nav_next`, or
 *   `openSco`) removes the SCO's iframe and inserts a new one, the API object stays;
 * - Initialize first switches the data model to the SCO now shown, then checks the session flags:
 *   "false"/103 when a session is open, "false"/104 after any Terminate in this page (never reset);
 *   GetValue/SetValue/Commit then fail with 123/133/143 ("after termination") or 122/132/142;
 * - the data model of a SCO is what was stored when the page was opened (a page-load snapshot);
 * - stored tracks are handed back on a later page only when the SCO left with cmi.exit "suspend"
 *   (SCORM 1.2: always); otherwise the SCO gets a fresh data model (entry ab-initio) whose writes
 *   go over the same stored record;
 * - every Commit and Terminate sends the whole data model, as Moodle's request.js does: a
 *   synchronous XHR, or `navigator.sendBeacon` once the page believes it is unloading. Moodle
 *   4.5.6 decides that in `DoRequest` with `['beforeunload', 'unload', 'pagehide'].indexOf(
 *   window.event.type)` and no comparison, so a request made while any other event of the player
 *   page is being dispatched (the click on its ">" or table of contents, which removes the SCO's
 *   frame and so runs the SCO's pagehide) switches the page to beacons for good, as does the page
 *   really leaving ("Exit activity"). A beacon carries the fields as multipart form data (a part
 *   header per element: about 22 KB for the sample's final test after its 30 answers), and
 *   Chromium refuses one once 64 KB are in flight: Moodle then answers "false" with error 101
 *   and stores nothing of that call.
 *
 * The "server" is `window.__stored` (SCO id → scorm-again CMI JSON): read it with `readStored`
 * and pass it to the next page to reopen the package.
 */
import type { Frame, Page } from 'playwright-core';
import type { ScormVersion } from './lms-host.js';

export interface MoodleHostOptions {
  readonly version: ScormVersion;
  /** The package's SCOs in order (Moodle's table of contents). */
  readonly scos: readonly { readonly id: string; readonly launch: string }[];
  /** The SCO Moodle opens on "Enter"; default the first. */
  readonly start?: string;
  /** What the site stored before this page was opened. */
  readonly stored?: Record<string, Record<string, unknown>>;
}

export interface MoodleCall {
  readonly sco: string;
  readonly fn: string;
  readonly args: readonly string[];
  readonly result: string;
  readonly error: string;
}

export function moodleHostPage(o: MoodleHostOptions): string {
  const v12 = o.version === 'scorm12';
  const config = {
    v12,
    scos: o.scos,
    start: o.start ?? o.scos[0]?.id,
    stored: o.stored ?? {},
  };
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Moodle-like player</title>
<script src="/scorm-again/${v12 ? 'scorm12.js' : 'scorm2004.js'}"></script>
<style>body{margin:0;display:flex;flex-direction:column;height:100vh} #scorm_content{flex:1} iframe{border:0;width:100%;height:100%}</style>
<script>
(() => {
  const C = ${JSON.stringify(config)};
  const settings = { autocommit: false, lmsCommitUrl: false, logLevel: 5 };
  window.__stored = JSON.parse(JSON.stringify(C.stored));
  window.__calls = [];
  // The page-load snapshot: Moodle renders every SCO's starting data model into the player page.
  const snapshot = {};
  for (const s of C.scos) {
    const kept = C.stored[s.id];
    if (!kept) { snapshot[s.id] = null; continue; }
    const exit = C.v12 ? kept.core && kept.core.exit : kept.exit;
    if (C.v12 || exit === 'suspend') {
      const d = JSON.parse(JSON.stringify(kept));
      if (C.v12) { d.core = { ...d.core, entry: d.core.exit === 'suspend' ? 'resume' : '' }; delete d.core.exit; delete d.core.session_time; delete d.core.total_time; delete d.interactions; }
      else { d.entry = 'resume'; delete d.exit; delete d.session_time; delete d.total_time; }
      snapshot[s.id] = d;
    } else snapshot[s.id] = null; // exit normal (or none): a fresh data model for the same record
  }
  let current = C.start;
  let inner = null;
  let initialized = false;
  let terminated = false;
  let error = '0';
  function fresh(sco) {
    const api = new (C.v12 ? Scorm12API : Scorm2004API)(settings);
    if (snapshot[sco]) api.loadFromJSON(snapshot[sco], '');
    api[C.v12 ? 'LMSInitialize' : 'Initialize']('');
    return api;
  }
  function store() {
    const json = inner.renderCMIToJSONObject().cmi;
    const old = window.__stored[current] || {};
    // Moodle keeps one row per element: new values replace old ones, nothing is deleted.
    window.__stored[current] = merge(JSON.parse(JSON.stringify(old)), JSON.parse(JSON.stringify(json)));
  }
  function merge(a, b) {
    for (const [k, v] of Object.entries(b)) {
      if (v && typeof v === 'object' && !Array.isArray(v)) a[k] = merge(a[k] && typeof a[k] === 'object' ? a[k] : {}, v);
      else if (Array.isArray(v)) { const arr = Array.isArray(a[k]) ? a[k] : []; v.forEach((x, i) => { arr[i] = x && typeof x === 'object' ? merge(arr[i] || {}, x) : x; }); a[k] = arr; }
      else if (v !== '' || !(k in a)) a[k] = v;
    }
    return a;
  }
  // Moodle's request.js: the transport, and the flag that picks beacons (see the header).
  let useBeacon = false;
  for (const e of ['beforeunload', 'unload', 'pagehide']) window.addEventListener(e, () => { useBeacon = true; });
  window.addEventListener('pageshow', () => { useBeacon = false; });
  window.__beacons = { sent: 0, refused: 0 };
  function flat(o, prefix, out) {
    for (const [k, v] of Object.entries(o)) {
      if (v && typeof v === 'object') flat(v, prefix + '__' + k, out);
      else if (v !== '' && v !== undefined && v !== null) out.push([prefix + '__' + k, String(v)]);
    }
    return out;
  }
  /** True when the data reached the "server"; false as Moodle's DoRequest fails (a refused beacon). */
  function request() {
    if (!useBeacon && window.event && ['beforeunload', 'unload', 'pagehide'].indexOf(window.event.type)) useBeacon = true;
    if (!useBeacon) { store(); return true; }
    // As useSendBeacon: the request's fields as multipart form data, so each field costs its own part header.
    const body = new FormData();
    for (const [k, v] of flat(inner.renderCMIToJSONObject().cmi, 'cmi', [])) body.append(k, v);
    body.append('unloading', '1');
    if (!navigator.sendBeacon('/mod/scorm/datamodel.php?api=beacon', body)) { window.__beacons.refused++; return false; }
    window.__beacons.sent++;
    store();
    return true;
  }
  function log(fn, args, result) { window.__calls.push({ sco: current, fn, args: args.map(String), result: String(result), error }); return result; }
  const N = C.v12
    ? { init: 'LMSInitialize', term: 'LMSFinish', get: 'LMSGetValue', set: 'LMSSetValue', commit: 'LMSCommit', err: 'LMSGetLastError', str: 'LMSGetErrorString', diag: 'LMSGetDiagnostic' }
    : { init: 'Initialize', term: 'Terminate', get: 'GetValue', set: 'SetValue', commit: 'Commit', err: 'GetLastError', str: 'GetErrorString', diag: 'GetDiagnostic' };
  const api = {};
  api[N.init] = (p) => {
    inner = fresh(current); // initdatamodel(scoid) runs before the flags are checked
    error = '0';
    if (!initialized && (C.v12 || !terminated)) { initialized = true; return log(N.init, [p], 'true'); }
    error = initialized ? (C.v12 ? '101' : '103') : '104';
    return log(N.init, [p], 'false');
  };
  api[N.term] = (p) => {
    error = '0';
    if (initialized && (C.v12 || !terminated)) {
      if (!request()) { error = '101'; return log(N.term, [p], 'false'); }
      initialized = false;
      if (!C.v12) terminated = true;
      return log(N.term, [p], 'true');
    }
    error = C.v12 ? '301' : terminated ? '113' : '112';
    return log(N.term, [p], 'false');
  };
  api[N.get] = (el) => {
    error = '0';
    if (initialized && !terminated) { const r = inner[N.get](el); error = String(inner[N.err]()); return log(N.get, [el], r); }
    error = C.v12 ? '301' : terminated ? '123' : '122';
    return log(N.get, [el], '');
  };
  api[N.set] = (el, val) => {
    error = '0';
    if (initialized && !terminated) { const r = inner[N.set](el, val); error = String(inner[N.err]()); return log(N.set, [el, val], r); }
    error = C.v12 ? '301' : terminated ? '133' : '132';
    return log(N.set, [el, val], 'false');
  };
  api[N.commit] = (p) => {
    error = '0';
    if (initialized && !terminated) {
      if (request()) return log(N.commit, [p], 'true');
      error = '101';
      return log(N.commit, [p], 'false');
    }
    error = C.v12 ? '301' : terminated ? '143' : '142';
    return log(N.commit, [p], 'false');
  };
  api[N.err] = () => error;
  api[N.str] = (c) => 'error ' + c;
  api[N.diag] = (c) => 'error ' + c;
  window[C.v12 ? 'API' : 'API_1484_11'] = api;

  // Moodle's scorm_activate_item: remove the SCO's iframe, insert a new one; the API stays.
  window.openSco = (id) => {
    const s = C.scos.find((x) => x.id === id);
    const content = document.getElementById('scorm_content');
    const old = document.getElementById('scorm_object');
    if (old) content.removeChild(old);
    current = id;
    const f = document.createElement('iframe');
    f.id = 'scorm_object';
    f.title = 'SCO';
    f.src = s.launch;
    content.prepend(f);
  };
  window.addEventListener('DOMContentLoaded', () => {
    document.getElementById('nav_next').onclick = () => {
      const i = C.scos.findIndex((x) => x.id === current);
      if (i + 1 < C.scos.length) window.openSco(C.scos[i + 1].id);
    };
    window.openSco(current);
  });
})();
</script></head>
<body><nav><button id="nav_next" type="button">&gt;</button></nav><div id="scorm_content"></div></body></html>`;
}

/** The SCO frame of `moduleId` in the host page, once the player has taken over its page. */
export async function moodleSco(page: Page, moduleId: string): Promise<Frame> {
  const handle = await page.waitForSelector(`#scorm_object[src*="/${moduleId}/"]`);
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('no SCO frame');
  await frame.waitForSelector('.bd-js .bd-page:not([hidden]) .bd-page-title');
  return frame;
}

export async function readStored(page: Page): Promise<Record<string, Record<string, unknown>>> {
  return page.evaluate(() => JSON.parse(JSON.stringify((window as unknown as { __stored: unknown }).__stored)) as Record<string, Record<string, unknown>>);
}

/** Beacons the page sent and those the browser refused (over its 64 KB in flight). */
export async function moodleBeacons(page: Page): Promise<{ sent: number; refused: number }> {
  return page.evaluate(() => (window as unknown as { __beacons: { sent: number; refused: number } }).__beacons);
}

export async function moodleCalls(page: Page): Promise<MoodleCall[]> {
  return page.evaluate(() => (window as unknown as { __calls: MoodleCall[] }).__calls);
}
