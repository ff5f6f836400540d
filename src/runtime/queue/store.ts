/**
 * Where queued statements wait: IndexedDB in the browser, localStorage when IndexedDB is
 * missing or refuses (private windows, some LMS iframes), memory as the last resort.
 */
import type { Statement } from '../../core/index.js';

export interface QueuedStatement {
  readonly id: string;
  /** Order of creation across sessions. */
  readonly seq: number;
  /** The LRS the statement belongs to; a relaunch against another LRS leaves it alone. */
  readonly endpoint: string;
  readonly statement: Statement;
  /**
   * The Authorization header of the session that made it. A cmi5 token is bound to its session,
   * so a statement left by an ended session is sent with that session's token, never with a
   * newer one. Kept only while the statement waits; dropped once it is delivered or set aside.
   */
  readonly auth?: string;
  /**
   * Set aside: the LRS refused this statement (status in `refusedWith`, 0 when no credentials of
   * its session were left). Kept for support and shown to the trainee, never resent.
   */
  readonly rejected?: boolean;
  readonly refusedWith?: number;
  /** Epoch ms when it was set aside. */
  readonly refusedAt?: number;
}

export interface QueueStore {
  readonly kind: 'indexeddb' | 'localstorage' | 'memory';
  all(): Promise<QueuedStatement[]>;
  put(item: QueuedStatement): Promise<void>;
  remove(ids: readonly string[]): Promise<void>;
}

const DB_NAME = 'boiduong-xapi-queue';
const STORE = 'statements';
const LS_KEY = 'boiduong.xapi.queue';

function bySeq(a: QueuedStatement, b: QueuedStatement): number {
  return a.seq - b.seq;
}

export function memoryStore(): QueueStore {
  const items = new Map<string, QueuedStatement>();
  return {
    kind: 'memory',
    all: () => Promise.resolve([...items.values()].sort(bySeq)),
    put: (item) => {
      items.set(item.id, item);
      return Promise.resolve();
    },
    remove: (ids) => {
      for (const id of ids) items.delete(id);
      return Promise.resolve();
    },
  };
}

export function localStorageStore(ls: Storage, key = LS_KEY): QueueStore {
  const read = (): QueuedStatement[] => {
    try {
      const parsed: unknown = JSON.parse(ls.getItem(key) ?? '[]');
      return Array.isArray(parsed) ? (parsed as QueuedStatement[]) : [];
    } catch {
      return [];
    }
  };
  const write = (items: QueuedStatement[]): void => ls.setItem(key, JSON.stringify(items));
  return {
    kind: 'localstorage',
    all: () => Promise.resolve(read().sort(bySeq)),
    put: (item) => {
      write([...read().filter((x) => x.id !== item.id), item]);
      return Promise.resolve();
    },
    remove: (ids) => {
      const gone = new Set(ids);
      write(read().filter((x) => !gone.has(x.id)));
      return Promise.resolve();
    },
  };
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

export async function indexedDbStore(idb: IDBFactory, name = DB_NAME): Promise<QueueStore> {
  const open = idb.open(name, 1);
  open.onupgradeneeded = () => {
    open.result.createObjectStore(STORE, { keyPath: 'id' });
  };
  const db = await request(open);
  return {
    kind: 'indexeddb',
    all: async () => (await request(db.transaction(STORE, 'readonly').objectStore(STORE).getAll() as IDBRequest<QueuedStatement[]>)).sort(bySeq),
    put: (item) => {
      const tx = db.transaction(STORE, 'readwrite');
      tx.objectStore(STORE).put(item);
      return done(tx);
    },
    remove: (ids) => {
      const tx = db.transaction(STORE, 'readwrite');
      const s = tx.objectStore(STORE);
      for (const id of ids) s.delete(id);
      return done(tx);
    },
  };
}

/** The best store this browser offers. */
export async function openQueueStore(scope: { indexedDB?: IDBFactory; localStorage?: Storage } = globalThis): Promise<QueueStore> {
  try {
    if (scope.indexedDB) return await indexedDbStore(scope.indexedDB);
  } catch {
    // Blocked (private mode, sandboxed iframe): fall through.
  }
  try {
    const ls = scope.localStorage;
    if (ls) {
      ls.setItem(`${LS_KEY}.probe`, '1');
      ls.removeItem(`${LS_KEY}.probe`);
      return localStorageStore(ls);
    }
  } catch {
    // Storage disabled.
  }
  return memoryStore();
}
