/**
 * Full validation of a statement as received (xAPI 1.0.3 and 2.0 / IEEE 9274.1.1 data rules).
 * Throws StatementError with the property path (a 400). What passes has the shape of
 * protocol/statement.ts: the one place where untyped JSON becomes a Statement.
 */
import { VOIDED } from '../protocol/index.js';
import type { Statement, XapiVersion } from '../protocol/index.js';
import { activity } from './activity.js';
import { actor, agent, group } from './actors.js';
import {
  array,
  boolean,
  duration,
  extensions,
  fail,
  indexedIri,
  iri,
  isObject,
  languageMap,
  languageTag,
  number,
  object,
  onlyKeys,
  string,
  timestamp,
  uuid,
} from './primitives.js';
import type { Json } from './primitives.js';

export { VOIDED } from '../protocol/index.js';

function verb(v: unknown, path: string): void {
  const o = object(v, path);
  onlyKeys(o, ['id', 'display'], path);
  if (o['id'] === undefined) fail(`${path}.id`, 'is required');
  indexedIri(o['id'], `${path}.id`);
  if (o['display'] !== undefined) languageMap(o['display'], `${path}.display`);
}

function statementRef(o: Json, path: string): void {
  onlyKeys(o, ['objectType', 'id'], path);
  uuid(o['id'], `${path}.id`);
}

function score(v: unknown, path: string): void {
  const o = object(v, path);
  onlyKeys(o, ['scaled', 'raw', 'min', 'max'], path);
  const scaled = o['scaled'] === undefined ? undefined : number(o['scaled'], `${path}.scaled`);
  const raw = o['raw'] === undefined ? undefined : number(o['raw'], `${path}.raw`);
  const min = o['min'] === undefined ? undefined : number(o['min'], `${path}.min`);
  const max = o['max'] === undefined ? undefined : number(o['max'], `${path}.max`);
  if (scaled !== undefined && (scaled < -1 || scaled > 1)) fail(`${path}.scaled`, 'must be between -1 and 1');
  if (min !== undefined && max !== undefined && min >= max) fail(`${path}.min`, 'must be less than max');
  if (raw !== undefined && min !== undefined && raw < min) fail(`${path}.raw`, 'must not be below min');
  if (raw !== undefined && max !== undefined && raw > max) fail(`${path}.raw`, 'must not be above max');
}

function result(v: unknown, path: string): void {
  const o = object(v, path);
  onlyKeys(o, ['score', 'success', 'completion', 'response', 'duration', 'extensions'], path);
  if (o['score'] !== undefined) score(o['score'], `${path}.score`);
  if (o['success'] !== undefined) boolean(o['success'], `${path}.success`);
  if (o['completion'] !== undefined) boolean(o['completion'], `${path}.completion`);
  if (o['response'] !== undefined) string(o['response'], `${path}.response`);
  if (o['duration'] !== undefined) duration(o['duration'], `${path}.duration`);
  if (o['extensions'] !== undefined) extensions(o['extensions'], `${path}.extensions`);
}

function activities(v: unknown, path: string): void {
  if (Array.isArray(v)) v.forEach((a, i) => activity(a, `${path}[${i}]`));
  else activity(v, path);
}

function relevantTypes(v: unknown, path: string): void {
  const list = array(v, path);
  if (list.length === 0) fail(path, 'must not be empty');
  list.forEach((t, i) => iri(t, `${path}[${i}]`));
}

function context(v: unknown, path: string, objectIsActivity: boolean, version: XapiVersion): void {
  const o = object(v, path);
  const keys = ['registration', 'instructor', 'team', 'contextActivities', 'revision', 'platform', 'language', 'statement', 'extensions'];
  onlyKeys(o, version === '2.0.0' ? [...keys, 'contextAgents', 'contextGroups'] : keys, path);
  if (o['registration'] !== undefined) uuid(o['registration'], `${path}.registration`);
  if (o['instructor'] !== undefined) actor(o['instructor'], `${path}.instructor`);
  if (o['team'] !== undefined) group(o['team'], `${path}.team`);
  if (o['contextActivities'] !== undefined) {
    const ca = object(o['contextActivities'], `${path}.contextActivities`);
    onlyKeys(ca, ['parent', 'grouping', 'category', 'other'], `${path}.contextActivities`);
    for (const [k, a] of Object.entries(ca)) activities(a, `${path}.contextActivities.${k}`);
  }
  if (o['revision'] !== undefined) {
    string(o['revision'], `${path}.revision`);
    if (!objectIsActivity) fail(`${path}.revision`, 'is only allowed when the object is an Activity');
  }
  if (o['platform'] !== undefined) {
    string(o['platform'], `${path}.platform`);
    if (!objectIsActivity) fail(`${path}.platform`, 'is only allowed when the object is an Activity');
  }
  if (o['language'] !== undefined) languageTag(o['language'], `${path}.language`);
  if (o['statement'] !== undefined) {
    const ref = object(o['statement'], `${path}.statement`);
    if (ref['objectType'] !== 'StatementRef') fail(`${path}.statement.objectType`, 'must be StatementRef');
    statementRef(ref, `${path}.statement`);
  }
  if (o['extensions'] !== undefined) extensions(o['extensions'], `${path}.extensions`);
  if (o['contextAgents'] !== undefined) {
    array(o['contextAgents'], `${path}.contextAgents`).forEach((c, i) => {
      const p = `${path}.contextAgents[${i}]`;
      const co = object(c, p);
      onlyKeys(co, ['objectType', 'agent', 'relevantTypes'], p);
      if (co['objectType'] !== 'contextAgent') fail(`${p}.objectType`, 'must be contextAgent');
      agent(co['agent'], `${p}.agent`);
      if (co['relevantTypes'] !== undefined) relevantTypes(co['relevantTypes'], `${p}.relevantTypes`);
    });
  }
  if (o['contextGroups'] !== undefined) {
    array(o['contextGroups'], `${path}.contextGroups`).forEach((c, i) => {
      const p = `${path}.contextGroups[${i}]`;
      const co = object(c, p);
      onlyKeys(co, ['objectType', 'group', 'relevantTypes'], p);
      if (co['objectType'] !== 'contextGroup') fail(`${p}.objectType`, 'must be contextGroup');
      group(co['group'], `${p}.group`);
      if (co['relevantTypes'] !== undefined) relevantTypes(co['relevantTypes'], `${p}.relevantTypes`);
    });
  }
}

