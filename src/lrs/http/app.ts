/** Every xAPI resource registered on one router: the whole HTTP surface of the LRS. */
import { checkLaunchProfile, checkLaunchState, type Access, type Resource } from '../auth/index.js';
import type { CredentialStore, Store } from '../store/index.js';
import { handleAbout } from './about.js';
import { handleActivities } from './activities.js';
import { handleAgents } from './agents.js';
import { FETCH_PREFIX, handleCmi5Fetch } from './cmi5-fetch.js';
import { handleActivityProfile, handleAgentProfile, handleState } from './documents.js';
import { HttpError, asHttpError } from './errors.js';
import type { LrsRequest, Router } from './router.js';
import { handleStatements } from './statements.js';
import type { StatementService } from '../service/index.js';
import type { MoreTokens } from './statements-params.js';

const access =
  (resource: Resource) =>
  (method: string): Access => ({ resource, write: method !== 'GET' && method !== 'HEAD' });

const reads = (req: LrsRequest): boolean => req.method === 'GET' || req.method === 'HEAD';

/**
 * `statements` is the statement service of this LRS over `store` (it owns this process's write
 * clocks); `tokens` signs and reads its `more` links.
 */
export function registerResources(router: Router, store: Store, credentials: CredentialStore, base: string, statements: StatementService, tokens: MoreTokens): Router {
  return router
    .route({
      path: '/statements',
      access: access('statements'),
      // GET answers carry X-Experience-API-Consistent-Through whatever the status.
      handler: async (req) => {
        try {
          return await handleStatements(statements, tokens, req, base);
        } catch (e) {
          const err = asHttpError(e);
          if (!err || (req.method !== 'GET' && req.method !== 'HEAD')) throw e;
          throw new HttpError(err.status, err.message, { ...err.headers, 'x-experience-api-consistent-through': await statements.consistentThrough().catch(() => new Date(0).toISOString()) });
        }
      },
    })
    .route({
      path: '/activities/state',
      access: access('state'),
      handler: (req) => {
        checkLaunchState(req.principal?.launch, reads(req), req.query.get('registration'), req.query.get('stateId'));
        return handleState(store, req);
      },
    })
    .route({
      path: '/activities/profile',
      access: access('activity-profile'),
      handler: (req) => {
        checkLaunchProfile(req.principal?.launch, reads(req), 'activity', req.query.get('profileId'), req.query.get('agent'));
        return handleActivityProfile(store, req);
      },
    })
    .route({
      path: '/agents/profile',
      access: access('agent-profile'),
      handler: (req) => {
        checkLaunchProfile(req.principal?.launch, reads(req), 'agent', req.query.get('profileId'), req.query.get('agent'));
        return handleAgentProfile(store, req);
      },
    })
    .route({ path: '/activities', access: access('activities'), handler: (req) => handleActivities(store, req) })
    .route({ path: '/agents', access: access('agents'), handler: (req) => handleAgents(req) })
    .route({ path: '/about', versionOptional: true, handler: (req) => handleAbout(req) })
    .route({ path: FETCH_PREFIX, prefix: true, versionOptional: true, handler: (req) => handleCmi5Fetch(credentials, req) });
}
