/**
 * Refusals of the xAPI rules, each with the status xAPI gives it. Every layer below http/ throws
 * these and nothing HTTP-specific; http/errors.ts turns them into answers (headers included) in
 * one place.
 */

/** The statuses xAPI assigns to a refused request. */
export type XapiStatus = 400 | 401 | 403 | 404 | 409 | 412 | 429;

export class XapiError extends Error {
  constructor(
    readonly status: XapiStatus,
    message: string,
    /** For 429: how long the client should wait before trying again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'XapiError';
  }
}

/** A request the client must fix (400). Subclasses name where the problem was found. */
export class InvalidRequest extends XapiError {
  constructor(message: string) {
    super(400, message);
    this.name = 'InvalidRequest';
  }
}
