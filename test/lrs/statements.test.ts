import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { agentParam, statement, testLrs } from './http-fixture.js';
import type { TestLrs } from './http-fixture.js';

let t: TestLrs;
beforeAll(async () => {
  t = await testLrs();
});
afterAll(async () => t.close());

const VOIDED = 'http://adlnet.gov/expapi/verbs/voided';
const ids = (r: { json(): any }): string[] => r.json().statements.map((s: { id: string }) => s.id);

describe('writing statements', () => {
  it('POST stores a batch atomically and returns the ids in order; stored, authority, version are set by the LRS', async () => {
    const a = statement({ id: randomUUID() });
    const b = statement();
    const r = await t.call('POST', '/statements', { body: [a, b] });
    expect(r.status).toBe(200);
    const [idA, idB] = r.json<string[]>();
    expect(idA).toBe(a['id']);
    const got = await t.call('GET', `/statements?statementId=${idB}`);
    expect(got.status).toBe(200);
    const s = got.json();
    expect(s.id).toBe(idB);
    expect(s.version).toBe('1.0.0');
    expect(s.authority.account.name).toMatch(/^bd-/);
    expect(Date.parse(s.stored)).not.toBeNaN();
    expect(s.timestamp).toBe(s.stored);
    expect(got.headers.get('last-modified')).toBe(new Date(s.stored).toUTCString());
  });

  it('a batch resending a statement another request is storing at the same moment stores the rest', async () => {
    // A page that leaves resends with keepalive what it was still sending, plus its last statement.
    for (let round = 0; round < 5; round++) {
      const first = statement({ id: randomUUID() });
      const last = statement({ id: randomUUID() });
      const [a, b] = await Promise.all([t.call('POST', '/statements', { body: [first] }), t.call('POST', '/statements', { body: [first, last] })]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(b.json()).toEqual([first['id'], last['id']]);
      expect((await t.call('GET', `/statements?statementId=${last['id']}`)).status).toBe(200);
    }
  });

  it('a batch with one invalid statement stores nothing', async () => {
    const good = statement({ id: randomUUID() });
    const bad = statement({ verb: { id: 'not an iri' } });
    const r = await t.call('POST', '/statements', { body: [good, bad] });
    expect(r.status).toBe(400);
    expect(r.json().error.message).toContain('statements[1].verb.id');
    expect((await t.call('GET', `/statements?statementId=${good['id']}`)).status).toBe(404);
  });

  it('PUT needs statementId, answers 204, accepts the same statement again and refuses a different one with 409', async () => {
    const id = randomUUID();
    const s = statement();
    expect((await t.call('PUT', '/statements', { body: s })).status).toBe(400);
    expect((await t.call('PUT', `/statements?statementId=${id}`, { body: s })).status).toBe(204);
    expect((await t.call('PUT', `/statements?statementId=${id}`, { body: s })).status).toBe(204);
    expect((await t.call('PUT', `/statements?statementId=${id}`, { body: { ...s, result: { success: true } } })).status).toBe(409);
    expect((await t.call('POST', '/statements', { body: { ...s, id, result: { success: false } } })).status).toBe(409);
  });

  it('rejects malformed statements with 400 and a path to the problem', async () => {
    const cases: [unknown, string][] = [
      [statement({ actor: { mbox: 'mailto:a@b.vn', openid: 'https://id.example/a' } }), 'exactly one'],
      [statement({ result: { score: { scaled: 1.5 } } }), 'result.score.scaled'],
      [statement({ result: { duration: '1 hour' } }), 'result.duration'],
      [statement({ timestamp: '2025-13-01T00:00:00Z' }), 'timestamp'],
      [statement({ object: { objectType: 'Agent', mbox: 'mailto:b@b.vn' }, context: { platform: 'web' } }), 'context.platform'],
      [statement({ verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'not a tag!': 'x' } } }), 'verb.display'],
      [statement({ extra: 1 }), 'statement.extra'],
      [statement({ object: { id: 'https://x.example/q', definition: { interactionType: 'true-false', choices: [] } } }), 'choices'],
      ['{"actor":', 'not valid JSON'],
    ];
    for (const [body, hint] of cases) {
      const r = await t.call('POST', '/statements', { body });
      expect(r.status, hint).toBe(400);
      expect(r.json().error.message).toContain(hint);
    }
  });

  it('answers 413 for a body over the cap and keeps serving', async () => {
    const small = await testLrs({ maxBody: 2048 });
    try {
      const r = await small.call('POST', '/statements', { body: [statement({ result: { response: 'x'.repeat(5000) } })] });
      expect(r.status).toBe(413);
      expect((await small.call('POST', '/statements', { body: statement() })).status).toBe(200);
    } finally {
      await small.close();
    }
  });
});