function attachments(v: unknown, path: string): void {
  array(v, path).forEach((a, i) => {
    const p = `${path}[${i}]`;
    const o = object(a, p);
    onlyKeys(o, ['usageType', 'display', 'description', 'contentType', 'length', 'sha2', 'fileUrl'], p);
    iri(o['usageType'], `${p}.usageType`);
    languageMap(o['display'], `${p}.display`);
    if (o['description'] !== undefined) languageMap(o['description'], `${p}.description`);
    if (!/^[\w!#$&^.+-]+\/[\w!#$&^.+-]+(\s*;.*)?$/.test(string(o['contentType'], `${p}.contentType`))) fail(`${p}.contentType`, 'must be a MIME type');
    const length = number(o['length'], `${p}.length`);
    if (!Number.isInteger(length) || length < 0) fail(`${p}.length`, 'must be a non-negative integer');
    if (!/^[0-9a-fA-F]{64,128}$/.test(string(o['sha2'], `${p}.sha2`))) fail(`${p}.sha2`, 'must be a SHA-2 hash in hexadecimal');
    if (o['fileUrl'] !== undefined) iri(o['fileUrl'], `${p}.fileUrl`);
  });
}

function statementObject(v: unknown, path: string, version: XapiVersion, inSub: boolean): Json {
  const o = object(v, path);
  const type = o['objectType'];
  switch (type) {
    case undefined:
    case 'Activity':
      return activity(o, path);
    case 'Agent':
      return agent(o, path);
    case 'Group':
      return group(o, path);
    case 'StatementRef':
      statementRef(o, path);
      return o;
    case 'SubStatement':
      if (inSub) fail(path, 'a SubStatement cannot contain another SubStatement');
      body(o, path, version, true);
      return o;
    default:
      return fail(`${path}.objectType`, 'must be Activity, Agent, Group, StatementRef or SubStatement');
  }
}

function body(o: Json, path: string, version: XapiVersion, sub: boolean): void {
  const common = ['actor', 'verb', 'object', 'result', 'context', 'timestamp', 'attachments'];
  onlyKeys(o, sub ? ['objectType', ...common] : ['id', ...common, 'stored', 'authority', 'version', 'objectType'], path);
  if (!sub && o['objectType'] !== undefined) fail(`${path}.objectType`, 'is not allowed on a Statement');
  if (o['actor'] === undefined) fail(`${path}.actor`, 'is required');
  if (o['verb'] === undefined) fail(`${path}.verb`, 'is required');
  if (o['object'] === undefined) fail(`${path}.object`, 'is required');
  actor(o['actor'], `${path}.actor`);
  verb(o['verb'], `${path}.verb`);
  const obj = statementObject(o['object'], `${path}.object`, version, sub);
  const objectIsActivity = obj['objectType'] === undefined || obj['objectType'] === 'Activity';
  if (o['result'] !== undefined) result(o['result'], `${path}.result`);
  if (o['context'] !== undefined) context(o['context'], `${path}.context`, objectIsActivity, version);
  if (o['timestamp'] !== undefined) timestamp(o['timestamp'], `${path}.timestamp`, version === '2.0.0');
  if (o['attachments'] !== undefined) attachments(o['attachments'], `${path}.attachments`);
  const verbId = (o['verb'] as Json)['id'];
  if (verbId === VOIDED && obj['objectType'] !== 'StatementRef') fail(`${path}.object`, 'a voiding statement must target a StatementRef');
}

export function validateStatement(v: unknown, version: XapiVersion, path = 'statement'): Statement {
  if (!isObject(v)) return fail(path, 'must be a JSON object');
  body(v, path, version, false);
  if (v['id'] !== undefined) uuid(v['id'], `${path}.id`);
  if (v['stored'] !== undefined) timestamp(v['stored'], `${path}.stored`, false);
  if (v['authority'] !== undefined) {
    const a = object(v['authority'], `${path}.authority`);
    if (a['objectType'] === 'Group') {
      group(a, `${path}.authority`);
      if (['mbox', 'mbox_sha1sum', 'openid', 'account'].some((k) => a[k] !== undefined)) fail(`${path}.authority`, 'a Group authority must be anonymous (an OAuth consumer and user as its two members)');
      if (!Array.isArray(a['member']) || a['member'].length !== 2) fail(`${path}.authority`, 'a Group authority must have exactly two members (OAuth consumer and user)');
    } else agent(a, `${path}.authority`);
  }
  if (v['version'] !== undefined) {
    const ver = string(v['version'], `${path}.version`);
    if (!/^(1\.0(\.\d+)?|2\.0(\.\d+)?)$/.test(ver)) fail(`${path}.version`, 'must be 1.0.x or 2.0.x');
  }
  // Every property checked above is what Statement declares, and onlyKeys refused any other.
  return v as Statement;
}
