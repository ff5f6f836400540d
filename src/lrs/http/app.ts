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
import { StatementReader } from '../service/index.js';
import type { ReadSource, StatementService } from '../service/index.js';

const access =
  (resource: Resource) =>
  (method: string): Access => ({ resource, write: method !== 'GET' && method !== 'HEAD' });

const reads = (req: LrsRequest): boolean => req.method === 'GET' || req.method === 'HEAD';

/**
 * `statements` is the statement service of this LRS over `store` (it owns this process's write
 * clocks). `readSource` picks where a GET reads (a replica that has caught up, else the primary);
 * writes, and the reads a write makes, always use `store`.
 */
export function registerResources(
  router: Router,
  store: Store,
  credentials: CredentialStore,
  base: string,
  statements: StatementService,
  readSource: () => Promise<ReadSource> = () => Promise.resolve({ store }),
): Router {
  const documentsFor = async (req: LrsRequest): Promise<Store> => (reads(req) ? (await readSource()).store : store);
  return router
    .route({
      path: '/statements',
      access: access('statements'),
      // GET answers carry X-Experience-API-Consistent-Through whatever the status.
      handler: async (req) => {
        let chosen: StatementReader | undefined;
        const reader = async (): Promise<StatementReader> => {
          // Taken before anything is read, and short of this millisecond, which a write starting
          // now may still be given as its stored time.
          const arrival = new Date(Date.now() - 1).toISOString();
          const own = statements.consistentThrough();
          return (chosen = new StatementReader(await readSource(), own < arrival ? own : arrival));
        };
        try {
          return await handleStatements(statements, req, base, reader);
        } catch (e) {
          const err = asHttpError(e);
          if (!err || (req.method !== 'GET' && req.method !== 'HEAD')) throw e;
          throw new HttpError(err.status, err.message, { ...err.headers, 'x-experience-api-consistent-through': (chosen ?? statements).consistentThrough() });
        }
      },
    })
    .route({
      path: '/activities/state',
      access: access('state'),
      handler: async (req) => {
        checkLaunchState(req.principal?.launch, reads(req), req.query.get('registration'), req.query.get('stateId'));
        return handleState(await documentsFor(req), req);
      },
    })
    .route({
      path: '/activities/profile',
      access: access('activity-profile'),
      handler: async (req) => {
        checkLaunchProfile(req.principal?.launch, reads(req), 'activity', req.query.get('profileId'), req.query.get('agent'));
        return handleActivityProfile(await documentsFor(req), req);
      },
    })
    .route({
      path: '/agents/profile',
      access: access('agent-profile'),
      handler: async (req) => {
        checkLaunchProfile(req.principal?.launch, reads(req), 'agent', req.query.get('profileId'), req.query.get('agent'));
        return handleAgentProfile(await documentsFor(req), req);
      },
    })
    .route({ path: '/activities', access: access('activities'), handler: async (req) => handleActivities(await documentsFor(req), req) })
    .route({ path: '/agents', access: access('agents'), handler: (req) => handleAgents(req) })
    .route({ path: '/about', versionOptional: true, handler: (req) => handleAbout(req) })
    .route({ path: FETCH_PREFIX, prefix: true, versionOptional: true, handler: (req) => handleCmi5Fetch(credentials, req) });
}
