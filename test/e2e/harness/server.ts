/** A static file server on 127.0.0.1 (random port) for browser tests: folders under URL prefixes plus fixed pages. */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.pdf': 'application/pdf',
  '.mp4': 'video/mp4',
};

export interface Mount {
  /** URL prefix, e.g. "/pkg/" (with both slashes). */
  readonly prefix: string;
  readonly dir: string;
}

export interface StaticServer {
  /** "http://127.0.0.1:PORT" (no trailing slash). */
  readonly origin: string;
  /** Every path requested, in order (to check that a package fetches nothing unexpected). */
  readonly requests: string[];
  /** Replace or add a fixed response, e.g. a host page. */
  page(urlPath: string, body: string, type?: string): void;
  close(): Promise<void>;
}

export async function serve(mounts: readonly Mount[], pages: Record<string, string> = {}): Promise<StaticServer> {
  const fixed = new Map<string, { body: string; type: string }>(
    Object.entries(pages).map(([p, body]) => [p, { body, type: TYPES[path.extname(p)] ?? 'text/html; charset=utf-8' }]),
  );
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const pathname = decodeURIComponent(url.pathname);
    requests.push(pathname);
    const page = fixed.get(pathname);
    if (page) {
      res.writeHead(200, { 'content-type': page.type, 'cache-control': 'no-store' });
      res.end(page.body);
      return;
    }
    const mount = mounts.find((m) => pathname.startsWith(m.prefix));
    if (!mount) {
      res.writeHead(404).end();
      return;
    }
    const root = path.resolve(mount.dir);
    let file = path.resolve(root, `.${pathname.slice(mount.prefix.length - 1)}`);
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    void (async () => {
      try {
        if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
        const data = await readFile(file);
        res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
        res.end(data);
      } catch {
        res.writeHead(404).end();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    page(urlPath, body, type) {
      fixed.set(urlPath, { body, type: type ?? TYPES[path.extname(urlPath)] ?? 'text/html; charset=utf-8' });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
