import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { basic, statement, testLrs } from './http-fixture.js';
import type { TestLrs } from './http-fixture.js';

let t: TestLrs;
beforeAll(async () => {
  t = await testLrs({ origins: ['https://lms.example'] });
});
afterAll(async () => t.close());

const stateQuery = (reg?: string) =>
  `/activities/state?activityId=${encodeURIComponent('https://boiduong.example/au/1')}&agent=${encodeURIComponent(JSON.stringify({ mbox: 'mailto:hv@xa.example' }))}&stateId=resume${reg ? `&registration=${reg}` : ''}`;

describe('credentials', () => {
  it('401 without credentials, with a wrong secret or a revoked key; the secret is stored hashed', async () => {
    expect((await t.call('GET', '/statements', { auth: null })).status).toBe(401);
    const k = await t.lrs.createKey(['all'], 'x');
    expect((await t.call('GET', '/statements', { auth: basic(k.key, 'wrong') })).status).toBe(401);
    expect((await t.call('GET', '/statements', { auth: 'Bearer abc' })).status).toBe(401);
    expect((await t.call('GET', '/statements?limit=1', { auth: basic(k.key, k.secret) })).status).toBe(200);
    const stored = await t.lrs.credentials.getCredential(k.key);
    expect(stored?.secretHash).not.toContain(k.secret);
    expect(stored?.secretHash.startsWith('scrypt$')).toBe(true);
    await t.lrs.credentials.revokeCredential(k.key, new Date().toISOString());
    // The running server notices within its few-second cache window; the store records it now.
    const fresh = await t.lrs.credentials.getCredential(k.key);
    expect(fresh?.revoked).toBeTruthy();
  });

  it('403 beyond the scope, for every resource', async () => {
    const writeOnly = await t.auth(['statements/write']);
    const readOnly = await t.auth(['statements/read']);
    const allRead = await t.auth(['all/read']);
    const state = await t.auth(['state']);
    expect((await t.call('POST', '/statements', { auth: writeOnly, body: statement() })).status).toBe(200);
    expect((await t.call('GET', '/statements', { auth: writeOnly })).status).toBe(403);
    expect((await t.call('POST', '/statements', { auth: readOnly, body: statement() })).status).toBe(403);
    expect((await t.call('GET', '/statements?limit=1', { auth: readOnly })).status).toBe(200);
    expect((await t.call('POST', '/statements', { auth: allRead, body: statement() })).status).toBe(403);
    expect((await t.call('GET', '/statements?limit=1', { auth: allRead })).status).toBe(200);
    expect((await t.call('PUT', stateQuery(), { auth: state, body: { page: 3 } })).status).toBe(204);
    expect((await t.call('GET', stateQuery(), { auth: state })).json()).toEqual({ page: 3 });
    expect((await t.call('GET', stateQuery(), { auth: readOnly })).status).toBe(403);
    expect((await t.call('GET', '/statements', { auth: state })).status).toBe(403);
  });

  it('the authority of a statement is the credential that stored it, whatever the statement says', async () => {
    const auth = await t.auth(['statements/write', 'statements/read']);
    const claimed = { objectType: 'Agent', mbox: 'mailto:someone-else@example.org' };
    const id = (await t.call('POST', '/statements', { auth, body: statement({ authority: claimed }) })).json()[0];
    const s = (await t.call('GET', `/statements?statementId=${id}`, { auth })).json();
    expect(s.authority.account.name).toBe(Buffer.from(auth.slice(6), 'base64').toString().split(':')[0]);
  });

  it('statements/read/mine reads only the statements its own key stored', async () => {
    const mine = await t.auth(['statements/write', 'statements/read/mine']);
    const verb = `https://boiduong.example/verbs/${randomUUID()}`;
    const own = (await t.call('POST', '/statements', { auth: mine, body: statement({ verb: { id: verb } }) })).json()[0];
    await t.call('POST', '/statements', { body: statement({ verb: { id: verb } }) });
    const r = await t.call('GET', `/statements?verb=${encodeURIComponent(verb)}`, { auth: mine });
    expect(r.json().statements.map((s: { id: string }) => s.id)).toEqual([own]);
  });
});

