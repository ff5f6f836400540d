/**
 * Moodle's REST web service, read-only: one POST per function call, the token in the body (not
 * in the URL, so it stays out of access logs). Moodle answers HTTP 200 even for errors, with an
 * object `{exception, errorcode, message}`; those become a MoodleError of the right kind.
 */
import { MoodleError, failureOf } from './errors.js';

export type WsParams = Readonly<Record<string, string | number | readonly (string | number)[]>>;

export interface MoodleClientOptions {
  /** The Moodle site address, e.g. https://lms.example.gov.vn (with or without a trailing /). */
  readonly url: string;
  readonly token: string;
  /** Per request; a hung Moodle fails the call instead of the run. */
  readonly timeoutMs?: number;
}

/** Moodle's array parameters: `courseids[0]=2&courseids[1]=3`. */
export function formBody(token: string, wsfunction: string, params: WsParams): URLSearchParams {
  const body = new URLSearchParams({ wstoken: token, wsfunction, moodlewsrestformat: 'json' });
  for (const [name, value] of Object.entries(params)) {
    if (Array.isArray(value)) value.forEach((v, i) => body.append(`${name}[${i}]`, String(v)));
    else body.append(name, String(value));
  }
  return body;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export class MoodleClient {
  readonly endpoint: string;

  constructor(private readonly options: MoodleClientOptions) {
    this.endpoint = `${options.url.replace(/\/+$/, '')}/webservice/rest/server.php`;
  }

  async call<T>(wsfunction: string, params: WsParams = {}): Promise<T> {
    let res: Response;
    try {
      res = await fetch(this.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: formBody(this.options.token, wsfunction, params),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
    } catch (e) {
      const cause = (e as { cause?: { code?: string } }).cause;
      const code = (e as Error).name === 'TimeoutError' ? 'timeout' : (cause?.code ?? (e as Error).name);
      throw new MoodleError('unreachable', wsfunction, code, (e as Error).message);
    }
    const text = await res.text();
    if (res.status === 503) throw new MoodleError('unreachable', wsfunction, `http-${res.status}`, text.slice(0, 200));
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new MoodleError('not-moodle', wsfunction, `http-${res.status}`, text.slice(0, 200));
    }
    if (isObject(body) && typeof body['exception'] === 'string') {
      const errorcode = typeof body['errorcode'] === 'string' ? body['errorcode'] : body['exception'];
      throw new MoodleError(failureOf(errorcode), wsfunction, errorcode, typeof body['message'] === 'string' ? body['message'] : '');
    }
    if (!res.ok) throw new MoodleError('not-moodle', wsfunction, `http-${res.status}`, text.slice(0, 200));
    return body as T;
  }
}
