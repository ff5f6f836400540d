/**
 * X-Experience-API-Version: every request (except /about) must carry 1.0.x or 2.0.x; the answer
 * carries the version this LRS speaks for that request.
 */
import { HttpError } from './errors.js';

export type XapiVersion = '1.0.3' | '2.0.0';

export function requestVersion(header: string | undefined): XapiVersion {
  if (header === undefined || header.trim() === '') {
    throw new HttpError(400, 'missing X-Experience-API-Version header (send 1.0.3 or 2.0.0)');
  }
  const v = header.trim();
  if (/^1\.0(\.\d+)?$/.test(v)) return '1.0.3';
  if (/^2\.0(\.\d+)?$/.test(v)) return '2.0.0';
  throw new HttpError(400, `unsupported X-Experience-API-Version ${v} (send 1.0.3 or 2.0.0)`);
}
