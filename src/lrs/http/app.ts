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
import type { MoreTokens } from './statements-params.js';

const access =
  (resource: Resource) =>
  (method: string): Access => ({ resource, write: method !== 'GET' && method !== 'HEAD' });

/** Where a GET reads; for statements it may bring the primary's bound (service/statement-reader.ts). */
export type ReadSourceOf = (what: 'statements' | 'documents') => Promise<ReadSource>;

const reads = (req: LrsRequest): boolean => req.method === 'GET' || req.method === 'HEAD';

/**
 * `statements` is the statement service of this LRS over `store` (it owns this process's write
 * clocks); `tokens` signs and reads its `more` links. `readSource` picks where a GET reads (a
 * replica that has caught up, else the primary); writes, and the reads a write makes, always use
 * `store`.
 */
export function registerResources(
  router: Router,
  store: Store,
  credentials: CredentialStore,
  base: string,
  statements: StatementService,
  tokens: MoreTokens,
  readSource: ReadSourceOf = () => Promise.resolve({ store }),
): Router {
  const documentsFor = async (req: LrsRequest): Promise<Store> => (reads(req) ? (await readSource('documents')).store : store);
  return router
    .route({
      path: '/statements',
      access: access('statements'),
      // GET answers carry X-Experience-API-Consistent-Through whatever the status.
      handler: async (req) => {
        let chosen: StatementReader | undefined;
        const reader = async (): Promise<StatementReader> => {
          // A single writer's clock is read at arrival, before anything is read: later it could
          // count a write that committed while the query ran on a snapshot without it. The
          // database's horizon (stampsStored) holds whenever it is read, so it is read only if the
          // answer needs it (a first page brings its own; a replica's comes with its source).
          const arrival = store.stampsStored ? undefined : statements.consistentThrough();
          const source = await readSource('statements');
          return (chosen = new StatementReader(source, () => arrival ?? statements.consistentThrough()));
        };
        try {
          return await handleStatements(statements, tokens, req, base, reader);
        } catch (e) {
          const err = asHttpError(e);
          if (!err || (req.method !== 'GET' && req.method !== 'HEAD')) throw e;
          const through = await (chosen ?? statements).consistentThrough().catch(() => new Date(0).toISOString());
          throw new HttpError(err.status, err.message, { ...err.headers, 'x-experience-api-consistent-through': through });
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
