import { describe, expect, it } from 'vitest';
import { isoDuration } from '../../src/core/xapi/time.js';
import { scorm2004Timestamp } from '../../src/runtime/tracking/scorm2004.js';
import { cmi5Launch, parseActor, xapiLaunch } from '../../src/runtime/tracking/xapi/launch.js';

describe('launch parameters', () => {
  it('reads a cmi5 launch and refuses one with a parameter missing', () => {
    const actor = { objectType: 'Agent', account: { homePage: 'https://lms.vn', name: 'hv1' } };
    const q = new URLSearchParams({ endpoint: 'https://lrs.vn/xapi', fetch: 'https://lms.vn/f/1', actor: JSON.stringify(actor), registration: 'r', activityId: 'https://a/b' });
    expect(cmi5Launch(`?${q.toString()}`)).toEqual({ endpoint: 'https://lrs.vn/xapi/', fetch: 'https://lms.vn/f/1', actor, registration: 'r', activityId: 'https://a/b' });
    q.delete('fetch');
    expect(cmi5Launch(`?${q.toString()}`)).toBeUndefined();
  });

  it('accepts the older Tin Can actor with arrays and bare mailboxes', () => {
    expect(parseActor(JSON.stringify({ name: ['Lê Văn An'], account: [{ accountServiceHomePage: 'https://lms.vn', accountName: 'an01' }] }))).toEqual({
      objectType: 'Agent',
      name: 'Lê Văn An',
      account: { homePage: 'https://lms.vn', name: 'an01' },
    });
    expect(parseActor(JSON.stringify({ mbox: ['an@xa.gov.vn'] }))).toEqual({ objectType: 'Agent', mbox: 'mailto:an@xa.gov.vn' });
    expect(parseActor('{not json')).toBeUndefined();
    expect(parseActor(JSON.stringify({ name: 'no identifier' }))).toBeUndefined();
  });

  it('takes endpoint, auth, actor and registration of a plain xAPI launch; without an LRS there is none', () => {
    const q = new URLSearchParams({ endpoint: 'https://lrs.vn/xapi/', auth: 'Basic abc', actor: '{"mbox":"mailto:a@b.vn"}', registration: 'r1' });
    expect(xapiLaunch(`?${q.toString()}`)).toMatchObject({ endpoint: 'https://lrs.vn/xapi/', auth: 'Basic abc', registration: 'r1' });
    expect(xapiLaunch('?auth=Basic%20abc')).toBeUndefined();
  });
});

describe('time formats', () => {
  it('writes durations SCORM 2004 and xAPI both accept', () => {
    expect(isoDuration(0)).toBe('PT0S');
    expect(isoDuration(12_340)).toBe('PT12.34S');
    expect(isoDuration(3_723_450)).toBe('PT1H2M3.45S');
    expect(isoDuration(60_000)).toBe('PT1M');
    expect(isoDuration(-5)).toBe('PT0S');
  });

  it('keeps at most two decimals on SCORM 2004 timestamps', () => {
    expect(scorm2004Timestamp('2026-11-23T02:15:30.123Z')).toBe('2026-11-23T02:15:30.12Z');
  });
});
