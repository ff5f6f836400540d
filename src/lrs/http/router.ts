/**
 * The LRS request frame over node:http. For each request: CORS preflight, route lookup, version
 * header, authentication and scope check from the headers alone, then the body read with a cap,
 * then the resource handler. Handlers return a ResourceResponse or throw HttpError; nothing else
 * reaches the client (other errors become a 500 and are logged).
 *
 * Credentials are checked before a byte of the body is read, so an unauthenticated upload costs
 * the server nothing: it is answered at once and the connection closed instead of drained (a
 * client that sent `Expect: 100-continue` never sends the body). Only the 1.0.3 alternate request
 * syntax, which carries its headers inside a form body, is read (within the JSON cap) first.
 *
 * Registering a resource: router.route({ path: '/activities/state', access, handler }).
 */
import { Buffer } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Access, allows, type Authenticator, type Principal } from '../auth/index.js';
import type { LrsLog } from '../log.js';
import { ClientAbort, readBody } from './body.js';
import { clientAddress } from './client-address.js';
import { corsHeaders, preflightHeaders } from './cors.js';
import { problem } from './documents.js';
import type { ResourceRequest, ResourceResponse } from './documents.js';
import { HttpError, asHttpError } from './errors.js';
import { requestVersion } from './version.js';
import type { XapiVersion } from './version.js';
import { overriddenRequest } from './method-override.js';

export interface LrsRequest extends ResourceRequest {
  /** Path below the xAPI base, e.g. /statements. */
  readonly path: string;
  readonly version: XapiVersion;
  /** Undefined only on public routes. */
  readonly principal: Principal | undefined;
}

export type Handler = (req: LrsRequest) => Promise<ResourceResponse> | ResourceResponse;

export interface Route {
  /** Exact path below the base, or a prefix ending in '/' when `prefix` is true. */
  readonly path: string;
  readonly prefix?: boolean;
  /** What the request needs; undefined → public route (no credentials asked). */
  readonly access?: (method: string) => Access;
  /** Public routes such as /about answer without the version header. */
  readonly versionOptional?: boolean;
  readonly handler: Handler;
}

export interface RouterOptions {
  /** URL path prefix of the xAPI endpoint, e.g. /xapi. */
  readonly base: string;
  readonly authenticator: Authenticator;
  readonly origins: readonly string[];
  /** Body cap in bytes for JSON and documents. */
  readonly maxBody: number;
  /** Body cap for multipart/mixed statement requests (attachments). */
  readonly maxMultipartBody: number;
  readonly log: LrsLog;
  /** Version announced on answers to requests that name none (or an unsupported one). */
  readonly defaultVersion: XapiVersion;
  /** Addresses of proxies whose X-Forwarded-For names the client (client-address.ts). */
  readonly trustedProxies?: readonly string[];
}

export class Router {
  private readonly routes: Route[] = [];
  private readonly trusted: ReadonlySet<string>;

  constructor(private readonly options: RouterOptions) {
    this.trusted = new Set(options.trustedProxies ?? []);
  }

  route(r: Route): this {
    this.routes.push(r);
    return this;
  }

  private find(path: string): Route | undefined {
    return this.routes.find((r) => (r.prefix ? path.startsWith(r.path) : path === r.path));
  }

