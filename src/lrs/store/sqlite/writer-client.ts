/**
 * The SQLite writer on a thread of its own (writer-thread.ts), seen from the HTTP thread. The
 * thread starts with the first write, so a store that is only read never starts one; if it dies,
 * its pending writes fail and the next write starts a new one.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AttachmentContent } from '../../protocol/index.js';
import type { DocumentKey, DocumentScope, StoredDocument } from '../../protocol/index.js';
import type { CredentialRecord, ErasureOutcome, ErasurePlan, LaunchTokenRecord, RetentionOutcome, StatementRow } from '../store.js';
import { oldestStored, type SqliteWriter, type SqliteWrites } from './writer.js';

export interface WriterRequest {
  readonly id: number;
  readonly method: keyof SqliteWrites | 'ready' | 'close';
  readonly args: readonly unknown[];
}

export interface WriterReply {
  readonly id: number;
  readonly value?: unknown;
  /** The error's message; the writer's errors carry nothing else a caller uses. */
  readonly error?: string;
}

interface Waiting {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  /** The rows of an insertStatements call, for Consistent-Through. */
  readonly rows?: readonly StatementRow[];
}

/**
 * From the sources (run through tsx) the thread loads writer-thread.ts with tsx registered; from
 * the CLI bundle it loads the bundle's sqlite-writer.mjs, built next to the chunks.
 */
function startWorker(file: string): Worker {
  const here = import.meta.url;
  const workerData = { file };
  if (here.endsWith('.ts')) {
    const entry = new URL('./writer-thread.ts', here).href;
    const code = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
    return new Worker(code, { eval: true, workerData });
  }
  for (const name of ['./sqlite-writer.mjs', './chunks/sqlite-writer.mjs']) {
    const entry = new URL(name, here);
    if (existsSync(fileURLToPath(entry))) return new Worker(entry, { workerData });
  }
  throw new Error(`sqlite-writer.mjs is missing beside ${fileURLToPath(here)}; rebuild with npm run build`);
}

export class WriterThread implements SqliteWriter {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly waiting = new Map<number, Waiting>();

  constructor(private readonly file: string) {}

  insertStatements(rows: readonly StatementRow[], attachments: readonly AttachmentContent[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    // The statement objects stay on this thread: the writer stores the body, and cloning them
    // to the writer thread would double what crosses.
    const sent = rows.map(({ statement: _statement, ...row }) => row);
    return this.call('insertStatements', [sent, attachments], rows) as Promise<void>;
  }
  putDocument(doc: StoredDocument): Promise<void> {
    return this.call('putDocument', [doc]) as Promise<void>;
  }
  deleteDocument(key: DocumentKey): Promise<void> {
    return this.call('deleteDocument', [key]) as Promise<void>;
  }
  deleteDocuments(scope: DocumentScope): Promise<void> {
    return this.call('deleteDocuments', [scope]) as Promise<void>;
  }
  putCredential(c: CredentialRecord): Promise<void> {
    return this.call('putCredential', [c]) as Promise<void>;
  }
  revokeCredential(key: string, at: string): Promise<boolean> {
    return this.call('revokeCredential', [key, at]) as Promise<boolean>;
  }
  putLaunchToken(t: LaunchTokenRecord): Promise<void> {
    return this.call('putLaunchToken', [t]) as Promise<void>;
  }
  claimLaunchToken(token: string, now: string): Promise<LaunchTokenRecord | undefined> {
    return this.call('claimLaunchToken', [token, now]) as Promise<LaunchTokenRecord | undefined>;
  }
  setLaunchTokenData(token: string, data: string): Promise<void> {
    return this.call('setLaunchTokenData', [token, data]) as Promise<void>;
  }

  erase(plan: ErasurePlan): Promise<ErasureOutcome> {
    return this.call('erase', [plan]) as Promise<ErasureOutcome>;
  }
  dropMonthsBefore(cutoff: string): Promise<RetentionOutcome> {
    return this.call('dropMonthsBefore', [cutoff]) as Promise<RetentionOutcome>;
  }

  async ready(): Promise<void> {
    await this.call('ready', []);
  }

  oldestPendingStored(): string | undefined {
    return oldestStored([...this.waiting.values()].filter((w): w is Waiting & { rows: readonly StatementRow[] } => w.rows !== undefined));
  }

  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    await this.call('close', []).catch(() => undefined);
    // Held until the thread has exited, or the process could end first (the CLI's key commands).
    worker.ref();
    await exited;
  }

  private call(method: WriterRequest['method'], args: readonly unknown[], rows?: readonly StatementRow[]): Promise<unknown> {
    const worker = this.worker ?? this.start();
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      // A waiting caller keeps the process alive (a CLI command awaiting its write); an idle
      // writer does not.
      if (this.waiting.size === 0) worker.ref();
      this.waiting.set(id, { resolve, reject, ...(rows ? { rows } : {}) });
      worker.postMessage({ id, method, args } satisfies WriterRequest);
    });
  }

  private start(): Worker {
    const worker = startWorker(this.file);
    worker.on('message', (reply: WriterReply) => {
      const w = this.waiting.get(reply.id);
      if (!w) return;
      this.waiting.delete(reply.id);
      if (this.waiting.size === 0) worker.unref();
      if (reply.error !== undefined) w.reject(new Error(reply.error));
      else w.resolve(reply.value);
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const w of this.waiting.values()) w.reject(error);
      this.waiting.clear();
    };
    worker.on('error', (e) => fail(e));
    worker.on('exit', (code) => fail(new Error(`the SQLite writer thread stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }
}
