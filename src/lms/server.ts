/**
 * The preview LMS: hosts every package of the courses in a content folder on 127.0.0.1, launches
 * them for real (scorm-again for SCORM, a cmi5 launch, an xAPI launch) against the embedded LRS,
 * and shows the statements and transcripts that come back.
 *
 * This file starts and stops the parts; the paths are in routes.ts, what each answers in
 * handlers/, and what they share in preview.ts.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { loadRuntimeFiles, registeredFormats } from '../compile/index.js';
import { startLrs, type RunningLrs } from '../lrs/index.js';
import { ContentState } from './content-state.js';
import { sendNotFoundPage } from './handlers/index.js';
import { send } from './http.js';
import { loadLmsKey } from './lms-key.js';
import { LiveReload } from './live-reload.js';
import { LrsClient } from './lrs-client.js';
import { CourseMoveOn } from './move-on.js';
import type { UiLang } from './pages/index.js';
import type { Preview } from './preview.js';
import { lmsRequest, type LmsRequest } from './request.js';
import { findRoute, pathSegments, type Route } from './router.js';
import { previewRoutes } from './routes.js';
import { PackageSites } from './site.js';
import { AttemptStore } from './store/index.js';

export { LMS_HOME_PAGE } from './request.js';

export interface PreviewOptions {
  readonly contentDir: string;
  readonly dataDir: string;
  readonly port?: number;
  readonly host?: string;
  readonly lang?: UiLang;
  /** Rebuild modules when their files change and reload open pages. */
  readonly watch?: boolean;
  readonly log?: (message: string) => void;
}

export interface RunningPreview {
  readonly url: string;
  readonly lrs: RunningLrs;
  readonly content: ContentState;
  close(): Promise<void>;
}

export async function startPreview(options: PreviewOptions): Promise<RunningPreview> {
  const log = options.log ?? (() => undefined);
  const formats = registeredFormats();
  const sites = new PackageSites(loadRuntimeFiles(), formats);
  const content = new ContentState(options.contentDir, sites, log);
  await content.load();
  const attempts = new AttemptStore(join(options.dataDir, 'lms.sqlite'));
  const host = options.host ?? '127.0.0.1';
  const reload = options.watch ? new LiveReload() : undefined;
  if (reload) content.onChange(() => reload.reloadAll());
  const preview: Preview = {
    formats,
    sites,
    content,
    attempts,
    moveOn: new CourseMoveOn(attempts, () => preview.connection?.client, log),
    reload,
    defaultLang: options.lang ?? 'vi',
    origin: '',
    connection: undefined,
  };
  const routes = previewRoutes(preview);

  const server = createServer((req, res) => {
    handle(preview, routes, req, res).catch((e: unknown) => {
      log(`preview LMS: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      if (!res.headersSent) send(res, 500, 'Lỗi máy chủ / server error', 'text/plain; charset=utf-8');
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  preview.origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const lrs = await startLrs({ dataDir: options.dataDir, host, port: 0, origins: [preview.origin], log });
  preview.connection = { lrs, client: new LrsClient(lrs.url, await loadLmsKey(lrs, options.dataDir)) };
  if (options.watch) content.watch();

  return {
    url: preview.origin,
    lrs,
    content,
    async close() {
      const settled = preview.moveOn.close();
      content.unwatch();
      await settled;
      reload?.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await lrs.close();
      attempts.close();
    },
  };
}

/** One request: the route that answers it, or the 404 page. */
async function handle(preview: Preview, routes: readonly Route<LmsRequest>[], req: IncomingMessage, res: ServerResponse): Promise<void> {
  const r = lmsRequest(preview, req, res);
  const run = findRoute(routes, req.method, r.path, pathSegments(r.path));
  if (run) return run(r);
  sendNotFoundPage(preview, r);
}
