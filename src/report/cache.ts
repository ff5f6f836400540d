/**
 * A local, append-only copy of the facts pulled from an LRS, so a re-run fetches only new
 * statements. Facts go to facts.jsonl; state.json records the watermark and the file length
 * that goes with it, so a pull cut off between the two writes is rolled back, never doubled.
 */
import { createReadStream } from 'node:fs';
import { appendFile, mkdir, open, readFile, rename, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { StatementFact } from './model.js';

export interface CacheState {
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

export class FactCache {
  readonly factsFile: string;
  private readonly stateFile: string;

  constructor(readonly dir: string) {
    this.factsFile = join(dir, 'facts.jsonl');
    this.stateFile = join(dir, 'state.json');
  }

  async open(endpoint: string): Promise<CacheState> {
    await mkdir(this.dir, { recursive: true });
    let state: CacheState = { endpoint, watermark: null, edgeIds: [], bytes: 0, count: 0, voided: [] };
    try {
      const saved = JSON.parse(await readFile(this.stateFile, 'utf8')) as CacheState;
      if (saved.endpoint === endpoint) state = saved;
    } catch {
      // No state yet: a first pull.
    }
    const size = await stat(this.factsFile).then((s) => s.size, () => 0);
    if (size > state.bytes) await truncate(this.factsFile, state.bytes);
    if (size === 0 && state.bytes > 0) state = { ...state, watermark: null, edgeIds: [], bytes: 0, count: 0, voided: [] };
    return state;
  }

  /** Append a page of facts durably, then commit the new state. */
  async append(state: CacheState, facts: readonly StatementFact[], next: Omit<CacheState, 'bytes' | 'count' | 'endpoint'>): Promise<CacheState> {
    const text = facts.map((f) => JSON.stringify(f)).join('\n') + (facts.length ? '\n' : '');
    if (text) {
      await appendFile(this.factsFile, text, 'utf8');
      const fh = await open(this.factsFile, 'r+');
      await fh.sync();
      await fh.close();
    }
    const updated: CacheState = {
      ...next,
      endpoint: state.endpoint,
      bytes: state.bytes + Buffer.byteLength(text),
      count: state.count + facts.length,
    };
    const tmp = `${this.stateFile}.tmp`;
    await writeFile(tmp, JSON.stringify(updated));
    await rename(tmp, this.stateFile);
    return updated;
  }

  /** Stream every cached fact, in pull order. */
  async *facts(state: CacheState): AsyncGenerator<StatementFact> {
    if (state.bytes === 0) return;
    const lines = createInterface({ input: createReadStream(this.factsFile, { encoding: 'utf8', end: state.bytes - 1 }), crlfDelay: Infinity });
    for await (const line of lines) if (line) yield JSON.parse(line) as StatementFact;
  }
}