describe('version header', () => {
  it('is required (400 without), 1.0.x and 2.0.x accepted, others 400, and echoed', async () => {
    expect((await t.call('GET', '/statements', { version: null })).status).toBe(400);
    expect((await t.call('GET', '/statements', { version: '0.95' })).status).toBe(400);
    const r1 = await t.call('GET', '/statements?limit=1', { version: '1.0.1' });
    expect(r1.status).toBe(200);
    expect(r1.headers.get('x-experience-api-version')).toBe('1.0.3');
    const r2 = await t.call('GET', '/statements?limit=1', { version: '2.0.0' });
    expect(r2.headers.get('x-experience-api-version')).toBe('2.0.0');
    expect((await t.call('GET', '/about', { version: null, auth: null })).status).toBe(200);
  });

  it('stores version 2.0.0 for statements sent with 2.0 and accepts contextAgents only then', async () => {
    const ctx = { contextAgents: [{ objectType: 'contextAgent', agent: { mbox: 'mailto:gv@b.vn' } }] };
    expect((await t.call('POST', '/statements', { body: statement({ context: ctx }) })).status).toBe(400);
    const r = await t.call('POST', '/statements', { body: statement({ context: ctx }), version: '2.0.0' });
    expect(r.status).toBe(200);
    const s = (await t.call('GET', `/statements?statementId=${r.json()[0]}`, { version: '2.0.0' })).json();
    expect(s.version).toBe('2.0.0');
  });
});

describe('voiding', () => {
  it('a voided statement is only retrievable by voidedStatementId; a voiding statement cannot be voided', async () => {
    const target = randomUUID();
    const verb = `https://boiduong.example/verbs/${randomUUID()}`;
    await t.call('POST', '/statements', { body: statement({ id: target, verb: { id: verb } }) });
    const voiding = randomUUID();
    const v = await t.call('POST', '/statements', { body: statement({ id: voiding, verb: { id: VOIDED }, object: { objectType: 'StatementRef', id: target } }) });
    expect(v.status).toBe(200);
    expect((await t.call('GET', `/statements?statementId=${target}`)).status).toBe(404);
    const byVoided = await t.call('GET', `/statements?voidedStatementId=${target}`);
    expect(byVoided.status).toBe(200);
    expect(byVoided.json().id).toBe(target);
    expect((await t.call('GET', `/statements?voidedStatementId=${voiding}`)).status).toBe(404);
    // Filters skip the voided statement but return the voiding one, which targets a match.
    expect(ids(await t.call('GET', `/statements?verb=${encodeURIComponent(verb)}`))).toEqual([voiding]);
    const again = await t.call('POST', '/statements', { body: statement({ verb: { id: VOIDED }, object: { objectType: 'StatementRef', id: voiding } }) });
    expect(again.status).toBe(400);
  });
});

