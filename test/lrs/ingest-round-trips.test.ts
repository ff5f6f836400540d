/**
 * What a write costs on PostgreSQL, seen from the wire: every round trip to the database costs
 * both processes a wake-up and system calls, on a small machine as much CPU as the statement's
 * own work. The LRS talks to PostgreSQL through a relay here that counts the requests it sends
 * (a simple Query or an extended-protocol Sync each wait for an answer). And a write waiting on
 * a row lock must not hold up the other clients' writes.
 */
import { randomUUID } from 'node:crypto';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropSchema } from '../../src/lrs/store/postgres/index.js';
import { PG_URL, freshSchemaName, holdActivityLock, untilWriterWaitsOnLock } from './contract/postgres-fixture.js';
import { statement as fixtureStatement, testLrs, type TestLrs } from './http-fixture.js';

/** As the player sends them: with an id and a timestamp. */
const statement = (over: Record<string, unknown> = {}) => fixtureStatement({ id: randomUUID(), timestamp: new Date().toISOString(), ...over });

/** Counts the frontend messages that each end in a round trip: Query ('Q') and Sync ('S'). */
class CountingRelay {
  roundTrips = 0;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly target: URL) {
    this.server = createServer((client) => this.relay(client));
  }

  async listen(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('the relay has no port');
    const url = new URL(this.target.href);
    url.port = String(address.port);
    return url.href;
  }

  private relay(client: Socket): void {
    const db = createConnection(Number(this.target.port || 5432), this.target.hostname);
    this.sockets.add(client).add(db);
    let pending = Buffer.alloc(0);
    let startup = true;
    client.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      // The startup message has no type byte; every later one is a type byte and a length.
      for (;;) {
        const head = startup ? 0 : 1;
        if (pending.length < head + 4) break;
        const size = head + pending.readInt32BE(head);
        if (pending.length < size) break;
        const type = startup ? '' : String.fromCharCode(pending[0]!);
        if (type === 'Q' || type === 'S') this.roundTrips++;
        pending = pending.subarray(size);
        startup = false;
      }
      db.write(chunk);
    });
    db.on('data', (chunk: Buffer) => client.write(chunk));
    const end = (): void => {
      client.destroy();
      db.destroy();
    };
    client.on('close', end).on('error', end);
    db.on('close', end).on('error', end);
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((r) => this.server.close(r));
  }
}

const schema = freshSchemaName();

let relay: CountingRelay;
let lrs: TestLrs;

beforeAll(async () => {
  relay = new CountingRelay(new URL(PG_URL));
  lrs = await testLrs({ store: 'postgres', pg: await relay.listen(), pgSchema: schema });
});

afterAll(async () => {
  await lrs.close();
  await relay.close();
  await dropSchema(PG_URL, schema);
});

describe('PostgreSQL ingest', () => {
  it('stores a statement POSTed alone in one round trip to the database', async () => {
    // The first requests open connections, check the key and create the month's partitions.
    for (let i = 0; i < 3; i++) expect((await lrs.call('POST', '/statements', { body: statement() })).status).toBe(200);
    const before = relay.roundTrips;
    const posts = 20;
    for (let i = 0; i < posts; i++) expect((await lrs.call('POST', '/statements', { body: statement() })).status).toBe(200);
    // At most one more: the key is rechecked against the store every few seconds.
    expect(relay.roundTrips - before).toBeLessThanOrEqual(posts + 1);
  });

  it('still accepts an identical resend and refuses a different statement under a stored id', async () => {
    const s = statement();
    expect((await lrs.call('POST', '/statements', { body: s })).status).toBe(200);
    expect((await lrs.call('POST', '/statements', { body: [statement(), s] })).status).toBe(200);
    expect((await lrs.call('POST', '/statements', { body: { ...s, verb: { id: 'http://adlnet.gov/expapi/verbs/failed' } } })).status).toBe(409);
    const got = await lrs.call('GET', `/statements?statementId=${String(s['id'])}`);
    expect(got.status).toBe(200);
  });

  it("acknowledges a client's statement while another client's write waits on a row lock", async () => {
    const locked = 'https://boiduong.example/activity/locked-by-test';
    const definition = { name: { vi: 'Bài học' } };
    const withDefinition = (name: string) => statement({ object: { objectType: 'Activity', id: locked, definition: { ...definition, description: { vi: name } } } });
    expect((await lrs.call('POST', '/statements', { body: withDefinition('first') })).status).toBe(200);
    const locker = await holdActivityLock(schema, locked);
    try {
      // This write changes the definition: its transaction waits for the test's lock.
      const waiting = lrs.call('POST', '/statements', { body: withDefinition('changed') });
      await untilWriterWaitsOnLock(locker, schema, 10_000);
      const started = Date.now();
      const other = await lrs.call('POST', '/statements', { body: statement() });
      expect(other.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(2_000);
      await locker.query('COMMIT');
      expect((await waiting).status).toBe(200);
    } finally {
      await locker.end();
    }
  });
});
