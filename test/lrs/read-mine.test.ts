/**
 * A statements/read/mine key reads only what it stored, by every way of asking for one statement:
 * statementId, voidedStatementId, HEAD, and the 1.0.3 alternate request syntax (either store).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { statement, testLrs } from './http-fixture.js';
import type { TestLrs } from './http-fixture.js';

let t: TestLrs;
let mine: string;
let other: string;
let own: string;
let ownVoided: string;
let foreign: string;
let foreignVoided: string;

const VOIDED = 'http://adlnet.gov/expapi/verbs/voided';
const voiding = (id: string) => statement({ verb: { id: VOIDED }, object: { objectType: 'StatementRef', id } });

beforeAll(async () => {
  t = await testLrs();
  mine = await t.auth(['statements/write', 'statements/read/mine']);
  other = await t.auth(['statements/write', 'statements/read']);
  [own, ownVoided] = (await t.call('POST', '/statements', { auth: mine, body: [statement(), statement()] })).json<[string, string]>();
  [foreign, foreignVoided] = (await t.call('POST', '/statements', { auth: other, body: [statement(), statement()] })).json<[string, string]>();
  expect((await t.call('POST', '/statements', { auth: mine, body: voiding(ownVoided) })).status).toBe(200);
  expect((await t.call('POST', '/statements', { auth: other, body: voiding(foreignVoided) })).status).toBe(200);
});
afterAll(async () => t?.close());

/** The alternate request syntax: POST ?method=GET with the parameters and headers in the form. */
function overridden(auth: string, params: Record<string, string>) {
  const form = new URLSearchParams({ ...params, Authorization: auth, 'X-Experience-API-Version': '1.0.3' }).toString();
  return t.call('POST', '/statements?method=GET', { auth: null, version: null, body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
}

describe.each(['1.0.3', '2.0.0'])('statements/read/mine by id (xAPI %s)', (version) => {
  it('a foreign statement answers 404 to statementId, as an unknown id does; its own answers 200', async () => {
    const got = await t.call('GET', `/statements?statementId=${foreign}`, { auth: mine, version });
    const unknown = await t.call('GET', `/statements?statementId=${randomUUID()}`, { auth: mine, version });
    expect(got.status).toBe(404);
    expect(got.json().error.message).toBe(unknown.json().error.message.replace(/[0-9a-f-]{36}/, foreign));
    expect(got.text).not.toContain('Nguyễn');
    const ok = await t.call('GET', `/statements?statementId=${own}`, { auth: mine, version });
    expect(ok.status).toBe(200);
    expect(ok.json().id).toBe(own);
  });

  it('HEAD of a foreign statement answers 404, of its own 200', async () => {
    expect((await t.call('HEAD', `/statements?statementId=${foreign}`, { auth: mine, version })).status).toBe(404);
    expect((await t.call('HEAD', `/statements?statementId=${own}`, { auth: mine, version })).status).toBe(200);
  });

  it('a foreign voided statement answers 404 to voidedStatementId, its own 200', async () => {
    expect((await t.call('GET', `/statements?voidedStatementId=${foreignVoided}`, { auth: mine, version })).status).toBe(404);
    expect((await t.call('GET', `/statements?voidedStatementId=${foreignVoided}&attachments=true`, { auth: mine, version })).status).toBe(404);
    const ok = await t.call('GET', `/statements?voidedStatementId=${ownVoided}`, { auth: mine, version });
    expect(ok.status).toBe(200);
    expect(ok.json().id).toBe(ownVoided);
  });

  it('a key that reads every statement still reads the foreign one', async () => {
    expect((await t.call('GET', `/statements?statementId=${own}`, { auth: other, version })).status).toBe(200);
  });
});

describe('statements/read/mine through the alternate request syntax (xAPI 1.0.3)', () => {
  it('POST ?method=GET with a foreign statementId in the form answers 404, with its own 200', async () => {
    expect((await overridden(mine, { statementId: foreign })).status).toBe(404);
    expect((await overridden(mine, { voidedStatementId: foreignVoided })).status).toBe(404);
    const ok = await overridden(mine, { statementId: own });
    expect(ok.status).toBe(200);
    expect(ok.json().id).toBe(own);
  });
});
