/**
 * Agents of the document resources are told apart by their whole identifier and checked as
 * strictly as in statements (either store).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { statement, testLrs } from './http-fixture.js';
import type { TestLrs } from './http-fixture.js';

let t: TestLrs;
beforeAll(async () => {
  t = await testLrs();
});
afterAll(async () => t?.close());

const activityId = 'https://boiduong.example/course/tiep-xuc-doi-thoai/m1';
const q = (o: Record<string, string>) => new URLSearchParams(o).toString();
const state = (agent: unknown, extra: Record<string, string> = {}) => `/activities/state?${q({ activityId, agent: JSON.stringify(agent), stateId: 'resume', ...extra })}`;
const profile = (agent: unknown) => `/agents/profile?${q({ agent: JSON.stringify(agent), profileId: 'cmi5LearnerPreferences' })}`;

// Two accounts whose homePage and name joined by "|" read the same.
const learner = { objectType: 'Agent', account: { homePage: 'http://a.example', name: 'x|y' } };
const lookalike = { objectType: 'Agent', account: { homePage: 'http://a.example|x', name: 'y' } };

describe('document agents', () => {
  it('an account whose name holds "|" keeps its state and profile to itself', async () => {
    expect((await t.call('PUT', state(learner), { body: { page: 7 } })).status).toBe(204);
    expect((await t.call('PUT', profile(learner), { body: { languagePreference: 'vi-VN' }, headers: { 'if-none-match': '*' } })).status).toBe(204);
    const stolen = await t.call('GET', state(lookalike));
    expect(stolen.status).toBe(400);
    expect(stolen.text).not.toContain('7');
    expect((await t.call('GET', profile(lookalike))).status).toBe(400);
    expect((await t.call('GET', state(learner))).json()).toEqual({ page: 7 });
    expect((await t.call('GET', profile(learner))).json()).toEqual({ languagePreference: 'vi-VN' });
  });

  it('the agent filter of statements and the document resources find one person by the same identifier', async () => {
    const registration = randomUUID();
    const posted = await t.call('POST', '/statements', { body: statement({ actor: learner, context: { registration } }) });
    expect(posted.status).toBe(200);
    const found = await t.call('GET', `/statements?${q({ agent: JSON.stringify(learner), registration })}`);
    expect(found.json().statements.map((s: { id: string }) => s.id)).toEqual(posted.json());
    const other = { objectType: 'Agent', account: { homePage: 'http://a.example', name: 'x' } };
    expect((await t.call('GET', `/statements?${q({ agent: JSON.stringify(other), registration })}`)).json().statements).toEqual([]);
    expect((await t.call('GET', state(learner, { registration }))).status).toBe(404);
  });

  it('refuses an agent a statement would refuse, naming the property', async () => {
    const refused = [
      { mbox: 'mailto:hv@xa.example', role: 'hoc-vien' },
      { account: { homePage: 'https://boiduong.example', name: 'hv-1', id: 3 } },
      { account: { homePage: 'https://boiduong.example', name: 42 } },
      { account: { homePage: 'https://boiduong.example' } },
      { name: 7, mbox: 'mailto:hv@xa.example' },
      { openid: 'not an iri' },
      { mbox: 'mailto:hv@xa.example', openid: 'https://id.example/hv' },
      { objectType: 'Group', mbox: 'mailto:chi-bo@xa.example' },
    ];
    for (const agent of refused) {
      const r = await t.call('GET', state(agent));
      expect(r.status, JSON.stringify(agent)).toBe(400);
      expect(r.json().error.message).toMatch(/^agent/);
    }
    expect((await t.call('GET', `/agents?${q({ agent: JSON.stringify(refused[0]) })}`)).status).toBe(400);
    expect((await t.call('GET', state({ objectType: 'Agent', name: 'Lê Thị C', mbox: 'mailto:LE.C@xa.example' }))).status).toBe(404);
  });
});
