/**
 * The LRS request frame over node:http. For each request: CORS preflight, alternate request
 * syntax (1.0.3 method override), route lookup, version header, authentication, scope check,
 * body read with a cap, then the resource handler. Handlers return a ResourceResponse or throw
 * HttpError; nothing else reaches the client (other errors become a 500 and are logged).
 *
 * Registering a resource: router.route({ path: '/activities/state', access, handler }).
 */
import { Buffer } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Access } from '../auth/scopes.js';
import { allows } from '../auth/scopes.js';
import type { Authenticator, Principal } from '../auth/authenticate.js';
import { readBody } from './body.js';
import { corsHeaders, preflightHeaders } from './cors.js';
import { problem } from './documents.js';
import type { ResourceRequest, ResourceResponse } from './documents.js';
import { HttpError } from './errors.js';
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
  readonly log: (message: string) => void;
  /** Version announced on answers to requests that name none (or an unsupported one). */
  readonly defaultVersion: XapiVersion;
}

export class Router {
  private readonly routes: Route[] = [];

  constructor(private readonly options: RouterOptions) {}

  route(r: Route): this {
    this.routes.push(r);
    return this;
  }

  private find(path: string): Route | undefined {
    return this.routes.find((r) => (r.prefix ? path.startsWith(r.path) : path === r.path));
  }

  /** The node:http request listener. */
  readonly listener = (req: IncomingMessage, res: ServerResponse): void => {
    const origin = req.headers.origin;
    this.handle(req)
      .then((out) => this.write(res, req, out.response, out.version, origin))
      .catch((e: unknown) => {
        const err = e instanceof HttpError ? e : undefined;
        if (!err) this.options.log(`LRS internal error on ${req.method} ${req.url}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        const base = err ? problem(err.status, err.message) : problem(500, 'internal error');
        const response = err ? { ...base, headers: { ...base.headers, ...err.headers } } : base;
        // Discard an unread body so the connection stays usable.
        req.resume();
        this.write(res, req, response, this.options.defaultVersion, origin);
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

  private async handle(raw: IncomingMessage): Promise<{ response: ResourceResponse; version: XapiVersion }> {
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
    let method = (raw.method ?? 'GET').toUpperCase();
    let query = url.searchParams;
    let body = await readBody(raw, cap);
    let headerOf = (name: string): string | undefined => {
      const v = raw.headers[name];
      return Array.isArray(v) ? v.join(', ') : v;
    };
    const overridden = method === 'POST' && query.has('method');
    if (overridden) {
      const o = overriddenRequest(query, headerOf, body);
      method = o.method;
      query = o.query;
      body = o.body;
      headerOf = o.header;
    }

    const version = route.versionOptional && headerOf('x-experience-api-version') === undefined ? this.options.defaultVersion : requestVersion(headerOf('x-experience-api-version'));
    if (overridden && version === '2.0.0') throw new HttpError(400, 'xAPI 2.0 removed the alternate request syntax (method= in the query)');
    let principal: Principal | undefined;
    if (route.access) {
      principal = await this.options.authenticator.authenticate(headerOf('authorization'));
      const need = route.access(method);
      if (!allows(principal.scopes, need)) {
        throw new HttpError(403, `this key's scopes (${principal.scopes.join(', ')}) do not allow ${need.write ? 'writing' : 'reading'} ${need.resource}`);
      }
    }
    const request: LrsRequest = { method, query, header: headerOf, body, path, version, principal };
    const response = await route.handler(request);
    return { response, version };
  }
}
