/**
 * Routes of the document resources, Activities, Agents and About, for the router. A cmi5 launch
 * token reaches only its own registration's State (for its actor); the other resources need
 * their scopes (state, profile, define).
 */
import type { Store } from '../store/store.js';
import type { LrsRequest, Route } from './router.js';
import { HttpError } from './errors.js';
import { agentIdentity } from './documents-params.js';
import { handleActivityProfile, handleAgentProfile, handleState } from './documents.js';
import { handleActivities } from './activities.js';
import { handleAgents } from './agents.js';
import { handleAbout } from './about.js';

const isWrite = (method: string) => method !== 'GET' && method !== 'HEAD';

/** A launch token may touch State only for its registration and actor. */
function checkLaunchScope(req: LrsRequest): void {
  const launch = req.principal?.launch;
  if (!launch) return;
  if ((req.query.get('registration') ?? '').toLowerCase() !== launch.registration.toLowerCase()) {
    throw new HttpError(403, 'this launch token is bound to another registration');
  }
  let agent: unknown;
  try {
    agent = JSON.parse(req.query.get('agent') ?? 'null');
  } catch {
    return; // the handler answers 400 for malformed JSON
  }
  const asked = agentIdentity(agent);
  const own = agentIdentity(launch.actor);
  if (asked.ok && own.ok && asked.value.key !== own.value.key) throw new HttpError(403, 'this launch token is bound to another actor');
}

export function documentRoutes(store: Store): Route[] {
  return [
    {
      path: '/activities/state',
      access: (m) => ({ resource: 'state', write: isWrite(m) }),
      handler: (req) => {
        checkLaunchScope(req);
        return handleState(store, req);
      },
    },
    {
      path: '/activities/profile',
      access: (m) => ({ resource: 'activity-profile', write: isWrite(m) }),
      handler: (req) => handleActivityProfile(store, req),
    },
    {
      path: '/agents/profile',
      access: (m) => ({ resource: 'agent-profile', write: isWrite(m) }),
      handler: (req) => handleAgentProfile(store, req),
    },
    {
      path: '/activities',
      access: (m) => ({ resource: 'activities', write: isWrite(m) }),
      handler: (req) => handleActivities(store, req),
    },
    {
      path: '/agents',
      access: (m) => ({ resource: 'agents', write: isWrite(m) }),
      handler: (req) => handleAgents(req),
    },
    { path: '/about', versionOptional: true, handler: (req) => handleAbout(req) },
  ];
}
