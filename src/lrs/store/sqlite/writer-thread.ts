/**
 * Entry of the SQLite writer thread (writer-client.ts starts it): opens its own connection to the
 * store's file and runs a LocalWriter for the client's messages. Writes arriving while a commit
 * runs wait in the port and form the next group, so a busy LRS commits in large groups.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from './connection.js';
import { LocalWriter, WRITE_METHODS } from './writer.js';
import type { WriterReply, WriterRequest } from './writer-client.js';

const port = parentPort;
if (!port) throw new Error('writer-thread.ts runs only as a worker thread');
const db = openDatabase((workerData as { file: string }).file);
const writer = new LocalWriter(db);
const methods = new Set<string>(WRITE_METHODS);

port.on('message', (m: WriterRequest) => {
  if (m.method === 'close') {
    void writer.close().then(() => {
      db.close();
      port.postMessage({ id: m.id, value: undefined } satisfies WriterReply);
      port.close();
    });
    return;
  }
  if (m.method === 'ready') {
    port.postMessage({ id: m.id, value: undefined } satisfies WriterReply);
    return;
  }
  if (!methods.has(m.method)) {
    port.postMessage({ id: m.id, error: `unknown writer method ${m.method}` } satisfies WriterReply);
    return;
  }
  const call = (writer[m.method] as (...args: unknown[]) => Promise<unknown>).apply(writer, [...m.args]);
  call.then(
    (value) => port.postMessage({ id: m.id, value } satisfies WriterReply),
    (e: unknown) => port.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) } satisfies WriterReply),
  );
});
