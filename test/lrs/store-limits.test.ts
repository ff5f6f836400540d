/**
 * What one store refuses the other refuses too, with the same clear 400 before any store sees it:
 * identifiers longer than the LRS indexes, and U+0000 (run on SQLite and on PostgreSQL, whose
 * index entries hold about 2,700 bytes and whose text and jsonb refuse U+0000).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Buffer } from 'node:buffer';
import { randomBytes, randomUUID } from 'node:crypto';
import { sha256Hex } from '../../src/lrs/service/attachments.js';
import { MAX_DOCUMENT_ID_BYTES, MAX_ID_BYTES } from '../../src/lrs/validate/limits.js';
import { statement, testLrs } from './http-fixture.js';
import type { TestLrs } from './http-fixture.js';

let t: TestLrs;
beforeAll(async () => {
  t = await testLrs();
});
afterAll(async () => t?.close());

/** Letters and digits at random: PostgreSQL cannot compress them below its index entry limit. */
function incompressible(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join('');
}
/** An IRI of exactly `bytes` bytes. */
const longIri = (bytes: number) => {
  const head = 'https://boiduong.example/';
  return head + incompressible(bytes - head.length);
};

const q = (o: Record<string, string>) => new URLSearchParams(o).toString();
const agent = { objectType: 'Agent', account: { homePage: 'https://boiduong.example', name: 'hv-limits' } };
const statePath = (o: { activityId?: string; agent?: unknown; stateId?: string }) =>
  `/activities/state?${q({ activityId: o.activityId ?? 'https://boiduong.example/au/limits', agent: JSON.stringify(o.agent ?? agent), stateId: o.stateId ?? 'resume' })}`;
const message = (r: { json(): any }): string => r.json().error.message;

