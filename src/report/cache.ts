/**
 * A local, append-only copy of the facts pulled from an LRS, so a re-run fetches only new
 * statements. Each LRS has its own folder under the cache directory, named from its endpoint
 * written one way (`lrsKey`), so how a URL is spelled never selects, nor empties, another
 * LRS's copy. Facts go to facts.jsonl; state.json records the watermark and the file length
 * that goes with it, so a pull cut off between the two writes is rolled back, never doubled.
 */
import { createReadStream } from 'node:fs';
import { appendFile, mkdir, open, readdir, readFile, rename, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { StatementFact } from './model.js';

export interface CacheState {
  /** The endpoint in its one written form (see lrsKey). */
  readonly endpoint: string;
  /** `stored` of the newest fact kept. */
  readonly watermark: string | null;
  /** Ids of facts stored in the last millisecond up to the watermark (the pull re-reads it). */
  readonly edgeIds: readonly string[];
  /** Byte length of facts.jsonl that this state accounts for. */
  readonly bytes: number;
  readonly count: number;
  /** Ids voided by voiding statements seen so far. */
  readonly voided: readonly string[];
}

/** Raised when there is no kept copy to read: an offline run before any pull from that LRS. */
export class CacheMissingError extends Error {
  constructor(
    readonly endpoint: string | undefined,
    readonly known: readonly string[],
  ) {
    super(`no cached statements for ${endpoint ?? '(no --lrs)'}`);
  }
}

/**
 * One spelling per LRS: scheme and host in lower case, default port dropped, exactly one
 * trailing slash. `http://H:80/xapi`, `http://h/xapi/` and `http://h/xapi` are the same LRS.
 */
export function lrsKey(endpoint: string): string {
  try {
    const u = new URL(endpoint.trim());
    const path = u.pathname.replace(/\/+$/, '');
    return `${u.protocol}//${u.host}${path}/`;
  } catch {
    return endpoint.trim().replace(/\/+$/, '') + '/';
  }
}

/** A folder name for an endpoint key: readable, and distinct for distinct keys. */
function folderOf(key: string): string {
  let hash = 2166136261;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 16777619) >>> 0;
  const readable = key.replace(/^[a-z]+:\/\//, '').replace(/[^A-Za-z0-9.-]+/g, '_').replace(/_+$/, '').slice(0, 60);
  return `${readable}-${hash.toString(16).padStart(8, '0')}`;
}

const EMPTY = { watermark: null, edgeIds: [], bytes: 0, count: 0, voided: [] } as const;

export class FactCache {
  constructor(readonly dir: string) {}

  private files(state: { endpoint: string }): { facts: string; state: string; folder: string } {
    const folder = join(this.dir, folderOf(state.endpoint));
    return { folder, facts: join(folder, 'facts.jsonl'), state: join(folder, 'state.json') };
  }

  /** Endpoints this cache holds statements of. */
  async endpoints(): Promise<string[]> {
    const found: string[] = [];
    for (const entry of await readdir(this.dir).catch(() => [] as string[])) {
      try {
        const saved = JSON.parse(await readFile(join(this.dir, entry, 'state.json'), 'utf8')) as CacheState;
        if (saved.bytes > 0) found.push(saved.endpoint);
      } catch {
        // Not a cache folder.
      }
    }
    return found.sort();
  }

  /** The kept state of an LRS, for a pull to continue from (a first pull starts empty). */
  async open(endpoint: string): Promise<CacheState> {
    const key = lrsKey(endpoint);
    const files = this.files({ endpoint: key });
    await mkdir(files.folder, { recursive: true });
    let state: CacheState = { endpoint: key, ...EMPTY };
    try {
      state = { ...(JSON.parse(await readFile(files.state, 'utf8')) as CacheState), endpoint: key };
    } catch {
      // No state yet: a first pull.
    }
    // Bytes past the committed length are a page whose commit never happened: roll them back.
    const size = await stat(files.facts).then((s) => s.size, () => 0);
    if (size > state.bytes) await truncate(files.facts, state.bytes);
    if (size < state.bytes) state = { endpoint: key, ...EMPTY };
    return state;
  }

  /**
   * The kept state for an offline run, read only. Without an endpoint, the one LRS the cache
   * holds; no kept statements for the LRS asked for is an error, never an empty report.
   */
  async openOffline(endpoint: string | undefined): Promise<CacheState> {
    const known = await this.endpoints();
    const key = endpoint ? lrsKey(endpoint) : known.length === 1 ? known[0]! : undefined;
    if (!key || !known.includes(key)) throw new CacheMissingError(endpoint, known);
    const files = this.files({ endpoint: key });
    const saved = JSON.parse(await readFile(files.state, 'utf8')) as CacheState;
    const size = await stat(files.facts).then((s) => s.size, () => 0);
    if (size < saved.bytes) throw new CacheMissingError(endpoint, known);
    return { ...saved, endpoint: key };
  }

  /** Append a page of facts durably, then commit the new state. */
  async append(state: CacheState, facts: readonly StatementFact[], next: Omit<CacheState, 'bytes' | 'count' | 'endpoint'>): Promise<CacheState> {
    const files = this.files(state);
    const text = facts.map((f) => JSON.stringify(f)).join('\n') + (facts.length ? '\n' : '');
    if (text) {
      await appendFile(files.facts, text, 'utf8');
      const fh = await open(files.facts, 'r+');
      await fh.sync();
      await fh.close();
    }
    const updated: CacheState = {
      ...next,
      endpoint: state.endpoint,
      bytes: state.bytes + Buffer.byteLength(text),
      count: state.count + facts.length,
    };
    const tmp = `${files.state}.tmp`;
    await writeFile(tmp, JSON.stringify(updated));
    await rename(tmp, files.state);
    return updated;
  }

  /** Stream every cached fact, in pull order. */
  async *facts(state: CacheState): AsyncGenerator<StatementFact> {
    if (state.bytes === 0) return;
    const input = createReadStream(this.files(state).facts, { encoding: 'utf8', end: state.bytes - 1 });
    const lines = createInterface({ input, crlfDelay: Infinity });
    for await (const line of lines) if (line) yield JSON.parse(line) as StatementFact;
  }
}
