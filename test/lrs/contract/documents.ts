/**
 * The document contract every store must pass: State, Activity Profile and Agent Profile through
 * the HTTP handlers, so the rules (ETags, 409/412, merge, lists, delete-all) are checked end to end
 * against the real database.
 */
import { describe, expect, it } from 'vitest';
import { Buffer } from 'node:buffer';
import { handleActivityProfile, handleAgentProfile, handleState } from '../../../src/lrs/http/documents.js';
import type { ResourceRequest, ResourceResponse } from '../../../src/lrs/http/documents.js';
import type { DocumentStore } from '../../../src/lrs/service/documents.js';

const agent = JSON.stringify({ objectType: 'Agent', account: { homePage: 'https://boiduong.example', name: 'hv-001' } });
const other = JSON.stringify({ mbox: 'mailto:nguyen.van.a@xa.example' });
const activityId = 'https://boiduong.example/course/boi-duong-bi-thu-dang-uy-xa/m1';
const registration = '5e1c2f4a-1b2c-4d3e-8f90-a1b2c3d4e5f6';

function req(method: string, params: Record<string, string>, body?: string | Buffer, headers: Record<string, string> = {}): ResourceRequest {
  const h: Record<string, string> = { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers };
  return {
    method,
    query: new URLSearchParams(params),
    header: (name) => h[name],
    body: typeof body === 'string' ? Buffer.from(body) : (body ?? Buffer.alloc(0)),
  };
}

const text = (r: ResourceResponse) => (r.body === undefined ? '' : r.body.toString());