describe('documents: the same limits on both stores', () => {
  it('stores the longest key the LRS allows (activity id, agent and stateId at their limits together)', async () => {
    const account = { homePage: 'https://boiduong.example', name: '' };
    // The agent's key is account:["<homePage>","<name>"]: 13 bytes around the two parts.
    account.name = incompressible(MAX_ID_BYTES - 'account:["https://boiduong.example",""]'.length);
    const path = statePath({ activityId: longIri(MAX_ID_BYTES), agent: { account }, stateId: incompressible(MAX_DOCUMENT_ID_BYTES) });
    const put = await t.call('PUT', path, { body: { page: 1 } });
    expect(put.status, put.text).toBe(204);
    expect((await t.call('GET', path)).json()).toEqual({ page: 1 });
  });

  it('refuses an activityId, an agent or a stateId past its limit with 400 naming it', async () => {
    const longActivity = await t.call('PUT', statePath({ activityId: longIri(3000) }), { body: {} });
    expect(longActivity.status).toBe(400);
    expect(message(longActivity)).toMatch(/^activityId .*1000 bytes/);
    const longAgent = await t.call('PUT', statePath({ agent: { account: { homePage: 'https://boiduong.example', name: incompressible(3000) } } }), { body: {} });
    expect(longAgent.status).toBe(400);
    expect(message(longAgent)).toMatch(/^agent.*1000 bytes/);
    const longState = await t.call('PUT', statePath({ stateId: incompressible(MAX_DOCUMENT_ID_BYTES + 1) }), { body: {} });
    expect(longState.status).toBe(400);
    expect(message(longState)).toMatch(/^stateId .*500 bytes/);
    const longProfile = await t.call('PUT', `/activities/profile?${q({ activityId: 'https://boiduong.example/au/limits', profileId: incompressible(3000) })}`, {
      body: {},
      headers: { 'if-none-match': '*' },
    });
    expect(longProfile.status).toBe(400);
    expect(message(longProfile)).toMatch(/^profileId /);
  });

  it('refuses U+0000 in a stateId, an activityId, an agent and a content type with 400', async () => {
    for (const path of [statePath({ stateId: 'resume\u0000x' }), statePath({ activityId: 'https://boiduong.example/au/\u0000' }), statePath({ agent: { account: { homePage: 'https://boiduong.example', name: 'hv\u0000' } } })]) {
      const r = await t.call('PUT', path, { body: { page: 1 } });
      expect(r.status, path).toBe(400);
      expect(message(r)).toContain('U+0000');
    }
    // The alternate request syntax carries the Content-Type in the form, where U+0000 can be sent.
    const form = q({
      activityId: 'https://boiduong.example/au/limits',
      agent: JSON.stringify(agent),
      stateId: 'typed',
      'Content-Type': 'application/json\u0000x',
      content: '{"page":1}',
      Authorization: await t.auth(['all']),
      'X-Experience-API-Version': '1.0.3',
    });
    const typed = await t.call('POST', '/activities/state?method=PUT', { auth: null, version: null, body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(typed.status).toBe(400);
    expect(message(typed)).toContain('U+0000');
  });
});

describe('statements: the same limits on both stores', () => {
  it('stores a statement whose verb, activities and agent are at their limits, and finds it by each', async () => {
    const verb = longIri(MAX_ID_BYTES);
    const object = longIri(MAX_ID_BYTES);
    const name = incompressible(MAX_ID_BYTES - 'account:["https://boiduong.example",""]'.length);
    const actor = { objectType: 'Agent', account: { homePage: 'https://boiduong.example', name } };
    const s = statement({ actor, verb: { id: verb }, object: { id: object, definition: { name: { vi: 'Dài' } } }, context: { contextActivities: { parent: [{ id: longIri(MAX_ID_BYTES) }] } } });
    const posted = await t.call('POST', '/statements', { body: [s, { ...s, object: { id: object, definition: { description: { vi: 'Hai lần' } } } }] });
    expect(posted.status, posted.text).toBe(200);
    for (const filter of [{ verb }, { activity: object }, { agent: JSON.stringify(actor) }]) {
      const found = await t.call('GET', `/statements?${q(filter)}`);
      expect(found.status).toBe(200);
      expect(found.json().statements).toHaveLength(2);
    }
  });

  it('refuses a verb id, an activity id or an agent past the limit with 400 naming the property', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ verb: { id: longIri(3000) } }, 'statement.verb.id'],
      [{ object: { id: longIri(3000) } }, 'statement.object.id'],
      [{ context: { contextActivities: { grouping: { id: longIri(3000) } } } }, 'statement.context.contextActivities.grouping.id'],
      [{ actor: { account: { homePage: 'https://boiduong.example', name: incompressible(3000) } } }, 'statement.actor'],
      [{ actor: { mbox: `mailto:${incompressible(3000)}@xa.example` } }, 'statement.actor'],
      [{ object: { objectType: 'SubStatement', actor: { openid: longIri(3000) }, verb: { id: 'http://adlnet.gov/expapi/verbs/answered' }, object: { id: 'https://boiduong.example/q1' } } }, 'statement.object.actor'],
    ];
    for (const [over, path] of cases) {
      const r = await t.call('POST', '/statements', { body: statement(over) });
      expect(r.status, path).toBe(400);
      expect(message(r)).toMatch(new RegExp(`^${path.replace(/\./g, '\\.')}: .*1000 bytes`));
    }
    const filter = await t.call('GET', `/statements?${q({ activity: longIri(3000) })}`);
    expect(filter.status).toBe(400);
    expect(message(filter)).toMatch(/^activity: .*1000 bytes/);
  });

  it('refuses U+0000 anywhere in a statement with 400 naming the property', async () => {
    const ext = 'https://boiduong.example/ext/ghi-chu';
    const cases: [Record<string, unknown>, string][] = [
      [{ verb: { id: 'https://boiduong.example/verbs/\u0000' } }, 'statement.verb.id'],
      [{ object: { id: 'https://boiduong.example/m\u0000' } }, 'statement.object.id'],
      [{ object: { id: 'https://boiduong.example/m-nul', definition: { name: { vi: 'Tên\u0000' } } } }, 'statement.object.definition.name.vi'],
      [{ object: { id: 'https://boiduong.example/m-nul', definition: { extensions: { [ext]: { note: ['ok', 'a\u0000'] } } } } }, `statement.object.definition.extensions.${ext}.note[1]`],
      [{ result: { extensions: { 'https://boiduong.example/ext/\u0000': 1 } } }, 'statement.result.extensions key'],
      [{ result: { extensions: { [ext]: { 'k\u0000': 1 } } } }, `statement.result.extensions.${ext}`],
      [{ result: { response: 'Đáp án\u0000' } }, 'statement.result.response'],
      [{ actor: { name: 'Nguyễn\u0000', mbox: 'mailto:hv@xa.example' } }, 'statement.actor.name'],
    ];
    for (const [over, path] of cases) {
      // Twice: PostgreSQL merges the second definition of an activity as jsonb, which refuses U+0000.
      const r = await t.call('POST', '/statements', { body: [statement(over), statement(over)] });
      expect(r.status, path).toBe(400);
      expect(message(r)).toContain('U+0000');
      expect(message(r).replace('statements[0]', 'statement')).toContain(path);
    }
  });

  it('refuses a lone surrogate (not a character) as it refuses U+0000', async () => {
    const lone = { object: { id: 'https://boiduong.example/m-surrogate', definition: { name: { vi: 'Tên \ud800' } } } };
    const r = await t.call('POST', '/statements', { body: [statement(lone), statement(lone)] });
    expect(r.status).toBe(400);
    expect(message(r)).toMatch(/^statements\[0\]\.object\.definition\.name\.vi: must be well-formed Unicode/);
    const agent = JSON.stringify({ account: { homePage: 'https://boiduong.example', name: 'hv-\ud800' } });
    const doc = await t.call('PUT', `/activities/state?activityId=${encodeURIComponent('https://boiduong.example/au/1')}&stateId=s&agent=${encodeURIComponent(agent)}`, { body: {} });
    expect(doc.status).toBe(400);
  });

  it('answers since and until at the ends of the ISO 8601 years alike (no year 0 or 10000 reaches a store)', async () => {
    const id = (await t.call('POST', '/statements', { body: statement() })).json()[0];
    for (const bounds of [{ since: '0000-06-01T00:00:00Z' }, { until: '9999-12-31T23:00:00-05:00' }, { since: '0001-01-01T00:30:00+01:00', until: '9999-12-31T23:59:59.999-14:00' }]) {
      const r = await t.call('GET', `/statements?${q({ ...bounds, limit: '1' })}`);
      expect(r.status, JSON.stringify(bounds)).toBe(200);
      expect(r.json().statements.map((s: { id: string }) => s.id), JSON.stringify(bounds)).toEqual([id]);
    }
    expect((await t.call('GET', `/statements?${q({ until: '0000-06-01T00:00:00Z' })}`)).json().statements).toEqual([]);
    // ISO 8601's decimal comma, which the validator accepts, is read as a point.
    expect((await t.call('GET', `/statements?${q({ since: '2000-01-01T00:00:00,5Z', limit: '1' })}`)).json().statements.map((s: { id: string }) => s.id)).toEqual([id]);
    expect((await t.call('PUT', statePath({ stateId: 'dated' }), { body: {} })).status).toBe(204);
    const list = await t.call('GET', `/activities/state?${q({ activityId: 'https://boiduong.example/au/limits', agent: JSON.stringify(agent), since: '0000-01-01T00:00:00Z' })}`);
    expect(list.status).toBe(200);
    expect(list.json()).toContain('dated');
  });

  it('refuses U+0000 in the Content-Type of an attachment part', async () => {
    const content = Buffer.from('biên bản');
    const sha2 = sha256Hex(content);
    const s = statement({
      id: randomUUID(),
      attachments: [{ usageType: 'https://boiduong.example/attachment/bien-ban', display: { vi: 'Biên bản' }, contentType: 'text/plain', length: content.length, sha2 }],
    });
    const boundary = 'bd-limits';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(s)}\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Type: text/plain\u0000x\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${sha2}\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const r = await fetch(`${t.lrs.url}/statements`, {
      method: 'POST',
      headers: { authorization: await t.auth(['all']), 'x-experience-api-version': '1.0.3', 'content-type': `multipart/mixed; boundary=${boundary}` },
      body,
    });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: { message: string } }).error.message).toContain('U+0000');
  });
});
