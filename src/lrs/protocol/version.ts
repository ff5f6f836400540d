/**
 * The xAPI versions this LRS speaks. A client names its version in X-Experience-API-Version;
 * every 1.0.x is answered as 1.0.3 and every 2.0.x as 2.0.0.
 */
import { XapiError } from './errors.js';

export type XapiVersion = '1.0.3' | '2.0.0';

/** The version a request names; refused (400) when it names none or one this LRS does not speak. */
export function requestVersion(header: string | undefined): XapiVersion {
  if (header === undefined || header.trim() === '') {
    throw new XapiError(400, 'missing X-Experience-API-Version header (send 1.0.3 or 2.0.0)');
  }
  const v = header.trim();
  if (/^1\.0(\.\d+)?$/.test(v)) return '1.0.3';
  if (/^2\.0(\.\d+)?$/.test(v)) return '2.0.0';
  throw new XapiError(400, `unsupported X-Experience-API-Version ${v} (send 1.0.3 or 2.0.0)`);
}
