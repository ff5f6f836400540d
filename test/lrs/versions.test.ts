import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { statement, testLrs } from './http-fixture.js';
import type { TestLrs } from './http-fixture.js';

let t: TestLrs;
beforeAll(async () => {
  t = await testLrs();
});
afterAll(async () => t.close());

const activity = encodeURIComponent('https://boiduong.example/au/versions');
const agent = encodeURIComponent(JSON.stringify({ mbox: 'mailto:hv@xa.example' }));

describe('rules that differ between xAPI 1.0.3 and 2.0', () => {
  it('profile PUT without a concurrency header: 400 when new and 409 over an existing one (1.0.3)', async () => {
    const path = `/activities/profile?activityId=${activity}&profileId=${randomUUID()}`;
    expect((await t.call('PUT', path, { body: { a: 1 } })).status).toBe(400);
    expect((await t.call('PUT', path, { body: { a: 1 }, headers: { 'if-none-match': '*' } })).status).toBe(204);
    expect((await t.call('PUT', path, { body: { a: 2 } })).status).toBe(409);
    expect((await t.call('GET', path)).json()).toEqual({ a: 1 });
  });

  it('State PUT over an existing document overwrites under 1.0.3 and needs a header under 2.0', async () => {
    const path = `/activities/state?activityId=${activity}&agent=${agent}&stateId=${randomUUID()}`;
    expect((await t.call('PUT', path, { body: { p: 1 } })).status).toBe(204);
    expect((await t.call('PUT', path, { body: { p: 2 } })).status).toBe(204);
    expect((await t.call('PUT', path, { body: { p: 3 }, version: '2.0.0' })).status).toBe(409);
    expect((await t.call('GET', path, { version: '2.0.0' })).json()).toEqual({ p: 2 });
  });

  it('2.0 requires a time zone on timestamps and refuses the alternate request syntax', async () => {
    const local = statement({ timestamp: '2025-07-01T08:00:00' });
    expect((await t.call('POST', '/statements', { body: local })).status).toBe(200);
    expect((await t.call('POST', '/statements', { body: local, version: '2.0.0' })).status).toBe(400);
    const form = new URLSearchParams({ content: JSON.stringify(statement()), 'X-Experience-API-Version': '2.0.0', statementId: randomUUID() });
    const r = await t.call('POST', '/statements?method=PUT', { body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, version: null });
    expect(r.status).toBe(400);
  });

  it('durations equal to 0.01 s make the same statement', async () => {
    const id = randomUUID();
    const s = statement({ id, result: { duration: 'PT1.234S' } });
    expect((await t.call('POST', '/statements', { body: s })).status).toBe(200);
    expect((await t.call('POST', '/statements', { body: { ...s, result: { duration: 'PT1.23S' } } })).status).toBe(200);
    expect((await t.call('POST', '/statements', { body: { ...s, result: { duration: 'PT1.24S' } } })).status).toBe(409);
  });
});
