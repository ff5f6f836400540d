/** GET /about : the xAPI versions this LRS speaks (xAPI §About Resource). */
import { json, problem } from './documents.js';
import type { ResourceRequest, ResourceResponse } from './documents.js';

export const SUPPORTED_VERSIONS = ['1.0.3', '2.0.0'] as const;

export function handleAbout(req: ResourceRequest, extensions: Record<string, unknown> = {}): ResourceResponse {
  if (req.method.toUpperCase() !== 'GET' && req.method.toUpperCase() !== 'HEAD') return problem(405, 'only GET is allowed on /about');
  return json(200, Object.keys(extensions).length ? { version: [...SUPPORTED_VERSIONS], extensions } : { version: [...SUPPORTED_VERSIONS] });
}
