/**
 * cmi5 rules under launch credentials, over HTTP with launch tokens minted as the preview LMS
 * mints them (with the session's context template). A relaunch batch that mixes sessions, a
 * statement after terminated and the other rule breaches get 403 naming the rule, and the whole
 * batch is refused; a proper session is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { statement as plainStatement, testLrs } from './http-fixture.js';
import type { TestLrs } from './http-fixture.js';

let t: TestLrs;
beforeAll(async () => {
  t = await testLrs();
});
afterAll(async () => t.close());

const SESSION = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
const CMI5 = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
const MOVEON = 'https://w3id.org/xapi/cmi5/context/categories/moveon';
const AU = 'https://boiduong.example/course/bi-thu/module/tiep-xuc-doi-thoai';
const COURSE = 'https://boiduong.example/course/bi-thu';
const actor = { objectType: 'Agent', name: 'Trần Thị Bình', account: { homePage: 'https://boiduong.example', name: 'hv-021' } };
const verb = (name: string): { id: string } => ({ id: name === 'satisfied' ? 'https://w3id.org/xapi/adl/verbs/satisfied' : `http://adlnet.gov/expapi/verbs/${name}` });

interface Launch {
  readonly registration: string;
  readonly sessionId: string;
  readonly auth: string;
}

/** What the preview LMS does: a session id and context template, a token minted with it, the AU's one fetch. */
async function launch(registration = randomUUID()): Promise<Launch> {
  const sessionId = randomUUID();
  const contextTemplate = {
    contextActivities: { grouping: [{ objectType: 'Activity', id: AU }, { objectType: 'Activity', id: COURSE }] },
    extensions: { [SESSION]: sessionId },
  };
  const { fetchUrl } = await t.lrs.createLaunch({ actor, registration, activityId: AU, contextTemplate });
  const r = await fetch(fetchUrl, { method: 'POST' });
  return { registration, sessionId, auth: `Basic ${((await r.json()) as { 'auth-token': string })['auth-token']}` };
}

/** A cmi5 defined statement of that session, as the player writes it. */
function defined(l: Launch, name: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  const judged = name === 'completed' || name === 'passed' || name === 'failed';
  const result =
    name === 'completed' ? { completion: true, duration: 'PT5M' } : name === 'passed' ? { success: true, score: { scaled: 0.8 }, duration: 'PT5M' } : name === 'failed' ? { success: false, score: { scaled: 0.2 }, duration: 'PT5M' } : name === 'terminated' ? { duration: 'PT6M' } : undefined;
  return {
    id: randomUUID(),
    actor,
    verb: verb(name),
    object: { objectType: 'Activity', id: AU },
    ...(result ? { result } : {}),
    context: {
      registration: l.registration,
      contextActivities: { grouping: [{ id: AU }, { id: COURSE }], category: judged ? [{ id: CMI5 }, { id: MOVEON }] : [{ id: CMI5 }] },
      extensions: { [SESSION]: l.sessionId },
    },
    timestamp: new Date().toISOString(),
    ...over,
  };
}

/** A cmi5 allowed statement: an answered question under the AU. */
function answered(l: Launch): Record<string, unknown> {
  return {
    id: randomUUID(),
    actor,
    verb: verb('answered'),
    object: { objectType: 'Activity', id: `${AU}/question/q1` },
    result: { success: true, response: 'b' },
    context: {
      registration: l.registration,
      contextActivities: { parent: [{ id: AU }], grouping: [{ id: AU }, { id: COURSE }] },
      extensions: { [SESSION]: l.sessionId },
    },
  };
}

const post = (l: Launch, body: unknown) => t.call('POST', '/statements', { auth: l.auth, body });
const storedIds = async (registration: string): Promise<string[]> =>
  (await t.call('GET', `/statements?registration=${registration}&limit=100`)).json().statements.map((s: { id: string }) => s.id);

