/**
 * What a statement sent with a launch token may be. Every launch token writes only statements of
 * its registration; a token minted with a cmi5 context template (one AU session) also holds the
 * AU to the cmi5 statement rules an LMS enforces (cmi5 §6.3, §9, §10.2.1): the launched actor,
 * the session id and the rest of the context template, cmi5 defined statements on the AU with
 * their categories, initialized first, no verb twice, nothing after terminated.
 *
 * A refusal is 403 naming the rule, and refuses the whole batch (xAPI stores a batch or nothing).
 * A statement whose id is already stored is a resend (a page leaving resends what it was still
 * sending): it is checked for its content but not for its order, and the statement service then
 * accepts it as identical or answers 409.
 */
import { XapiError, isVoiding, parseRecorded } from '../protocol/index.js';
import type { Statement } from '../protocol/index.js';
import type { Store } from '../store/index.js';
import { sameAgent } from './agent-identity.js';
import type { Principal } from './authenticate.js';
import { CMI5_SESSION_ID, sessionIdOf } from './launch.js';
import type { LaunchBinding } from './launch.js';

type Json = Record<string, unknown>;

const CATEGORY_CMI5 = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
const CATEGORY_MOVEON = 'https://w3id.org/xapi/cmi5/context/categories/moveon';
const INITIALIZED = 'http://adlnet.gov/expapi/verbs/initialized';
const TERMINATED = 'http://adlnet.gov/expapi/verbs/terminated';
const PASSED = 'http://adlnet.gov/expapi/verbs/passed';
const FAILED = 'http://adlnet.gov/expapi/verbs/failed';
/** The verbs of cmi5 defined statements an AU sends (§9.3.2–9.3.5, 9.3.8). */
const AU_VERBS = new Set([INITIALIZED, 'http://adlnet.gov/expapi/verbs/completed', PASSED, FAILED, TERMINATED]);
/** cmi5 verbs only the LMS uses (§9.3.1, 9.3.6, 9.3.7, 9.3.9). */
const LMS_VERBS = new Set([
  'http://adlnet.gov/expapi/verbs/launched',
  'https://w3id.org/xapi/adl/verbs/abandoned',
  'https://w3id.org/xapi/adl/verbs/waived',
  'https://w3id.org/xapi/adl/verbs/satisfied',
]);

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const asObject = (v: unknown): Json => (isObject(v) ? v : {});
const verbName = (id: string): string => id.slice(id.lastIndexOf('/') + 1);

function refuse(rule: string, message: string): never {
  throw new XapiError(403, `cmi5 ${rule}: ${message}`);
}

/** Deep equality of JSON values, whatever the key order. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (!isObject(a) || !isObject(b)) return false;
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && sameJson(a[k], b[k]));
}

/** The activity ids of one contextActivities list (an array, or one object under 1.0.x). */
function listIds(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((a) => asObject(a)['id']).filter((id): id is string => typeof id === 'string');
}

interface Session {
  readonly id: string;
  readonly template: Json;
}

/** The statement's context carries everything of the context template (§10.2.1, §9.6.2, §9.6.3.1). */
function checkTemplate(where: string, ctx: Json, session: Session): void {
  const extensions = asObject(ctx['extensions']);
  const sid = extensions[CMI5_SESSION_ID];
  if (sid === undefined) refuse('9.6.3.1', `${where} has no sessionid extension (${CMI5_SESSION_ID}); this launch's session is ${session.id}`);
  if (sid !== session.id) refuse('9.6.3.1', `${where}: sessionid differs (${JSON.stringify(sid)}; this launch's session is ${session.id})`);
  for (const [name, value] of Object.entries(session.template)) {
    if (name === 'contextActivities') {
      const acts = asObject(ctx['contextActivities']);
      for (const [list, tplList] of Object.entries(asObject(value))) {
        const have = listIds(acts[list]);
        for (const id of listIds(tplList)) {
          if (!have.includes(id)) refuse(list === 'grouping' ? '9.6.2.3' : '10.2.1', `${where}: context.contextActivities.${list} lacks ${id} of the context template`);
        }
      }
    } else if (name === 'extensions') {
      for (const [key, v] of Object.entries(asObject(value))) {
        if (!sameJson(extensions[key], v)) refuse('10.2.1', `${where}: context extension ${key} differs from the context template`);
      }
    } else if (!sameJson(ctx[name], value)) {
      refuse('10.2.1', `${where}: context.${name} differs from the context template`);
    }
  }
}

