/**
 * Posts pulled statements to any xAPI LRS. The ids are deterministic, so a statement already
 * stored comes back either as accepted (same content) or as 409 Conflict (the LRS kept an
 * earlier version, e.g. with an older timestamp): xAPI statements are immutable, the first one
 * stays and a conflict means "already there", never an error. A batch that conflicts is retried
 * one statement at a time so the new ones in it are not lost.
 */
export class LrsWriteError extends Error {}

export interface LrsWriter {
  write(statements: readonly Record<string, unknown>[]): Promise<void>;
  /** Statements the LRS already held in another version (409). */
  readonly conflicts: number;
}

export function lrsWriter(endpoint: string, auth: string | undefined, timeoutMs = 30_000): LrsWriter {
  const url = `${endpoint.replace(/\/+$/, '')}/statements`;
  let conflicts = 0;
  const post = async (body: readonly Record<string, unknown>[]): Promise<number> => {
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-experience-api-version': '1.0.3',
          ...(auth ? { authorization: auth } : {}),
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      throw new LrsWriteError(`${url}: ${(e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message}`);
    }
    const text = await res.text();
    if (res.ok || res.status === 409) return res.status;
    throw new LrsWriteError(`${url}: HTTP ${res.status} ${text.slice(0, 300)}`);
  };
  return {
    get conflicts() {
      return conflicts;
    },
    async write(statements) {
      if (statements.length === 0) return;
      if ((await post(statements)) !== 409) return;
      for (const s of statements) if ((await post([s])) === 409) conflicts++;
    },
  };
}