describe('cmi5 rules under launch credentials', () => {
  it('a proper session is accepted: initialized, answered, completed, passed, terminated', async () => {
    const l = await launch();
    const session = [defined(l, 'initialized'), answered(l), defined(l, 'completed'), defined(l, 'passed'), defined(l, 'terminated')];
    for (const s of session) expect((await post(l, s)).status).toBe(200);
    expect((await storedIds(l.registration)).sort()).toEqual(session.map((s) => s['id']).sort());
  });

  it('a relaunch batch that resends the previous session’s terminated with the new initialized → 403, nothing stored', async () => {
    const registration = randomUUID();
    const first = await launch(registration);
    expect((await post(first, [defined(first, 'initialized'), answered(first)])).status).toBe(200);
    const second = await launch(registration);
    const stale = defined(first, 'terminated');
    const fresh = defined(second, 'initialized');
    const r = await post(second, [stale, fresh]);
    expect(r.status).toBe(403);
    expect(r.json().error.message).toMatch(/^cmi5 9\.6\.3\.1: statements\[0\]: sessionid differs/);
    expect(await storedIds(registration)).not.toContain(fresh['id']);
    expect((await post(second, [fresh])).status).toBe(200);
  });

  it('a statement after the session’s terminated → 403; resending the stored terminated is still accepted', async () => {
    const l = await launch();
    const terminated = defined(l, 'terminated');
    expect((await post(l, [defined(l, 'initialized'), terminated])).status).toBe(200);
    const late = await post(l, answered(l));
    expect(late.status).toBe(403);
    expect(late.json().error.message).toMatch(/^cmi5 9\.3\.8: /);
    const batch = await post(l, [terminated, defined(l, 'completed')]);
    expect(batch.status).toBe(403);
    expect((await post(l, terminated)).status).toBe(200);
  });

  it('each rule an LMS enforces is refused with 403 naming it', async () => {
    const l = await launch();
    expect((await post(l, defined(l, 'initialized'))).status).toBe(200);
    const refused = async (body: unknown, rule: string): Promise<void> => {
      const r = await post(l, body);
      expect(r.status, rule).toBe(403);
      expect(r.json().error.message).toMatch(new RegExp(`^cmi5 ${rule.replace(/\./g, '\\.')}: `));
    };
    await refused(defined(l, 'completed', { actor: { objectType: 'Agent', account: { homePage: 'https://boiduong.example', name: 'hv-022' } } }), '9.2');
    const noGrouping = defined(l, 'completed');
    (noGrouping['context'] as { contextActivities: Record<string, unknown> }).contextActivities['grouping'] = [{ id: COURSE }];
    await refused(noGrouping, '9.6.2.3');
    const noCategory = defined(l, 'completed');
    delete (noCategory['context'] as { contextActivities: Record<string, unknown> }).contextActivities['category'];
    await refused(noCategory, '9.6.2.1');
    const noMoveOn = defined(l, 'completed');
    (noMoveOn['context'] as { contextActivities: Record<string, unknown> }).contextActivities['category'] = [{ id: CMI5 }];
    await refused(noMoveOn, '9.6.2.2');
    await refused(defined(l, 'completed', { object: { objectType: 'Activity', id: `${AU}/other` } }), '9.4');
    await refused(defined(l, 'initialized'), '9.3');
    await refused(defined(l, 'satisfied'), '9.3');
    await refused(plainStatement({ actor, verb: { id: 'http://adlnet.gov/expapi/verbs/voided' }, object: { objectType: 'StatementRef', id: randomUUID() }, context: { registration: l.registration, extensions: { [SESSION]: l.sessionId } } }), '6.3');
    await refused({ ...answered(l), context: { ...(answered(l)['context'] as object), registration: randomUUID() } }, '9.6.1');
    // One bad statement refuses the whole batch.
    const good = defined(l, 'completed');
    await refused([good, defined(l, 'completed', { actor: { mbox: 'mailto:someone@xa.example' } })], '9.2');
    expect(await storedIds(l.registration)).not.toContain(good['id']);
    expect((await post(l, good)).status).toBe(200);
    await refused(defined(l, 'completed'), '9.3');
    await refused([defined(l, 'passed'), defined(l, 'failed')], '9.3');
  });

  it('the first statement of a session must be initialized', async () => {
    const l = await launch();
    const r = await post(l, [answered(l), defined(l, 'initialized')]);
    expect(r.status).toBe(403);
    expect(r.json().error.message).toMatch(/^cmi5 9\.3\.2: /);
  });

  it('the AU reads LMS.LaunchData but may not change it', async () => {
    const l = await launch();
    const q = `/activities/state?activityId=${encodeURIComponent(AU)}&agent=${encodeURIComponent(JSON.stringify(actor))}&registration=${l.registration}&stateId=LMS.LaunchData`;
    expect((await t.call('PUT', q, { body: { contextTemplate: {}, launchMode: 'Normal' } })).status).toBe(204);
    expect((await t.call('GET', q, { auth: l.auth })).status).toBe(200);
    const r = await t.call('PUT', q, { auth: l.auth, body: { launchMode: 'Browse' } });
    expect(r.status).toBe(403);
    expect(r.json().error.message).toMatch(/^cmi5 10\.2\.1: /);
  });
});
