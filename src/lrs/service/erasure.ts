/**
 * Per-learner erasure: which statements go and which are rewritten, decided here (xAPI rules);
 * the store applies the plan in one transaction and logs it (never the erased data).
 *
 * - A statement whose actor is the learner is deleted, or with `anonymise` kept with the
 *   learner replaced by an anonymous account (reports still count it, nobody can tell whose).
 * - A statement that only mentions the learner (object, instructor, team, a group's member,
 *   a sub-statement, context agents) belongs to someone else and is kept: the learner is
 *   replaced there by the same anonymous account, so no trace of their identifier remains.
 * - Their documents (State, Agent Profile) are deleted.
 * - A rewritten statement loses its signature (the JWS holds the statement as signed, the learner
 *   in it, and no longer matches); attachment contents that no statement lists any more go.
 * The anonymous account is new for each erasure: the erased learner's statements stay linked to
 * one another (a report still counts one person) but to nobody.
 */
import { randomUUID } from 'node:crypto';
import type { ErasureOutcome, ErasurePlan, ErasureStore } from '../store/index.js';
import { agent, agentKey } from '../validate/index.js';
import { attachmentSha2s } from './statement-rows.js';

type Json = Record<string, unknown>;

/** homePage of the accounts that replace erased learners (the .invalid domain is never anyone's). */
export const ERASED_HOME_PAGE = 'https://erased.boiduong.invalid';

export interface ErasureRequest {
  /** The learner as an xAPI Agent (one identifier: mbox, mbox_sha1sum, openid or account). */
  readonly agent: Json;
  readonly anonymise: boolean;
  /** Who ran the erasure (an operator's name), and the request it answers (e.g. a letter number). */
  readonly operator: string;
  readonly reference: string;
}

export interface ErasureResult extends ErasureOutcome {
  readonly mode: 'delete' | 'anonymise';
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const SIGNATURE = 'http://adlnet.gov/expapi/attachments/signature';

/** The statement without its signature attachments (an empty list goes too). */
function unsigned(statement: Json): Json {
  if (!Array.isArray(statement['attachments'])) return statement;
  const { attachments, ...rest } = statement;
  const kept = (attachments as unknown[]).filter((a) => !(isObject(a) && a['usageType'] === SIGNATURE));
  return kept.length > 0 ? { ...rest, attachments: kept } : rest;
}

/** Replaces, anywhere in the statement, every object identifying the learner; true when one was. */
function replaceLearner(node: unknown, key: string, replacement: Json): { value: unknown; changed: boolean } {
  if (Array.isArray(node)) {
    let changed = false;
    const value = node.map((v) => {
      const r = replaceLearner(v, key, replacement);
      changed ||= r.changed;
      return r.value;
    });
    return { value, changed };
  }
  if (!isObject(node)) return { value: node, changed: false };
  if (agentKey(node) === key) return { value: { ...replacement, ...(node['objectType'] === 'Agent' || node['objectType'] === undefined ? {} : { objectType: node['objectType'] }) }, changed: true };
  let changed = false;
  const value: Json = {};
  for (const [k, v] of Object.entries(node)) {
    const r = replaceLearner(v, key, replacement);
    changed ||= r.changed;
    value[k] = r.value;
  }
  return { value, changed };
}

/** What an erasure would change, without changing it (the CLI's dry run). */
export async function erasurePlan(store: ErasureStore, request: ErasureRequest, now = new Date()): Promise<ErasurePlan> {
  // A malformed agent is refused (StatementError naming the problem) before anything is read.
  const key = agentKey(agent(request.agent, 'agent'));
  if (key === undefined) throw new Error('the learner needs one identifier: mbox, mbox_sha1sum, openid or account {homePage, name}');
  const replacement: Json = { objectType: 'Agent', account: { homePage: ERASED_HOME_PAGE, name: randomUUID() } };
  const replacementKey = agentKey(replacement)!;
  const deleteRefs: string[] = [];
  const rewrites: { ref: string; body: string; attachments: string[] }[] = [];
  for (const c of await store.statementsMentioning(key)) {
    const statement = JSON.parse(c.body) as Json;
    const isActor = isObject(statement['actor']) && agentKey(statement['actor']) === key;
    if (isActor && !request.anonymise) {
      deleteRefs.push(c.ref);
      continue;
    }
    const r = replaceLearner(statement, key, replacement);
    // Indexed under the key but not found in the body (a StatementRef's target named them):
    // only the index entry moves.
    const body = r.changed ? unsigned(r.value as Json) : statement;
    rewrites.push({ ref: c.ref, body: r.changed ? JSON.stringify(body) : c.body, attachments: attachmentSha2s(Array.isArray(body['attachments']) ? body['attachments'] : undefined) });
  }
  const mode = request.anonymise ? 'anonymise' : 'delete';
  return {
    agentKey: key,
    deleteRefs,
    rewrites,
    replacementKey,
    log: { at: now.toISOString(), operator: request.operator, reference: request.reference, mode },
  };
}

/**
 * Erases the learner: the plan, applied and logged in one transaction. Statements the learner
 * sends while this runs are not in the plan: stop their access first (revoke the keys, end the
 * launches), then run it again until it finds nothing.
 */
export async function eraseLearner(store: ErasureStore, request: ErasureRequest, now = new Date()): Promise<ErasureResult> {
  const plan = await erasurePlan(store, request, now);
  return { ...(await store.erase(plan)), mode: plan.log.mode };
}
