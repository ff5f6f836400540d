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

/** The merge rule lives with the protocol; kept here under its old name for callers. */
export { mergeActivityDefinition } from '../protocol/index.js';