export function documentContract(name: string, open: () => Promise<DocumentStore>): void {
  describe(`${name}: documents`, () => {
    it('stores a state, returns it with its ETag and content type, and lists ids since a time', async () => {
      const store = await open();
      const key = { activityId, agent, registration };
      const before = new Date(Date.now() - 1000).toISOString();
      expect((await handleState(store, req('PUT', { ...key, stateId: 'LMS.LaunchData' }, '{"launchMode":"Normal"}'))).status).toBe(204);
      const bin = Buffer.from([0, 1, 2, 255]);
      expect((await handleState(store, req('PUT', { ...key, stateId: 'blob' }, bin, { 'content-type': 'application/octet-stream' }))).status).toBe(204);
      const got = await handleState(store, req('GET', { ...key, stateId: 'LMS.LaunchData' }));
      expect(got.status).toBe(200);
      expect(JSON.parse(text(got))).toEqual({ launchMode: 'Normal' });
      expect(got.headers['etag']).toMatch(/^"[0-9a-f]{40}"$/);
      const blob = await handleState(store, req('GET', { ...key, stateId: 'blob' }));
      expect(blob.headers['content-type']).toBe('application/octet-stream');
      expect(Buffer.compare(blob.body as Buffer, bin)).toBe(0);
      expect(JSON.parse(text(await handleState(store, req('GET', key))))).toEqual(['LMS.LaunchData', 'blob']);
      expect(JSON.parse(text(await handleState(store, req('GET', { ...key, since: before }))))).toHaveLength(2);
      const future = new Date(Date.now() + 60_000).toISOString();
      expect(JSON.parse(text(await handleState(store, req('GET', { ...key, since: future }))))).toEqual([]);
      // Another registration and another agent are separate.
      expect(JSON.parse(text(await handleState(store, req('GET', { activityId, agent })))).length).toBe(0);
      expect((await handleState(store, req('GET', { activityId, agent: other, registration, stateId: 'blob' }))).status).toBe(404);
    });

    it('merges JSON on POST and refuses to merge what is not a JSON object', async () => {
      const store = await open();
      const key = { activityId, agent, stateId: 'progress' };
      await handleState(store, req('POST', key, '{"a":1,"b":{"x":1}}'));
      await handleState(store, req('POST', key, '{"b":{"y":2},"c":3}'));
      expect(JSON.parse(text(await handleState(store, req('GET', key))))).toEqual({ a: 1, b: { y: 2 }, c: 3 });
      expect((await handleState(store, req('POST', key, '[1,2]'))).status).toBe(400);
      expect((await handleState(store, req('POST', key, 'not json', { 'content-type': 'text/plain' }))).status).toBe(400);
      await handleState(store, req('PUT', key, 'plain text', { 'content-type': 'text/plain' }));
      expect((await handleState(store, req('POST', key, '{"d":4}'))).status).toBe(400);
      expect(text(await handleState(store, req('GET', key)))).toBe('plain text');
    });

    it('deletes one state or all states of an activity and agent', async () => {
      const store = await open();
      const key = { activityId, agent: other };
      for (const id of ['s1', 's2', 's3']) await handleState(store, req('PUT', { ...key, stateId: id }, '{}'));
      expect((await handleState(store, req('DELETE', { ...key, stateId: 's1' }))).status).toBe(204);
      expect(JSON.parse(text(await handleState(store, req('GET', key))))).toEqual(['s2', 's3']);
      expect((await handleState(store, req('DELETE', key))).status).toBe(204);
      expect(JSON.parse(text(await handleState(store, req('GET', key))))).toEqual([]);
    });

    it('guards profiles with ETags: 409 without a header on an existing document, 412 on a stale one', async () => {
      const store = await open();
      const key = { activityId, profileId: 'cau-hinh' };
      expect((await handleActivityProfile(store, req('PUT', key, '{"v":1}', { 'if-none-match': '*' }))).status).toBe(204);
      expect((await handleActivityProfile(store, req('PUT', key, '{"v":2}', { 'if-none-match': '*' }))).status).toBe(412);
      expect((await handleActivityProfile(store, req('PUT', key, '{"v":2}'))).status).toBe(409);
      const etag = (await handleActivityProfile(store, req('GET', key))).headers['etag']!;
      expect((await handleActivityProfile(store, req('PUT', key, '{"v":2}', { 'if-match': '"0000"' }))).status).toBe(412);
      const put = await handleActivityProfile(store, req('PUT', key, '{"v":2}', { 'if-match': etag }));
      expect(put.status).toBe(204);
      expect(put.headers['etag']).not.toBe(etag);
      expect((await handleActivityProfile(store, req('DELETE', key, undefined, { 'if-match': etag }))).status).toBe(412);
      expect(JSON.parse(text(await handleActivityProfile(store, req('GET', { activityId }))))).toEqual(['cau-hinh']);
      expect((await handleActivityProfile(store, req('DELETE', key))).status).toBe(204);
      expect((await handleActivityProfile(store, req('GET', key))).status).toBe(404);
    });

    it('keeps agent profiles per agent and rejects bad parameters', async () => {
      const store = await open();
      await handleAgentProfile(store, req('PUT', { agent, profileId: 'cmi5LearnerPreferences' }, '{"languagePreference":"vi-VN"}'));
      expect(JSON.parse(text(await handleAgentProfile(store, req('GET', { agent, profileId: 'cmi5LearnerPreferences' }))))).toEqual({ languagePreference: 'vi-VN' });
      expect((await handleAgentProfile(store, req('GET', { agent: other, profileId: 'cmi5LearnerPreferences' }))).status).toBe(404);
      expect((await handleAgentProfile(store, req('GET', { agent: '{"name":"no ifi"}', profileId: 'x' }))).status).toBe(400);
      expect((await handleAgentProfile(store, req('GET', { agent: 'not json', profileId: 'x' }))).status).toBe(400);
      expect((await handleState(store, req('GET', { activityId: 'not an iri', agent, stateId: 'x' }))).status).toBe(400);
      expect((await handleState(store, req('GET', { activityId, agent, registration: 'nope', stateId: 'x' }))).status).toBe(400);
      expect((await handleState(store, req('GET', { activityId, agent, stateId: 'x', bogus: '1' }))).status).toBe(400);
    });
  });
}