describe('cmi5 launch tokens', () => {
  it('the fetch URL hands the token out once; it writes and reads only its registration', async () => {
    const registration = randomUUID();
    const actor = { objectType: 'Agent', account: { homePage: 'https://boiduong.example', name: 'hv-007' } };
    const launch = await t.lrs.createLaunch({ actor, registration, activityId: 'https://boiduong.example/au/1' });
    const first = await fetch(launch.fetchUrl, { method: 'POST' });
    expect(first.status).toBe(200);
    const token: string = ((await first.json()) as { 'auth-token': string })['auth-token'];
    const second = await fetch(launch.fetchUrl, { method: 'POST' });
    expect(second.status).toBe(401);
    expect(((await second.json()) as { 'error-code': string })['error-code']).toBe('1');

    const auth = `Basic ${token}`;
    const inReg = statement({ actor, context: { registration } });
    const posted = await t.call('POST', '/statements', { auth, body: inReg });
    expect(posted.status).toBe(200);
    expect((await t.call('POST', '/statements', { auth, body: statement({ actor, context: { registration: randomUUID() } }) })).status).toBe(403);
    expect((await t.call('POST', '/statements', { auth, body: statement({ actor }) })).status).toBe(403);
    await t.call('POST', '/statements', { body: statement({ actor }) });
    const read = await t.call('GET', '/statements', { auth });
    expect(read.status).toBe(200);
    expect(read.json().statements.map((s: { id: string }) => s.id)).toEqual(posted.json());
    expect((await t.call('GET', `/statements?registration=${randomUUID()}`, { auth })).status).toBe(403);

    expect((await t.call('PUT', stateQuery(registration), { auth, body: { bookmark: 'p2' } })).status).toBe(204);
    expect((await t.call('PUT', stateQuery(randomUUID()), { auth, body: { bookmark: 'p2' } })).status).toBe(403);
    expect((await t.call('PUT', stateQuery(), { auth, body: { bookmark: 'p2' } })).status).toBe(403);
    expect((await t.call('GET', '/activities/profile?activityId=https%3A%2F%2Fx.example%2Fa&profileId=p', { auth })).status).toBe(403);
  });

  it('an unknown or expired token is refused', async () => {
    const expired = await t.lrs.createLaunch({ actor: { mbox: 'mailto:a@b.vn' }, registration: randomUUID(), activityId: 'https://x.example/a' }, -1);
    const r = await fetch(expired.fetchUrl, { method: 'POST' });
    expect(r.status).toBe(401);
    expect((await fetch(`${t.lrs.url}/cmi5/fetch/lt-nothing`, { method: 'POST' })).status).toBe(401);
  });
});

describe('CORS', () => {
  it('answers the preflight for an allowed origin and not for others', async () => {
    const ok = await fetch(`${t.lrs.url}/statements`, {
      method: 'OPTIONS',
      headers: { origin: 'https://lms.example', 'access-control-request-method': 'PUT', 'access-control-request-headers': 'authorization,x-experience-api-version,content-type' },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://lms.example');
    expect(ok.headers.get('access-control-allow-headers')).toMatch(/X-Experience-API-Version/i);
    expect(ok.headers.get('access-control-allow-methods')).toContain('PUT');
    const other = await fetch(`${t.lrs.url}/statements`, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const get = await t.call('GET', '/statements?limit=1', { headers: { origin: 'https://lms.example' } });
    expect(get.headers.get('access-control-allow-origin')).toBe('https://lms.example');
    expect(get.headers.get('access-control-expose-headers')).toMatch(/Consistent-Through/);
  });
});

describe('launch tokens: expiry, learner preferences, registration case', () => {
  const actor = { objectType: 'Agent', account: { homePage: 'https://boiduong.example', name: 'hv-011' } };
  async function claimed(registration: string, ttlSeconds?: number): Promise<string> {
    const launch = await t.lrs.createLaunch({ actor, registration, activityId: 'https://boiduong.example/au/2' }, ttlSeconds);
    const r = await fetch(launch.fetchUrl, { method: 'POST' });
    return `Basic ${((await r.json()) as { 'auth-token': string })['auth-token']}`;
  }

  it('an expired token is refused at once, even just after a request it passed', async () => {
    const registration = randomUUID();
    const auth = await claimed(registration, 1);
    expect((await t.call('POST', '/statements', { auth, body: statement({ actor, context: { registration } }) })).status).toBe(200);
    const { expires } = (await t.lrs.credentials.getLaunchToken(Buffer.from(auth.slice(6), 'base64').toString().split(':')[0]!))!;
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(expires) - Date.now()) + 50));
    expect((await t.call('POST', '/statements', { auth, body: statement({ actor, context: { registration } }) })).status).toBe(401);
  });

  it("reads the learner's cmi5LearnerPreferences whatever the key order of the agent", async () => {
    const auth = await claimed(randomUUID());
    const prefs = '/agents/profile?profileId=cmi5LearnerPreferences&agent=';
    expect((await t.call('PUT', prefs + encodeURIComponent(JSON.stringify(actor)), { body: { languagePreference: 'vi-VN' }, headers: { 'if-none-match': '*' } })).status).toBe(204);
    const reordered = { account: { name: 'hv-011', homePage: 'https://boiduong.example' }, objectType: 'Agent' };
    const r = await t.call('GET', prefs + encodeURIComponent(JSON.stringify(reordered)), { auth });
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({ languagePreference: 'vi-VN' });
    const other = { account: { name: 'hv-012', homePage: 'https://boiduong.example' } };
    expect((await t.call('GET', prefs + encodeURIComponent(JSON.stringify(other)), { auth })).status).toBe(403);
  });

  it('a statement stored with its registration in upper case is listed and read by id', async () => {
    const registration = randomUUID();
    const auth = await claimed(registration);
    const [id] = (await t.call('POST', '/statements', { auth, body: statement({ actor, context: { registration: registration.toUpperCase() } }) })).json();
    expect((await t.call('GET', '/statements', { auth })).json().statements.map((s: { id: string }) => s.id)).toEqual([id]);
    const byId = await t.call('GET', `/statements?statementId=${id}`, { auth });
    expect(byId.status).toBe(200);
    expect(byId.json().id).toBe(id);
  });
});