/** The verb when the statement is cmi5 defined, undefined when it is cmi5 allowed (§7.1.3). */
function definedVerb(where: string, s: Statement, ctx: Json, launch: LaunchBinding): string | undefined {
  const verb = s.verb.id;
  const object = s.object;
  const onAu = (object.objectType === undefined || object.objectType === 'Activity') && object.id === launch.activityId;
  const categories = listIds(asObject(ctx['contextActivities'])['category']);
  const cmi5 = categories.includes(CATEGORY_CMI5);
  if (LMS_VERBS.has(verb) && (cmi5 || onAu)) refuse('9.3', `${where}: "${verbName(verb)}" is a statement of the LMS, not of the AU`);
  if (!cmi5 && AU_VERBS.has(verb) && onAu) refuse('9.6.2.1', `${where}: a cmi5 defined statement ("${verbName(verb)}" on the AU) needs the category ${CATEGORY_CMI5}`);
  if (!cmi5) return undefined;
  if (!AU_VERBS.has(verb)) refuse('9.6.2.1', `${where}: the cmi5 category is only for cmi5 defined verbs, not ${verb}`);
  if (!onAu) refuse('9.4', `${where}: the object of a cmi5 defined statement is the launched AU ${launch.activityId}`);
  const judged = s.result?.success !== undefined || s.result?.completion !== undefined;
  if (judged && !categories.includes(CATEGORY_MOVEON)) refuse('9.6.2.2', `${where}: a cmi5 defined statement with result.success or result.completion needs the category ${CATEGORY_MOVEON}`);
  if (!judged && categories.includes(CATEGORY_MOVEON)) refuse('9.6.2.2', `${where}: the moveon category is only for statements with result.success or result.completion`);
  return verb;
}

/** What the session has already stored: its cmi5 defined verbs. */
async function storedVerbs(store: Store, launch: LaunchBinding, session: Session): Promise<Set<string>> {
  const verbs = new Set<string>();
  let after: string | undefined;
  let atMost: string | undefined;
  for (;;) {
    // everyCommitted: the session's statement acknowledged a moment ago counts, even while
    // another node's write keeps it beyond the horizon of client queries.
    const page = await store.queryStatements({ registration: launch.registration, activityId: launch.activityId, limit: 500, everyCommitted: true, ...(after !== undefined ? { after, atMost } : {}) });
    for (const body of page.bodies) {
      const s = parseRecorded(body);
      if (s.context?.extensions?.[CMI5_SESSION_ID] !== session.id) continue;
      if (!listIds(s.context.contextActivities?.category).includes(CATEGORY_CMI5)) continue;
      verbs.add(s.verb.id);
    }
    if (!page.more || page.last === undefined) return verbs;
    after = page.last;
    atMost = page.head;
  }
}

/** The session rules of §9.3 over the statements not stored yet, in the order sent. */
function checkOrder(where: (i: number) => string, fresh: readonly { index: number; verb: string | undefined }[], done: Set<string>): void {
  for (const { index, verb } of fresh) {
    if (done.has(TERMINATED)) refuse('9.3.8', `${where(index)} comes after this session's terminated statement; a new session needs a new launch`);
    if (!done.has(INITIALIZED) && verb !== INITIALIZED) refuse('9.3.2', `${where(index)}: initialized must be the first statement of the session`);
    if (verb === undefined) continue;
    if (done.has(verb)) refuse('9.3', `${where(index)}: "${verbName(verb)}" was already sent in this session`);
    if ((verb === PASSED && done.has(FAILED)) || (verb === FAILED && done.has(PASSED))) refuse('9.3', `${where(index)}: a session has passed or failed, not both`);
    done.add(verb);
  }
}

/** Throws 403 when a launch token may not store these statements; does nothing for other keys. */
export async function checkLaunchStatements(store: Store, statements: readonly Statement[], principal: Principal): Promise<void> {
  const launch = principal.launch;
  if (!launch) return;
  const where = (i: number): string => (statements.length > 1 ? `statements[${i}]` : 'the statement');
  const sessionId = sessionIdOf(launch.contextTemplate);
  statements.forEach((s, i) => {
    const reg = s.context?.registration;
    if (reg === undefined || reg.toLowerCase() !== launch.registration) {
      const rule = sessionId ? 'cmi5 9.6.1: ' : '';
      throw new XapiError(403, `${rule}this launch token writes only statements with context.registration ${launch.registration} (${where(i)})`);
    }
  });
  if (!sessionId || !launch.contextTemplate) return;
  const session: Session = { id: sessionId, template: launch.contextTemplate };
  const verbs = statements.map((s, i) => {
    const ctx = asObject(s.context);
    if (isVoiding(s)) refuse('6.3', `${where(i)}: the AU may not void statements`);
    if (s.id === undefined) refuse('9.1', `${where(i)} has no id; the AU gives every statement its id`);
    if (!sameAgent(s.actor, launch.actor)) refuse('9.2', `${where(i)}: the actor differs from the launched actor`);
    checkTemplate(where(i), ctx, session);
    return definedVerb(where(i), s, ctx, launch);
  });
  // Every statement has its id by now (9.1 above).
  const idOf = (s: Statement | undefined): string => String(s?.id).toLowerCase();
  const stored = await store.statementsByIds(statements.map(idOf));
  const fresh = verbs.map((verb, index) => ({ index, verb })).filter(({ index }) => !stored.has(idOf(statements[index])));
  if (fresh.length === 0) return;
  checkOrder(where, fresh, await storedVerbs(store, launch, session));
}