  /** The node:http request listener (also for `checkContinue`: 100 Continue is sent only once the body is wanted). */
  readonly listener = (req: IncomingMessage, res: ServerResponse): void => {
    const origin = req.headers.origin;
    const negotiated: { version?: XapiVersion } = {};
    this.handle(req, res, negotiated)
      .then((out) => this.write(res, req, out.response, out.version, origin))
      .catch((e: unknown) => {
        if (e instanceof ClientAbort) {
          // The client went away (closed the tab, lost the network): nothing to answer, nothing broken.
          this.options.log.debug(`LRS: client aborted ${req.method} ${req.url} after ${e.received} bytes of the body`);
          return;
        }
        const err = asHttpError(e);
        if (!err) this.options.log.error(`LRS internal error on ${req.method} ${req.url}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        const base = err ? problem(err.status, err.message) : problem(500, 'internal error');
        // A body still coming will not be read: answer now and close, rather than receive (say)
        // 60 MB only to discard it.
        const closing: Record<string, string> = req.complete ? {} : { connection: 'close' };
        const response = { ...base, headers: { ...base.headers, ...err?.headers, ...closing } };
        // A complete body still in the stream's buffer is discarded so the connection stays usable.
        req.resume();
        this.write(res, req, response, negotiated.version ?? this.options.defaultVersion, origin);
      });
  };

  private write(res: ServerResponse, req: IncomingMessage, r: ResourceResponse, version: string, origin: string | undefined): void {
    const body = r.body === undefined ? Buffer.alloc(0) : typeof r.body === 'string' ? Buffer.from(r.body, 'utf8') : r.body;
    const headers: Record<string, string | number> = {
      'x-experience-api-version': version,
      ...corsHeaders(origin, this.options.origins),
      ...r.headers,
    };
    if (r.status !== 204 && r.status !== 304) headers['content-length'] = body.length;
    res.writeHead(r.status, headers);
    res.end(req.method === 'HEAD' || r.status === 204 ? undefined : body);
  }

  private async handle(raw: IncomingMessage, res: ServerResponse, negotiated: { version?: XapiVersion }): Promise<{ response: ResourceResponse; version: XapiVersion }> {
    const url = new URL(raw.url ?? '/', 'http://lrs.invalid');
    const origin = raw.headers.origin;
    if (raw.method === 'OPTIONS') {
      return { response: { status: 204, headers: preflightHeaders(origin, this.options.origins) }, version: this.options.defaultVersion };
    }
    if (!url.pathname.startsWith(this.options.base + '/') && url.pathname !== this.options.base) {
      throw new HttpError(404, `no xAPI resource at ${url.pathname}; the endpoint is ${this.options.base}`);
    }
    const path = url.pathname.slice(this.options.base.length) || '/';
    const route = this.find(path);
    if (!route) throw new HttpError(404, `no xAPI resource ${path}`);

    const contentType = raw.headers['content-type'] ?? '';
    const cap = /^multipart\//i.test(contentType) ? this.options.maxMultipartBody : this.options.maxBody;
    const readAll = (limit: number): Promise<Buffer> => {
      if (raw.headers.expect?.toLowerCase() === '100-continue') res.writeContinue();
      return readBody(raw, limit);
    };
    let method = (raw.method ?? 'GET').toUpperCase();
    let query = url.searchParams;
    let body: Buffer | undefined;
    let headerOf = (name: string): string | undefined => {
      const v = raw.headers[name];
      return Array.isArray(v) ? v.join(', ') : v;
    };
    const overridden = method === 'POST' && query.has('method');
    if (overridden) {
      // The alternate syntax's Authorization and version are fields of the form body.
      const o = overriddenRequest(query, headerOf, await readAll(this.options.maxBody));
      method = o.method;
      query = o.query;
      body = o.body;
      headerOf = o.header;
    }

    const version = route.versionOptional && headerOf('x-experience-api-version') === undefined ? this.options.defaultVersion : requestVersion(headerOf('x-experience-api-version'));
    negotiated.version = version;
    if (overridden && version === '2.0.0') throw new HttpError(400, 'xAPI 2.0 removed the alternate request syntax (method= in the query)');
    let principal: Principal | undefined;
    if (route.access) {
      const client = clientAddress(raw.socket.remoteAddress ?? '', headerOf('x-forwarded-for'), this.trusted);
      principal = await this.options.authenticator.authenticate(headerOf('authorization'), client);
      const need = route.access(method);
      if (!allows(principal.scopes, need)) {
        throw new HttpError(403, `this key's scopes (${principal.scopes.join(', ')}) do not allow ${need.write ? 'writing' : 'reading'} ${need.resource}`);
      }
    }
    body ??= await readAll(cap);
    const request: LrsRequest = { method, query, header: headerOf, body, path, version, principal };
    const response = await route.handler(request);
    return { response, version };
  }
}
