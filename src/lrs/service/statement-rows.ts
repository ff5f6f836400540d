/**
 * From a validated statement to the StatementRow a store keeps: the agents and activities it
 * mentions (direct or related, for the agent/activity filters), the statement it voids, and the
 * activity definitions to merge.
 */
import { VOIDED, activityList } from '../protocol/index.js';
import type { Activity, Actor, Context, IdentifiedStatement, StatementObject, SubStatement } from '../protocol/index.js';
import type { StatementRow } from '../store/index.js';
import { agentKey } from '../validate/index.js';

/** Key of the authority entry that `statements/read/mine` filters on. */
export const authorityKey = (credentialKey: string): string => `authority:${credentialKey}`;

interface Collect {
  agents: { key: string; direct: boolean }[];
  activities: { id: string; direct: boolean }[];
  definitions: { id: string; definition: Record<string, unknown> }[];
}

function addActor(c: Collect, v: Actor | undefined, direct: boolean): void {
  if (v === undefined) return;
  const key = agentKey(v);
  if (key) c.agents.push({ key, direct });
  // Members of a group match the agent filter only as related agents.
  if (v.objectType === 'Group') for (const m of v.member ?? []) addActor(c, m, false);
}

function addActivity(c: Collect, v: Activity, direct: boolean): void {
  c.activities.push({ id: v.id, direct });
  if (v.definition !== undefined) c.definitions.push({ id: v.id, definition: v.definition });
}

function addContext(c: Collect, ctx: Context | undefined): void {
  if (ctx === undefined) return;
  addActor(c, ctx.instructor, false);
  addActor(c, ctx.team, false);
  for (const a of ctx.contextAgents ?? []) addActor(c, a.agent, false);
  for (const g of ctx.contextGroups ?? []) addActor(c, g.group, false);
  for (const list of Object.values(ctx.contextActivities ?? {})) {
    for (const a of activityList(list)) addActivity(c, a, false);
  }
}

function addObject(c: Collect, obj: StatementObject | SubStatement['object'], direct: boolean): void {
  switch (obj.objectType) {
    case undefined:
    case 'Activity':
      return addActivity(c, obj, direct);
    case 'Agent':
    case 'Group':
      return addActor(c, obj, direct);
    case 'SubStatement':
      addActor(c, obj.actor, false);
      addObject(c, obj.object, false);
      return addContext(c, obj.context);
    case 'StatementRef':
      return;
  }
}

/**
 * The sha2 of a statement's attachments as the stores file them: lower-case, each once (the
 * contents are kept under the hash of their bytes, service/attachments.ts).
 */
export function attachmentSha2s(attachments: readonly unknown[] | undefined): string[] {
  const listed = (attachments ?? []).filter((a): a is { sha2: unknown } => typeof a === 'object' && a !== null && 'sha2' in a);
  return [...new Set(listed.map((a) => String(a.sha2).toLowerCase()))];
}

/** `stored` is '' for a StatementRef target read only for its filter columns. */
export function statementRow(s: IdentifiedStatement & { readonly stored: string }, credentialKey: string): StatementRow {
  const c: Collect = { agents: [], activities: [], definitions: [] };
  addActor(c, s.actor, true);
  addObject(c, s.object, true);
  addContext(c, s.context);
  addActor(c, s.authority, false);
  c.agents.push({ key: authorityKey(credentialKey), direct: false });
  const verbId = s.verb.id;
  return {
    id: s.id,
    body: JSON.stringify(s),
    statement: s,
    stored: s.stored,
    verbId,
    registration: s.context?.registration?.toLowerCase(),
    voidsId: verbId === VOIDED && s.object.objectType === 'StatementRef' ? s.object.id.toLowerCase() : undefined,
    agents: c.agents,
    activities: c.activities,
    definitions: c.definitions,
    ...(s.attachments?.length ? { attachments: attachmentSha2s(s.attachments) } : {}),
  };
}
