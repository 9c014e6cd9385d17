/**
 * One keep-alive HTTP/1.1 connection of the open-loop generator (./open-loop.ts): one request at a
 * time, its response framed by Content-Length or by its chunks. A connection that errs, closes or
 * answers out of turn fails its request and is not used again.
 */
import type { Socket } from 'node:net';

export class HeldConnection {
  readonly #socket: Socket;
  #received: Buffer | null = null;
  #pending: { resolve: (status: number) => void; reject: (err: Error) => void; since: number } | null = null;
  #open = true;

  constructor(socket: Socket) {
    this.#socket = socket;
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('error', (err) => this.close(err));
    socket.on('close', () => this.close(new Error('connection closed by the server')));
  }

  get isOpen(): boolean {
    return this.#open;
  }

  /** How long the request in flight has waited for its response, ms (0: none in flight). */
  busyForMs(): number {
    return this.#pending ? performance.now() - this.#pending.since : 0;
  }

  /** Sends one request (its full text) and resolves with the response's status once its body has arrived. */
  send(requestText: string): Promise<number> {
    if (!this.#open) return Promise.reject(new Error('connection is closed'));
    if (this.#pending) return Promise.reject(new Error('a request is already in flight on this connection'));
    return new Promise((resolve, reject) => {
      this.#pending = { resolve, reject, since: performance.now() };
      this.#socket.write(requestText);
    });
  }

  close(err: Error = new Error('connection closed')): void {
    if (!this.#open) return;
    this.#open = false;
    this.#socket.destroy();
    const pending = this.#pending;
    this.#pending = null;
    pending?.reject(err);
  }

  #onData(chunk: Buffer): void {
    const received = this.#received ? Buffer.concat([this.#received, chunk]) : chunk;
    let framed: ReturnType<typeof frameResponse>;
    try {
      framed = frameResponse(received);
    } catch (err) {
      return this.close(err as Error);
    }
    if (framed === null) {
      this.#received = received;
      return;
    }
    if (framed.length !== received.length || !this.#pending) return this.close(new Error('the server answered out of turn'));
    this.#received = null;
    const pending = this.#pending;
    this.#pending = null;
    pending.resolve(framed.status);
  }
}

const HEADER_END = Buffer.from('\r\n\r\n');
const LINE_END = Buffer.from('\r\n');

/**
 * The status and total length of the HTTP/1.1 response at the start of `bytes`, or null while it is
 * incomplete. Throws on a response it cannot frame (no Content-Length and not chunked).
 */
export function frameResponse(bytes: Buffer): { status: number; length: number } | null {
  const headerEnd = bytes.indexOf(HEADER_END);
  if (headerEnd === -1) return null;
  const head = bytes.toString('latin1', 0, headerEnd);
  const status = Number(head.slice(9, 12));
  if (!head.startsWith('HTTP/1.') || !Number.isInteger(status)) throw new Error(`not an HTTP/1.x response: ${head.slice(0, 40)}`);
  const bodyStart = headerEnd + HEADER_END.length;
  if (status < 200 || status === 204 || status === 304) return { status, length: bodyStart };
  const contentLength = /\r\ncontent-length:[ \t]*(\d+)/i.exec(head);
  if (contentLength) {
    const length = bodyStart + Number(contentLength[1]);
    return bytes.length >= length ? { status, length } : null;
  }
  if (!/\r\ntransfer-encoding:[ \t]*chunked/i.test(head)) throw new Error('response has neither Content-Length nor chunked encoding');
  for (let at = bodyStart; ;) {
    const sizeEnd = bytes.indexOf(LINE_END, at);
    if (sizeEnd === -1) return null;
    const size = Number.parseInt(bytes.toString('latin1', at, sizeEnd).split(';')[0]!, 16);
    if (!Number.isInteger(size) || size < 0) throw new Error('bad chunk size');
    if (size === 0) {
      // The last chunk, then trailer lines (usually none) and an empty line.
      const end = bytes.indexOf(HEADER_END, sizeEnd);
      return end === -1 ? null : { status, length: end + HEADER_END.length };
    }
    at = sizeEnd + LINE_END.length + size + LINE_END.length;
    if (bytes.length < at) return null;
  }
}
