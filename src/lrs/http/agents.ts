/** GET /agents?agent=… : the Person object for an agent (xAPI §Agents Resource). */
import { agentParam, unknownParam } from './documents-params.js';
import { json, problem } from './documents.js';
import type { ResourceRequest, ResourceResponse } from './documents.js';

/**
 * This LRS does not join identities across agents, so the Person holds exactly the identifiers
 * (and name) of the agent asked about, each as a one-element array as the spec requires.
 */
export function personOf(agent: Record<string, unknown>): Record<string, unknown> {
  const person: Record<string, unknown> = { objectType: 'Person' };
  for (const k of ['name', 'mbox', 'mbox_sha1sum', 'openid', 'account']) {
    if (agent[k] !== undefined) person[k] = [agent[k]];
  }
  return person;
}

export function handleAgents(req: ResourceRequest): ResourceResponse {
  if (req.method.toUpperCase() !== 'GET' && req.method.toUpperCase() !== 'HEAD') return problem(405, 'only GET is allowed on /agents');
  const unknown = unknownParam(req.query, ['agent']);
  if (unknown) return problem(400, unknown);
  const agent = agentParam(req.query);
  if (!agent.ok) return problem(400, agent.reason);
  return json(200, personOf(agent.value.agent));
}
