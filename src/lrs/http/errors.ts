/**
 * Errors as HTTP answers. HttpError is what the HTTP layer itself refuses (no such resource,
 * method not allowed, body too large, malformed headers or body); `asHttpError` is the one place
 * where the refusals of the layers below (protocol/ XapiError and its subclasses) become a status
 * with the headers HTTP wants beside it.
 */
import { XapiError } from '../protocol/index.js';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (message: string): HttpError => new HttpError(400, message);

/** Realm of the Basic challenge sent with every 401. */
const CHALLENGE = { 'www-authenticate': 'Basic realm="boiduong LRS"' };

function headersFor(e: XapiError): Record<string, string> {
  if (e.status === 401) return CHALLENGE;
  if (e.status === 429 && e.retryAfterSeconds !== undefined) return { 'retry-after': String(e.retryAfterSeconds) };
  return {};
}

/** The answer an error deserves; undefined for anything else (a bug: the router logs it and answers 500). */
export function asHttpError(e: unknown): HttpError | undefined {
  if (e instanceof HttpError) return e;
  if (e instanceof XapiError) return new HttpError(e.status, e.message, headersFor(e));
  return undefined;
}
