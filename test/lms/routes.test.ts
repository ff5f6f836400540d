/**
 * The preview LMS's HTTP surface, request by request, without a browser: which path and method
 * answer what, the 404s, redirects and cookies, the SCORM commit endpoint. It pins the routing so
 * that the route table answers exactly as the server always did.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type RunningPreview } from '../../src/lms/index.js';
import { buildRuntime } from '../e2e/harness/index.js';
import { COURSE_ID, MODULE_ID, tempContent } from './support.js';

describe('preview LMS routes over HTTP', () => {
  let content: ReturnType<typeof tempContent>;
  let dataDir: string;
  let preview: RunningPreview;

  beforeAll(async () => {
    buildRuntime();
    content = tempContent();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'bd-lms-data-'));
    preview = await startPreview({ contentDir: content.dir, dataDir, port: 0 });
  }, 120_000);
  afterAll(async () => {
    await preview?.close();
    content?.remove();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const get = (p: string, headers: Record<string, string> = {}) => fetch(`${preview.url}${p}`, { redirect: 'manual', headers });
  const post = (p: string, body: string, type = 'application/json') =>
    fetch(`${preview.url}${p}`, { method: 'POST', redirect: 'manual', body, headers: { 'content-type': type } });

  it('serves the catalogue, transcript and statement viewer, in the language of the cookie', async () => {
    for (const p of ['/', '/transcript', '/statements', `/statements?course=${COURSE_ID}&learner=hv001&verb=${encodeURIComponent('http://adlnet.gov/expapi/verbs/completed')}`]) {
      const res = await get(p);
      expect(res.status, p).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await res.text()).toContain('<html lang="vi"');
    }
    expect(await (await get('/', { cookie: 'bd_lang=en' })).text()).toContain('<html lang="en"');
  });

  it('answers an unknown path, a known path with another method or a trailing slash with the 404 page', async () => {
    for (const res of [await get('/nope'), await get('/transcript/'), await post('/', '{}'), await get('/learner'), await get('/api/scorm/x')]) {
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await res.text()).toContain('<title>404');
    }
  });

  it('has no reload events outside watch mode', async () => {
    expect((await get('/events')).status).toBe(404);
  });

  it('switches learner and language with a redirect back to a same-site path only', async () => {
    const learner = await post('/learner', 'learner=hv002&back=%2Ftranscript', 'application/x-www-form-urlencoded');
    expect(learner.status).toBe(303);
    expect(learner.headers.get('location')).toBe('/transcript');
    expect(learner.headers.get('set-cookie')).toMatch(/^bd_learner=hv002; Path=\//);
    const lang = await get('/lang?to=en&back=//elsewhere.example');
    expect(lang.status).toBe(303);
    expect(lang.headers.get('location')).toBe('/');
    expect(lang.headers.get('set-cookie')).toMatch(/^bd_lang=en;/);
    expect((await get('/lang?to=xx')).headers.get('set-cookie')).toMatch(/^bd_lang=vi;/);
  });

  it('serves scorm-again and the package files, and 404s anything else there', async () => {
    const vendor = await get('/vendor/scorm-again/scorm-again.js');
    expect(vendor.status).toBe(200);
    expect(vendor.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('/vendor/scorm-again/Bad.JS')).status).toBe(404);
    expect((await get('/vendor/scorm-again/a/b.js')).status).toBe(404);
    const manifest = await get(`/pkg/${COURSE_ID}/scorm12/imsmanifest.xml`);
    expect(manifest.status).toBe(200);
    expect(manifest.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    // Path segments are decoded and empty ones skipped.
    expect((await get(`/pkg//${encodeURIComponent(COURSE_ID)}/scorm12//imsmanifest.xml`)).status).toBe(200);
    const missing = await get(`/pkg/${COURSE_ID}/scorm12/nothing.html`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('text/plain');
    expect((await get(`/pkg/${COURSE_ID}/scorm12`)).status).toBe(404);
  });

  it('launches a SCORM module whose commits the LMS accepts, and refuses an unknown attempt', async () => {
    expect((await get(`/launch/${COURSE_ID}/${MODULE_ID}/nope`)).status).toBe(404);
    expect((await get(`/launch/${COURSE_ID}/nope/scorm12`)).status).toBe(404);
    const page = await (await get(`/launch/${COURSE_ID}/${MODULE_ID}/scorm2004`)).text();
    const commit = /\/api\/scorm\/([0-9a-f-]{36})/.exec(page);
    expect(commit).not.toBeNull();
    const ok = await post(commit![0], JSON.stringify({ 'cmi.location': 'p2' }));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ result: true, errorCode: 0 });
    const relaunch = await (await get(`/launch/${COURSE_ID}/${MODULE_ID}/scorm2004`)).text();
    expect(relaunch).toContain(commit![1]);
    const unknown = await post('/api/scorm/unknown', '{}');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ result: false, errorCode: 101 });
  });

  it('sends a returning learner to the catalogue, breaking out of the frame when asked from one', async () => {
    const top = await get('/return/nope');
    expect(top.status).toBe(303);
    expect(top.headers.get('location')).toBe('/');
    const framed = await get('/return/nope', { 'sec-fetch-dest': 'iframe' });
    expect(framed.status).toBe(200);
    expect(await framed.text()).toContain('window.top.location.replace("/")');
  });

  it('refuses a body over 1 MB with a server error', async () => {
    const res = await post('/learner', `learner=${'x'.repeat(1 << 20)}`, 'application/x-www-form-urlencoded');
    expect(res.status).toBe(500);
  });

  it('answers a path it cannot decode with a server error', async () => {
    const res = await get('/launch/%E0%A4%A');
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('Lỗi máy chủ / server error');
  });
});
