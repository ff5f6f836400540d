/**
 * A deterministic zip writer: entries sorted by path, one fixed timestamp, no extra fields,
 * so the same files always give the same bytes (packages can be compared and cached by hash).
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  /** Path inside the archive, '/' separated, no leading slash. */
  readonly path: string;
  readonly data: string | Uint8Array;
}

// 1980-01-01 00:00:00, the earliest DOS date: a fixed value so builds do not differ by clock.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
// Bit 11: file names are UTF-8 (Vietnamese asset names survive every unzip tool).
const FLAG_UTF8 = 0x0800;

function bytesOf(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? new TextEncoder().encode(data) : data;
}

function checkPath(p: string): void {
  if (p === '' || p.startsWith('/') || p.includes('\\') || p.split('/').some((s) => s === '..' || s === '' || s === '.')) {
    throw new Error(`invalid zip entry path: ${JSON.stringify(p)}`);
  }
}

/** Builds the archive in memory. Throws on a duplicate or unsafe path (a programming error). */
export function writeZip(entries: readonly ZipEntry[]): Uint8Array {
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  let previous: string | undefined;
  for (const entry of sorted) {
    checkPath(entry.path);
    if (entry.path === previous) throw new Error(`duplicate zip entry: ${entry.path}`);
    previous = entry.path;
    const name = new TextEncoder().encode(entry.path);
    const raw = bytesOf(entry.data);
    const crc = crc32(raw) >>> 0;
    const deflated = deflateRawSync(raw, { level: 9 });
    // Store when deflate does not help (images, already-compressed files).
    const stored = deflated.length >= raw.length;
    const body = stored ? raw : deflated;
    const method = stored ? 0 : 8;

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(FLAG_UTF8, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);

    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(0x0314, 4); // made by: Unix, spec 2.0
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(FLAG_UTF8, 8);
    dir.writeUInt16LE(method, 10);
    dir.writeUInt16LE(DOS_TIME, 12);
    dir.writeUInt16LE(DOS_DATE, 14);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(body.length, 20);
    dir.writeUInt32LE(raw.length, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt16LE(0, 30);
    dir.writeUInt16LE(0, 32);
    dir.writeUInt16LE(0, 34);
    dir.writeUInt16LE(0, 36);
    dir.writeUInt32LE((0o100644 << 16) >>> 0, 38); // regular file, rw-r--r--
    dir.writeUInt32LE(offset, 42);

    chunks.push(local, name, body);
    central.push(dir, name);
    offset += local.length + name.length + body.length;
    if (offset > 0xffffffff) throw new Error('package larger than 4 GB: zip64 is not supported');
  }
  const centralSize = central.reduce((n, c) => n + c.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0, 4);
  end.writeUInt16LE(0, 6);
  end.writeUInt16LE(sorted.length, 8);
  end.writeUInt16LE(sorted.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(0, 20);
  if (sorted.length > 0xffff) throw new Error('more than 65,535 files: zip64 is not supported');
  return Buffer.concat([...chunks, ...central, end]);
}
