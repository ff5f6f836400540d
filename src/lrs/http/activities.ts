/** GET /activities?activityId=… : the Activity with the canonical definition the LRS holds. */
import { activityIdParam, unknownParam } from './documents-params.js';
import { json, problem } from './documents.js';
import type { ResourceRequest, ResourceResponse } from './documents.js';

export interface ActivityLookup {
  /** The definition merged from the statements that mention the activity; undefined if none. */
  getActivityDefinition(activityId: string): Promise<Record<string, unknown> | undefined>;
}

export async function handleActivities(store: ActivityLookup, req: ResourceRequest): Promise<ResourceResponse> {
  if (req.method.toUpperCase() !== 'GET' && req.method.toUpperCase() !== 'HEAD') return problem(405, 'only GET is allowed on /activities');
  const unknown = unknownParam(req.query, ['activityId']);
  if (unknown) return problem(400, unknown);
  const id = activityIdParam(req.query);
  if (!id.ok) return problem(400, id.reason);
  const definition = await store.getActivityDefinition(id.value);
  return json(200, definition ? { objectType: 'Activity', id: id.value, definition } : { objectType: 'Activity', id: id.value });
}

/**
 * Merges a newly seen definition into the canonical one: language maps are merged per language,
 * other properties are replaced by the newer statement's (xAPI lets the LRS keep the latest).
 */
export function mergeActivityDefinition(
  current: Record<string, unknown> | undefined,
  incoming: Record<string, unknown>,
): Record<string, unknown> {
  if (!current) return incoming;
  const out: Record<string, unknown> = { ...current };
  for (const [k, v] of Object.entries(incoming)) {
    const old = out[k];
    const isMap = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
    out[k] = (k === 'name' || k === 'description') && isMap(old) && isMap(v) ? { ...old, ...v } : v;
  }
  return out;
}
