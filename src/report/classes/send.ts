/**
 * Sending a class's statements to the LRS with the client the report pulls with. Ids are
 * deterministic, so an LRS keeps one copy of a statement sent twice; a statement whose id is
 * already there with another result (a corrected mark) is not sent, since the LRS would refuse
 * it (409); it is listed, to be voided and imported again.
 */
import type { Statement } from '@xapi/xapi';
import { lrsClient, PullError } from '../pull.js';

export interface SendResult {
  /** Statements the LRS did not hold before. */
  readonly added: number;
  /** Statements it already held, identical: nothing added. */
  readonly already: number;
  /** Ids it holds with another result (a corrected sheet): not changed, listed for the officer. */
  readonly changed: readonly string[];
}

type Json = Record<string, unknown>;

/** What a sheet decides: present enough, passed, the mark. */
function outcome(statement: Json): string {
  const r = (statement['result'] ?? {}) as Json;
  const ext = (r['extensions'] ?? {}) as Json;
  return JSON.stringify([r['completion'], r['success'], Object.keys(ext).sort().map((k) => ext[k])]);
}

export async function sendClassStatements(
  options: { endpoint: string; auth?: string; timeoutMs?: number },
  statements: readonly Record<string, unknown>[],
): Promise<SendResult> {
  const xapi = lrsClient(options);
  let already = 0;
  const changed: string[] = [];
  const fresh: Record<string, unknown>[] = [];
  // Ask first which ids the LRS holds, so the officer is told what a re-import added (nothing).
  for (const s of statements) {
    try {
      const held = await xapi.getStatement({ statementId: s['id'] as string });
      if (outcome(held.data as unknown as Json) === outcome(s)) already++;
      else changed.push(s['id'] as string);
    } catch (e) {
      if (e instanceof PullError && e.kind === 'http' && e.status === 404) fresh.push(s);
      else throw e;
    }
  }
  for (let i = 0; i < fresh.length; i += 200) await xapi.sendStatements({ statements: fresh.slice(i, i + 200) as unknown as Statement[] });
  return { added: fresh.length, already, changed };
}
