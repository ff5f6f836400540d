/**
 * Reads a request body into memory, refusing (413) as soon as it passes the cap. A client that
 * goes away before its body is complete is a ClientAbort, not a server fault.
 */
import { Buffer } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import { HttpError } from './errors.js';

export class ClientAbort extends Error {
  constructor(readonly received: number) {
    super(`the client closed the connection after ${received} bytes of the body`);
    this.name = 'ClientAbort';
  }
}

export function readBody(req: IncomingMessage, cap: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > cap) {
    return Promise.reject(new HttpError(413, `request body is larger than the limit of ${cap} bytes`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (e?: Error): void => {
      if (settled) return;
      settled = true;
      if (e) reject(e);
      else resolve(Buffer.concat(chunks, size));
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > cap) {
        settle(new HttpError(413, `request body is larger than the limit of ${cap} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => settle());
    // node:http reports a client that disconnects mid-body as an error "aborted" (ECONNRESET),
    // or only as a close before the end.
    req.on('error', () => settle(new ClientAbort(size)));
    req.on('close', () => {
      if (!req.complete) settle(new ClientAbort(size));
    });
  });
}
