/**
 * Reads a zip (stored or deflated entries) by its central directory: enough to unpack our packages
 * in tests without an unzip tool, and an independent check of the writer's offsets and CRCs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';

export interface ZipFile {
  readonly path: string;
  readonly data: Buffer;
  readonly method: number;
  readonly dosTime: number;
  readonly dosDate: number;
}

export function readZip(bytes: Uint8Array): ZipFile[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const endAt = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (endAt < 0) throw new Error('no end of central directory');
  const count = buf.readUInt16LE(endAt + 10);
  let at = buf.readUInt32LE(endAt + 16);
  const files: ZipFile[] = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central header at ${at}`);
    const method = buf.readUInt16LE(at + 10);
    const dosTime = buf.readUInt16LE(at + 12);
    const dosDate = buf.readUInt16LE(at + 14);
    const crc = buf.readUInt32LE(at + 16);
    const size = buf.readUInt32LE(at + 20);
    const rawSize = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    if (buf.readUInt32LE(local) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const body = buf.subarray(dataAt, dataAt + size);
    const data = method === 0 ? Buffer.from(body) : inflateRawSync(body);
    if (data.length !== rawSize) throw new Error(`size mismatch for ${name}`);
    if (crc32(data) >>> 0 !== crc) throw new Error(`CRC mismatch for ${name}`);
    files.push({ path: name, data, method, dosTime, dosDate });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

export function extractZip(bytes: Uint8Array, dir: string): string[] {
  const files = readZip(bytes);
  for (const f of files) {
    const target = path.resolve(dir, f.path);
    if (!target.startsWith(path.resolve(dir) + path.sep)) throw new Error(`unsafe path ${f.path}`);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, f.data);
  }
  return files.map((f) => f.path);
}
