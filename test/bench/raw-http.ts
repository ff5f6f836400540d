/**
 * A lean HTTP/1.1 client for the ingest runs: one keep-alive socket per simulated client,
 * requests written as one buffer, answers read by their Content-Length (or chunks). On a machine
 * of two cores the benchmark's own clients share the cores with the server they measure, and
 * node:http's client spent 0.35 ms of CPU per request there, a fifth of what a durable single
 * POST costs our server and PostgreSQL together; browsers spend theirs on their own machines.
 */
import { connect, type Socket } from 'node:net';

export interface RawReply {
  readonly status: number;
  readonly body: string;
}

const HEADER_END = Buffer.from('\r\n\r\n');

/** What the answer's head says about the body that follows it. */
interface Head {
  readonly status: number;
  readonly length: number | 'chunked' | 'close';
  readonly close: boolean;
}

function parseHead(text: string): Head {
  const lines = text.split('\r\n');
  const status = Number(lines[0]!.split(' ')[1]);
  let length: Head['length'] = 'close';
  let close = false;
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-length') length = Number(value);
    else if (name === 'transfer-encoding' && value.toLowerCase().includes('chunked')) length = 'chunked';
    else if (name === 'connection' && value.toLowerCase() === 'close') close = true;
  }
  // Answers that carry no body whatever their headers say.
  if (status === 204 || status === 304 || (status >= 100 && status < 200)) length = 0;
  return { status, length, close: close || length === 'close' };
}

/** A chunked body's data, or undefined while its last chunk has not arrived. */
function dechunk(data: Buffer): Buffer | undefined {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = data.indexOf('\r\n', at);
    if (eol < 0) return undefined;
    const size = parseInt(data.subarray(at, eol).toString('latin1'), 16);
    if (Number.isNaN(size)) throw new Error('malformed chunk size');
    if (size === 0) {
      // The last chunk, then either the blank line or trailers ending in one.
      const rest = data.subarray(eol + 2);
      const ended = (rest.length >= 2 && rest[0] === 13 && rest[1] === 10) || rest.indexOf(HEADER_END) >= 0;
      return ended ? Buffer.concat(parts) : undefined;
    }
    if (data.length < eol + 2 + size + 2) return undefined;
    parts.push(data.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
}

/** One keep-alive connection that sends a request and waits for its answer, one at a time. */
export class RawConnection {
  private socket: Socket | undefined;
  private buffered: Buffer = Buffer.alloc(0);
  private waiting: { resolve: (r: RawReply) => void; reject: (e: Error) => void } | undefined;
  private head: Head | undefined;
  private bodyStart = 0;

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  /** Sends a request (head and body as written by `requestBytes`) and resolves with its answer. */
  send(request: Buffer): Promise<RawReply> {
    if (this.waiting) return Promise.reject(new Error('a request is already in flight on this connection'));
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.open().write(request);
    });
  }

  close(): void {
    const w = this.waiting;
    this.waiting = undefined;
    this.reset();
    this.socket?.destroy();
    this.socket = undefined;
    w?.reject(new Error('connection closed by the client'));
  }

  private open(): Socket {
    if (this.socket) return this.socket;
    const socket = connect({ host: this.host, port: this.port, noDelay: true });
    socket.on('data', (chunk: Buffer) => this.received(chunk));
    const lost = (e?: Error): void => {
      // A socket closed earlier (by the answer's Connection: close) has no request of its own.
      if (this.socket !== socket) return;
      this.socket = undefined;
      const w = this.waiting, head = this.head, data = this.buffered.subarray(this.bodyStart);
      this.waiting = undefined;
      this.reset();
      // A body without a length ends with its connection.
      if (!e && head?.length === 'close') w?.resolve({ status: head.status, body: data.toString('utf8') });
      else w?.reject(e ?? new Error('connection closed before the answer'));
    };
    socket.on('error', lost);
    socket.on('close', () => lost());
    this.socket = socket;
    return socket;
  }

  private reset(): void {
    this.buffered = Buffer.alloc(0);
    this.head = undefined;
    this.bodyStart = 0;
  }

  private received(chunk: Buffer): void {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    if (!this.head) {
      const end = this.buffered.indexOf(HEADER_END);
      if (end < 0) return;
      this.head = parseHead(this.buffered.subarray(0, end).toString('latin1'));
      this.bodyStart = end + HEADER_END.length;
    }
    const data = this.buffered.subarray(this.bodyStart);
    let body: Buffer | undefined;
    const { length } = this.head;
    if (length === 'chunked') body = dechunk(data);
    else if (length === 'close') return; // the body ends with the connection (lost, above)
    else if (data.length >= length) body = data.subarray(0, length);
    if (body === undefined) return;
    const w = this.waiting, head = this.head;
    this.waiting = undefined;
    this.reset();
    if (head.close) this.close();
    w?.resolve({ status: head.status, body: body.toString('utf8') });
  }
}

/** The bytes of one request: its head, with Host and Content-Length, and its body. */
export function requestBytes(method: string, url: URL, headers: Readonly<Record<string, string>>, body?: string): Buffer {
  const payload = body === undefined ? undefined : Buffer.from(body, 'utf8');
  const lines = [`${method} ${url.pathname}${url.search} HTTP/1.1`, `Host: ${url.host}`, 'Connection: keep-alive'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  if (payload) lines.push(`Content-Length: ${payload.length}`);
  const head = Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'latin1');
  return payload ? Buffer.concat([head, payload]) : head;
}
