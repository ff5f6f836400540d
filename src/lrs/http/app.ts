/** Every xAPI resource registered on one router: the whole HTTP surface of the LRS. */
import { sameAgentJson } from '../auth/agent-identity.js';
import type { Access, Resource } from '../auth/scopes.js';
import type { CredentialStore, Store } from '../store/store.js';
import { handleAbout } from './about.js';
import { handleActivities } from './activities.js';
import { handleAgents } from './agents.js';
import { FETCH_PREFIX, handleCmi5Fetch } from './cmi5-fetch.js';
import { handleActivityProfile, handleAgentProfile, handleState } from './documents.js';
import { HttpError, asHttpError } from './errors.js';
import type { LrsRequest, Router } from './router.js';
import { handleStatements } from './statements.js';
import type { StatementService } from '../service/statements.js';

const access =
  (resource: Resource) =>
  (method: string): Access => ({ resource, write: method !== 'GET' && method !== 'HEAD' });

/**
 * A launch token reaches only the state of its own registration; under cmi5 the AU reads but
 * never changes LMS.LaunchData (cmi5 §10.2.1).
 */
function launchState(req: LrsRequest): void {
  const launch = req.principal?.launch;
  if (!launch) return;
  if ((req.query.get('registration') ?? '').toLowerCase() !== launch.registration) {
    throw new HttpError(403, `this launch token reaches only state with registration ${launch.registration}`);
  }
  const read = req.method === 'GET' || req.method === 'HEAD';
  if (launch.contextTemplate && !read && (req.query.get('stateId') === 'LMS.LaunchData' || req.query.get('stateId') === null)) {
    throw new HttpError(403, 'cmi5 10.2.1: the AU must not modify or delete the LMS.LaunchData state document');
  }
}

/** A launch token reads its learner's cmi5LearnerPreferences and no other profile. */
function launchProfile(req: LrsRequest, kind: 'activity' | 'agent'): void {
  const launch = req.principal?.launch;
  if (!launch) return;
  const read = req.method === 'GET' || req.method === 'HEAD';
  if (kind === 'agent' && read && req.query.get('profileId') === 'cmi5LearnerPreferences' && sameAgentJson(req.query.get('agent'), launch.actor)) return;
  throw new HttpError(403, 'a launch token reads only its learner\'s cmi5LearnerPreferences profile');
}

/** `statements` is the statement service of this LRS over `store` (it owns this process's write clocks). */
export function registerResources(router: Router, store: Store, credentials: CredentialStore, base: string, statements: StatementService): Router {
  return router
    .route({
      path: '/statements',
      access: access('statements'),
      // GET answers carry X-Experience-API-Consistent-Through whatever the status.
      handler: async (req) => {
        try {
          return await handleStatements(statements, req, base);
        } catch (e) {
          const err = asHttpError(e);
          if (!err || (req.method !== 'GET' && req.method !== 'HEAD')) throw e;
          throw new HttpError(err.status, err.message, { ...err.headers, 'x-experience-api-consistent-through': statements.consistentThrough() });
        }
      },
    })
    .route({
      path: '/activities/state',
      access: access('state'),
      handler: (req) => {
        launchState(req);
        return handleState(store, req);
      },
    })
    .route({
      path: '/activities/profile',
      access: access('activity-profile'),
      handler: (req) => {
        launchProfile(req, 'activity');
        return handleActivityProfile(store, req);
      },
    })
    .route({
      path: '/agents/profile',
      access: access('agent-profile'),
      handler: (req) => {
        launchProfile(req, 'agent');
        return handleAgentProfile(store, req);
      },
    })
    .route({ path: '/activities', access: access('activities'), handler: (req) => handleActivities(store, req) })
    .route({ path: '/agents', access: access('agents'), handler: (req) => handleAgents(req) })
    .route({ path: '/about', versionOptional: true, handler: (req) => handleAbout(req) })
    .route({ path: FETCH_PREFIX, prefix: true, versionOptional: true, handler: (req) => handleCmi5Fetch(credentials, req) });
}