describe('GET filters', () => {
  const reg = randomUUID();
  const actor = { mbox: 'mailto:loc@xa.example' };
  const teacher = { mbox: 'mailto:gv@xa.example' };
  const verb = `https://boiduong.example/verbs/${randomUUID()}`;
  const act = `https://boiduong.example/act/${randomUUID()}`;
  const parent = `https://boiduong.example/course/${randomUUID()}`;
  const s: Record<string, string> = {};
  let between = '';

  beforeAll(async () => {
    const post = async (name: string, body: Record<string, unknown>) => {
      const r = await t.call('POST', '/statements', { body });
      s[name] = r.json()[0];
    };
    await post('direct', statement({ actor, verb: { id: verb }, object: { id: act }, context: { registration: reg, contextActivities: { parent: { id: parent } } } }));
    await post('asObject', statement({ object: { objectType: 'Agent', ...actor } }));
    await new Promise((r) => setTimeout(r, 5));
    between = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    await post('instructed', statement({ context: { instructor: teacher, contextActivities: { grouping: [{ id: act }] } } }));
    await post('sub', statement({ object: { objectType: 'SubStatement', actor: teacher, verb: { id: verb }, object: { id: act } } }));
  });

  it('agent matches actor or object; related_agents also context and sub-statements', async () => {
    expect(ids(await t.call('GET', `/statements?agent=${agentParam(actor)}`)).sort()).toEqual([s['direct'], s['asObject']].sort());
    expect(ids(await t.call('GET', `/statements?agent=${agentParam(teacher)}`))).toEqual([]);
    expect(ids(await t.call('GET', `/statements?agent=${agentParam(teacher)}&related_agents=true`)).sort()).toEqual([s['instructed'], s['sub']].sort());
  });

  it('verb, activity, related_activities, registration', async () => {
    expect(ids(await t.call('GET', `/statements?verb=${encodeURIComponent(verb)}`))).toEqual([s['direct']]);
    expect(ids(await t.call('GET', `/statements?activity=${encodeURIComponent(act)}`))).toEqual([s['direct']]);
    expect(ids(await t.call('GET', `/statements?activity=${encodeURIComponent(act)}&related_activities=true`)).sort()).toEqual(
      [s['direct'], s['instructed'], s['sub']].sort(),
    );
    expect(ids(await t.call('GET', `/statements?activity=${encodeURIComponent(parent)}&related_activities=true`))).toEqual([s['direct']]);
    expect(ids(await t.call('GET', `/statements?registration=${reg}`))).toEqual([s['direct']]);
  });

  it('since is exclusive, until inclusive, ascending reverses the order', async () => {
    const after = ids(await t.call('GET', `/statements?since=${encodeURIComponent(between)}&related_agents=true&agent=${agentParam(teacher)}`));
    expect(after.sort()).toEqual([s['instructed'], s['sub']].sort());
    const before = ids(await t.call('GET', `/statements?until=${encodeURIComponent(between)}&agent=${agentParam(actor)}`));
    expect(before.sort()).toEqual([s['direct'], s['asObject']].sort());
    const desc = ids(await t.call('GET', `/statements?agent=${agentParam(actor)}`));
    const asc = ids(await t.call('GET', `/statements?agent=${agentParam(actor)}&ascending=true`));
    expect(asc).toEqual([...desc].reverse());
  });

  it('format ids keeps identifiers only; canonical picks one language by Accept-Language', async () => {
    const idsFormat = (await t.call('GET', `/statements?statementId=${s['direct']}&format=ids`)).json();
    expect(idsFormat.verb).toEqual({ id: verb });
    expect(idsFormat.object).toEqual({ id: act });
    const one = await t.call('POST', '/statements', { body: statement() });
    const canon = (await t.call('GET', `/statements?statementId=${one.json()[0]}&format=canonical`, { headers: { 'accept-language': 'en-US' } })).json();
    expect(canon.verb.display).toEqual({ 'en-US': 'completed' });
    const exact = (await t.call('GET', `/statements?statementId=${one.json()[0]}`, { headers: { 'accept-language': 'en-US' } })).json();
    expect(Object.keys(exact.verb.display)).toHaveLength(2);
  });

  it('rejects unknown parameters, bad values and statementId combined with filters', async () => {
    for (const q of ['foo=1', 'limit=-1', 'since=yesterday', 'registration=abc', 'format=full', `statementId=${s['direct']}&verb=${encodeURIComponent(verb)}`, 'agent={}']) {
      const r = await t.call('GET', `/statements?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.headers.get('x-experience-api-consistent-through')).toBeTruthy();
    }
  });
});

describe('paging with more', () => {
  it('walks every matching statement exactly once while new ones are written', async () => {
    const verb = `https://boiduong.example/verbs/${randomUUID()}`;
    const first = Array.from({ length: 23 }, () => statement({ verb: { id: verb } }));
    const posted = (await t.call('POST', '/statements', { body: first })).json<string[]>();
    const seen: string[] = [];
    let r = await t.call('GET', `/statements?verb=${encodeURIComponent(verb)}&limit=5`);
    expect(Date.parse(r.headers.get('x-experience-api-consistent-through')!)).not.toBeNaN();
    let page = 0;
    for (;;) {
      const body = r.json();
      seen.push(...body.statements.map((x: { id: string }) => x.id));
      // Writers keep adding matching statements while the client pages.
      await t.call('POST', '/statements', { body: [statement({ verb: { id: verb } }), statement({ verb: { id: verb } })] });
      page++;
      if (!body.more) break;
      expect(body.more).toMatch(/^\/xapi\/statements\?more=/);
      r = await t.call('GET', body.more);
      expect(r.status).toBe(200);
    }
    expect(page).toBe(5);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...posted].sort());
  });

  it('Consistent-Through stays current while nothing is written', async () => {
    await t.call('POST', '/statements', { body: statement() });
    await new Promise((r) => setTimeout(r, 50));
    const before = Date.now();
    const r = await t.call('GET', '/statements?limit=1');
    // The millisecond the GET arrived in is not claimed: a write starting then may be stored in it.
    expect(Date.parse(r.headers.get('x-experience-api-consistent-through')!)).toBeGreaterThanOrEqual(before - 1);
  });

  it('refuses an altered more token', async () => {
    const r = await t.call('GET', '/statements?limit=1');
    const more: string = r.json().more;
    expect(more).not.toBe('');
    const bad = await t.call('GET', more.replace(/more=./, 'more=A'));
    expect(bad.status).toBe(400);
  });
});

describe('alternate request syntax', () => {
  it('a POST with method=PUT and a form body stores the statement', async () => {
    const id = randomUUID();
    const auth = await t.auth(['all']);
    const form = new URLSearchParams({ statementId: id, content: JSON.stringify(statement()), Authorization: auth, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' });
    const r = await fetch(`${t.lrs.url}/statements?method=PUT`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    expect(r.status).toBe(204);
    expect((await t.call('GET', `/statements?statementId=${id}`)).status).toBe(200);
  });
});
