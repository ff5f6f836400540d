/**
 * Reduce an xAPI statement to the fields the report reads. In core because both ends use it:
 * the report on statements it pulled, and the PostgreSQL store on statements it writes (so a
 * report computed in the database reads exactly the facts a pull would have kept).
 */
import { EXT } from '../tracking.js';
import { CLASS_EXT, VERB } from './verbs.js';

/** The few fields of a statement the report needs; the pull keeps only these. */
export interface StatementFact {
  readonly id: string;
  /** Account name, or the mbox / openid when the actor has no account. */
  readonly actor: string;
  readonly verb: string;
  readonly object: string;
  readonly timestamp: string;
  readonly stored: string;
  /** 10-point mark, from the mark extension or score.scaled × 10. */
  readonly mark?: number;
  readonly success?: boolean;
  readonly completion?: boolean;
  /** For voiding statements: the id voided. */
  readonly voids?: string;
  /** For a class held in person: the class id and the tiết it gave (context extensions). */
  readonly class?: string;
  readonly classPeriods?: number;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The learner key: account name (what the roster's id matches), else the IFI. */
export function actorKey(actor: unknown): string | undefined {
  if (!isObject(actor)) return undefined;
  const account = actor['account'];
  if (isObject(account) && typeof account['name'] === 'string') return account['name'];
  for (const ifi of ['mbox', 'mbox_sha1sum', 'openid'] as const) if (typeof actor[ifi] === 'string') return actor[ifi];
  return undefined;
}

function markOf(result: Json | undefined): number | undefined {
  if (!result) return undefined;
  const ext = result['extensions'];
  if (isObject(ext) && typeof ext[EXT.mark10] === 'number') return ext[EXT.mark10] as number;
  const score = result['score'];
  if (!isObject(score)) return undefined;
  if (typeof score['scaled'] === 'number') return Math.round((score['scaled']) * 1000) / 100;
  const { raw, min, max } = score as { raw?: unknown; min?: unknown; max?: unknown };
  if (typeof raw === 'number' && typeof max === 'number' && max > (typeof min === 'number' ? min : 0)) {
    const lo = typeof min === 'number' ? min : 0;
    return Math.round(((raw - lo) / (max - lo)) * 1000) / 100;
  }
  return undefined;
}

export function toFact(statement: unknown): StatementFact | undefined {
  if (!isObject(statement)) return undefined;
  const id = statement['id'];
  const actor = actorKey(statement['actor']);
  const verb = isObject(statement['verb']) ? statement['verb']['id'] : undefined;
  const object = statement['object'];
  const objectId = isObject(object) ? object['id'] : undefined;
  if (typeof id !== 'string' || !actor || typeof verb !== 'string' || typeof objectId !== 'string') return undefined;
  const stored = typeof statement['stored'] === 'string' ? statement['stored'] : '';
  const timestamp = typeof statement['timestamp'] === 'string' ? statement['timestamp'] : stored;
  const result = isObject(statement['result']) ? statement['result'] : undefined;
  const mark = markOf(result);
  const context = isObject(statement['context']) ? statement['context'] : undefined;
  const cext = context && isObject(context['extensions']) ? context['extensions'] : undefined;
  const classId = typeof cext?.[CLASS_EXT.class] === 'string' ? (cext[CLASS_EXT.class] as string) : undefined;
  const classPeriods = typeof cext?.[CLASS_EXT.periods] === 'number' ? (cext[CLASS_EXT.periods] as number) : undefined;
  const voids = verb === VERB.voided && isObject(object) && object['objectType'] === 'StatementRef' ? objectId : undefined;
  return {
    id,
    actor,
    verb,
    object: objectId,
    timestamp: normaliseTimestamp(timestamp),
    stored,
    ...(mark !== undefined ? { mark } : {}),
    ...(typeof result?.['success'] === 'boolean' ? { success: result['success'] } : {}),
    ...(typeof result?.['completion'] === 'boolean' ? { completion: result['completion'] } : {}),
    ...(voids !== undefined ? { voids } : {}),
    ...(classId !== undefined ? { class: classId, classPeriods: classPeriods ?? 0 } : {}),
  };
}

/** Timestamps compared as UTC ISO strings, whatever zone the statement used. */
function normaliseTimestamp(ts: string): string {
  const t = Date.parse(ts);
  return Number.isNaN(t) ? ts : new Date(t).toISOString();
}
