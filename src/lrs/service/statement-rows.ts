/**
 * From a validated statement to the StatementRow a store keeps: the agents and activities it
 * mentions (direct or related, for the agent/activity filters), the statement it voids, and the
 * activity definitions to merge.
 */
import type { StatementRow } from '../store/index.js';
import { agentKey, VOIDED } from '../validate/index.js';

type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Key of the authority entry that `statements/read/mine` filters on. */
export const authorityKey = (credentialKey: string): string => `authority:${credentialKey}`;

interface Collect {
  agents: { key: string; direct: boolean }[];
  activities: { id: string; direct: boolean }[];
  definitions: { id: string; definition: Json }[];
}

function addActor(c: Collect, v: unknown, direct: boolean): void {
  if (!isObj(v)) return;
  const key = agentKey(v);
  if (key) c.agents.push({ key, direct });
  // Members of a group match the agent filter only as related agents.
  if (Array.isArray(v['member'])) for (const m of v['member']) addActor(c, m, false);
}

function addActivity(c: Collect, v: unknown, direct: boolean): void {
  if (!isObj(v) || typeof v['id'] !== 'string') return;
  c.activities.push({ id: v['id'], direct });
  if (isObj(v['definition'])) c.definitions.push({ id: v['id'], definition: v['definition'] });
}

function addContext(c: Collect, ctx: unknown): void {
  if (!isObj(ctx)) return;
  addActor(c, ctx['instructor'], false);
  addActor(c, ctx['team'], false);
  if (Array.isArray(ctx['contextAgents'])) for (const a of ctx['contextAgents']) if (isObj(a)) addActor(c, a['agent'], false);
  if (Array.isArray(ctx['contextGroups'])) for (const g of ctx['contextGroups']) if (isObj(g)) addActor(c, g['group'], false);
  const ca = ctx['contextActivities'];
  if (isObj(ca)) {
    for (const list of Object.values(ca)) {
      for (const a of Array.isArray(list) ? list : [list]) addActivity(c, a, false);
    }
  }
}

function addObject(c: Collect, obj: unknown, direct: boolean): void {
  if (!isObj(obj)) return;
  const type = obj['objectType'];
  if (type === undefined || type === 'Activity') addActivity(c, obj, direct);
  else if (type === 'Agent' || type === 'Group') addActor(c, obj, direct);
  else if (type === 'SubStatement') {
    addActor(c, obj['actor'], false);
    addObject(c, obj['object'], false);
    addContext(c, obj['context']);
  }
}

export function statementRow(s: Json, credentialKey: string): StatementRow {
  const c: Collect = { agents: [], activities: [], definitions: [] };
  addActor(c, s['actor'], true);
  addObject(c, s['object'], true);
  addContext(c, s['context']);
  addActor(c, s['authority'], false);
  c.agents.push({ key: authorityKey(credentialKey), direct: false });
  const verbId = (s['verb'] as Json)['id'] as string;
  const obj = s['object'] as Json;
  const ctx = isObj(s['context']) ? s['context'] : undefined;
  const registration = typeof ctx?.['registration'] === 'string' ? ctx['registration'].toLowerCase() : undefined;
  return {
    id: s['id'] as string,
    body: JSON.stringify(s),
    stored: s['stored'] as string,
    verbId,
    registration,
    voidsId: verbId === VOIDED && typeof obj['id'] === 'string' ? obj['id'].toLowerCase() : undefined,
    agents: c.agents,
    activities: c.activities,
    definitions: c.definitions,
  };
}
