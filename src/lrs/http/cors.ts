/**
 * CORS for content launched from another origin (SCORM/cmi5 packages served by an LMS elsewhere).
 * `origins` is the allow-list; '*' allows any origin (answered with the caller's own origin, since
 * credentials are sent).
 */
const ALLOWED_HEADERS =
  'Authorization, Content-Type, Content-Length, X-Experience-API-Version, X-Experience-API-Consistent-Through, If-Match, If-None-Match, Accept-Language';
const EXPOSED_HEADERS = 'ETag, Last-Modified, X-Experience-API-Version, X-Experience-API-Consistent-Through, Content-Type';

export function corsHeaders(origin: string | undefined, origins: readonly string[]): Record<string, string> {
  if (!origin) return {};
  if (!origins.includes('*') && !origins.includes(origin)) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    'access-control-expose-headers': EXPOSED_HEADERS,
    vary: 'Origin',
  };
}

export function preflightHeaders(origin: string | undefined, origins: readonly string[]): Record<string, string> {
  const base = corsHeaders(origin, origins);
  if (!base['access-control-allow-origin']) return {};
  return {
    ...base,
    'access-control-allow-methods': 'GET, HEAD, PUT, POST, DELETE, OPTIONS',
    'access-control-allow-headers': ALLOWED_HEADERS,
    'access-control-max-age': '600',
  };
}
