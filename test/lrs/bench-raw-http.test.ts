/**
 * The benchmarks' lean HTTP client (test/bench/raw-http.ts) reads answers the way servers send
 * them: by Content-Length on one kept-alive socket, in chunks, until the connection closes, and
 * it opens a new connection when the server closed the last one. A misread answer would count a
 * failure as a success, or wait forever, in every ingest figure.
 */
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RawConnection, requestBytes } from '../bench/raw-http.js';

const servers: (Server | TcpServer)[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function listen<T extends Server | TcpServer>(server: T): Promise<{ server: T; port: number }> {
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.address() as AddressInfo).port };
}

const url = (port: number, path: string) => new URL(`http://127.0.0.1:${port}${path}`);

describe('the benchmarks’ lean HTTP client', () => {
  it('reads answers by Content-Length and by chunks, several on one kept-alive socket', async () => {
    const sockets = new Set<Socket>();
    const bodies: string[] = [];
    const { server, port } = await listen(
      createServer((req, res) => {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString('utf8')));
        req.on('end', () => {
          bodies.push(body);
          if (req.url === '/chunked') {
            res.writeHead(200, { 'content-type': 'application/json' });
            res.write('["đồng ');
            res.write('chí"');
            res.end(']');
          } else {
            res.writeHead(req.url === '/bad' ? 400 : 200, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ echoed: body }));
          }
        });
      }),
    );
    server.on('connection', (s: Socket) => sockets.add(s));
    const c = new RawConnection('127.0.0.1', port);
    try {
      const first = await c.send(requestBytes('POST', url(port, '/statements'), { 'content-type': 'application/json' }, '{"vi":"học viên"}'));
      expect(first).toEqual({ status: 200, body: JSON.stringify({ echoed: '{"vi":"học viên"}' }) });
      const chunked = await c.send(requestBytes('GET', url(port, '/chunked'), {}));
      expect(chunked).toEqual({ status: 200, body: '["đồng chí"]' });
      const refused = await c.send(requestBytes('POST', url(port, '/bad'), {}, 'x'.repeat(70_000)));
      expect(refused.status).toBe(400);
      expect(JSON.parse(refused.body)).toEqual({ echoed: 'x'.repeat(70_000) });
      expect(bodies).toEqual(['{"vi":"học viên"}', '', 'x'.repeat(70_000)]);
      expect(sockets.size).toBe(1);
    } finally {
      c.close();
    }
  });

  it('opens a new connection after a server that closed the last one, and reads a body that ends with its connection', async () => {
    let connections = 0;
    const { port } = await listen(
      createTcpServer((socket) => {
        connections++;
        socket.once('data', () => {
          // The first connection answers with a length and closes; the next ones send a body
          // with no length, ended by closing the connection.
          if (connections === 1) socket.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok');
          else socket.end('HTTP/1.0 201 Created\r\nContent-Type: text/plain\r\n\r\nuntil the end');
        });
      }),
    );
    const c = new RawConnection('127.0.0.1', port);
    try {
      expect(await c.send(requestBytes('GET', url(port, '/a'), {}))).toEqual({ status: 200, body: 'ok' });
      expect(await c.send(requestBytes('GET', url(port, '/b'), {}))).toEqual({ status: 201, body: 'until the end' });
      expect(connections).toBe(2);
    } finally {
      c.close();
    }
  });

  it('fails a request whose connection drops before its answer is complete', async () => {
    const { port } = await listen(
      createTcpServer((socket) => {
        socket.once('data', () => {
          socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly part');
          socket.destroy();
        });
      }),
    );
    const c = new RawConnection('127.0.0.1', port);
    await expect(c.send(requestBytes('GET', url(port, '/'), {}))).rejects.toThrow(/closed before the answer/);
    c.close();
  });
});
