/** Reads a request body into memory, refusing (413) as soon as it passes the cap. */
import { Buffer } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import { HttpError } from './errors.js';

export function readBody(req: IncomingMessage, cap: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > cap) {
    req.resume();
    return Promise.reject(new HttpError(413, `request body is larger than the limit of ${cap} bytes`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > cap) {
        failed = true;
        reject(new HttpError(413, `request body is larger than the limit of ${cap} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks, size));
    });
    req.on('error', (e) => {
      if (!failed) reject(e);
    });
  });
}
