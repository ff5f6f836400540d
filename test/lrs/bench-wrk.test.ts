/**
 * The benchmark's wrk load (test/bench/lrs-wrk.ts): what wrk printed is read right (a misread
 * summary would print a rate no server reached), each statement goes with an id of its own, and
 * answers that are not 2xx count as failures, not statements. Needs wrk (CI installs it).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { hasWrk, ingestWithWrk, parseWrk } from '../bench/lrs-wrk.js';

describe('reading what wrk printed', () => {
  it('takes the completed requests, their time in any unit, and the failures', () => {
    const out = `Running 8s test @ http://127.0.0.1:18600
  1 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    13.36ms    4.12ms  45.02ms   78.12%
  2698 requests in 8.01s, 1.45MB read
  Socket errors: connect 0, read 2, write 1, timeout 3
  Non-2xx or 3xx responses: 17
Requests/sec:    336.82
Transfer/sec:    185.06KB
`;
    expect(parseWrk(out)).toEqual({ requests: 2698, seconds: 8.01, notOk: 17, socketErrors: 6 });
    expect(parseWrk('  120 requests in 2.00m, 1KB read\n').seconds).toBe(120);
    const short = parseWrk('  5 requests in 950.00ms, 1KB read\n');
    expect(short).toMatchObject({ requests: 5, notOk: 0, socketErrors: 0 });
    expect(short.seconds).toBeCloseTo(0.95, 9);
    expect(() => parseWrk('unable to connect to 127.0.0.1:1 Connection refused\n')).toThrow(/no summary/);
  });
});

describe.skipIf(!hasWrk())('the wrk load against a real server', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    server = undefined;
  });

  it.each([1, 5])('sends batches of %i, each statement with an id of its own, and counts refusals as failures', async (batch) => {
    const ids: string[] = [];
    let requests = 0, refused = 0, accepted = 0, authorized = 0;
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        requests++;
        if (req.headers.authorization === 'Basic dGVzdDp0ZXN0' && req.headers['x-experience-api-version'] === '1.0.3') authorized++;
        const parsed = JSON.parse(body) as unknown;
        const list = (Array.isArray(parsed) ? parsed : [parsed]) as { id: string; verb: unknown }[];
        expect(Array.isArray(parsed)).toBe(batch > 1);
        for (const s of list) ids.push(s.id);
        // Every seventh request refused, as an LRS refuses a statement it finds wrong.
        if (requests % 7 === 0) {
          refused++;
          res.writeHead(400, { 'content-type': 'text/plain' }).end('no');
          return;
        }
        accepted += list.length;
        const out = JSON.stringify(list.map((s) => s.id));
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) }).end(out);
      });
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const clients = 4;
    const r = await ingestWithWrk({ base: `http://127.0.0.1:${port}/xapi`, authorization: 'Basic dGVzdDp0ZXN0' }, 1, batch, clients);

    expect(requests).toBeGreaterThan(50);
    expect(authorized).toBe(requests);
    // wrk counts what was answered before its time ran out: the server may have answered a few
    // more, one per connection at most.
    expect(r.statements).toBeLessThanOrEqual(accepted);
    expect(r.statements).toBeGreaterThanOrEqual(accepted - clients * batch);
    expect(r.statements % batch).toBe(0);
    expect(r.failures).toBeLessThanOrEqual(refused);
    expect(r.failures).toBeGreaterThanOrEqual(refused - clients);
    expect(r.perSecond).toBeCloseTo(r.statements / r.seconds, 6);
    expect(r.seconds).toBeGreaterThan(0.9);
    expect(r.clientCpuSeconds).toBeGreaterThanOrEqual(0);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-0000-4000-8000-[0-9a-f]{12}$/);
  });
});
