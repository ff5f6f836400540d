/** Documents, Activities, Agents and About through the HTTP API, with scopes (either store). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statement, testLrs } from './http-fixture.js';
import type { TestLrs } from './http-fixture.js';

let t: TestLrs;
beforeAll(async () => {
  t = await testLrs();
});
afterAll(async () => {
  await t?.close();
});

const agent = { objectType: 'Agent', account: { homePage: 'https://boiduong.example', name: 'hv-042' } };
const activityId = 'https://boiduong.example/course/boi-duong-bi-thu-dang-uy-xa/m2';
const q = (o: Record<string, string>) => new URLSearchParams(o).toString();

describe('documents over HTTP', () => {
  it('round-trips a state with its ETag and answers 412 on a stale If-Match', async () => {
    const path = `/activities/state?${q({ activityId, agent: JSON.stringify(agent), stateId: 'resume' })}`;
    expect((await t.call('PUT', path, { body: { page: 3 } })).status).toBe(204);
    const got = await t.call('GET', path);
    expect(got.status).toBe(200);
    expect(got.json()).toEqual({ page: 3 });
    const etag = got.headers.get('etag')!;
    expect((await t.call('POST', path, { body: { answered: 2 }, headers: { 'if-match': etag } })).status).toBe(204);
    expect((await t.call('GET', path)).json()).toEqual({ page: 3, answered: 2 });
    expect((await t.call('PUT', path, { body: { page: 4 }, headers: { 'if-match': etag } })).status).toBe(412);
  });

  it('refuses a key without the state or profile scope with 403', async () => {
    const auth = await t.auth(['statements/read']);
    const path = `/activities/state?${q({ activityId, agent: JSON.stringify(agent), stateId: 'resume' })}`;
    expect((await t.call('GET', path, { auth })).status).toBe(403);
    expect((await t.call('GET', `/activities/profile?${q({ activityId, profileId: 'p' })}`, { auth })).status).toBe(403);
    expect((await t.call('GET', path, { auth: null })).status).toBe(401);
  });

  it('returns the activity definition merged from statements, the Person of an agent, and the versions', async () => {
    const object = (name: Record<string, string>) => ({ objectType: 'Activity', id: activityId, definition: { name } });
    expect((await t.call('POST', '/statements', { body: statement({ object: object({ vi: 'Kiểm tra, giám sát' }) }) })).status).toBe(200);
    expect((await t.call('POST', '/statements', { body: statement({ object: object({ en: 'Inspection' }) }) })).status).toBe(200);
    const activity = await t.call('GET', `/activities?${q({ activityId })}`);
    expect(activity.json()).toEqual({ objectType: 'Activity', id: activityId, definition: { name: { vi: 'Kiểm tra, giám sát', en: 'Inspection' } } });
    const person = await t.call('GET', `/agents?${q({ agent: JSON.stringify({ ...agent, name: 'Nguyễn Văn A' }) })}`);
    expect(person.json()).toEqual({ objectType: 'Person', name: ['Nguyễn Văn A'], account: [agent.account] });
    const about = await t.call('GET', '/about', { auth: null, version: null });
    expect(about.status).toBe(200);
    expect(about.json<{ version: string[] }>().version).toEqual(expect.arrayContaining(['1.0.3', '2.0.0']));
  });
});
