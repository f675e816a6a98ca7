import type { Socket } from 'node:net';
import { FsError } from '../errors/index.js';
import { HANDSHAKE_MAX_FRAME_BYTES, parseFrame, type Frame } from './frame.js';
import { FrameSplitter } from './frame-splitter.js';
import { OutBuffer } from './out-buffer.js';

/** While the socket is blocked and this much is queued, stop reading: the peer must read first. */
const PAUSE_READ_BYTES = 32 * 1024 * 1024;

/** What a transport reports to its owner (client or server connection). */
export interface TransportHandlers {
  /** One well-formed frame; values in it are views of the received bytes. */
  frame(frame: Frame): void;
  /**
   * The connection is gone, once. `reason` is EBADMSG for a malformed or truncated frame,
   * ENOTCONN for a reset, EIO for a bug in a frame handler, undefined for an orderly close.
   */
  closed(reason: FsError | undefined): void;
}

/**
 * One framed connection. Senders append frames to `out` and call `kick()`; everything appended
 * in one event-loop turn goes out in a single corked write (DESIGN.md: batching writes matters
 * more than the encoding). When the socket reports backpressure no more is written until it
 * drains, and reading pauses if the backlog grows past a bound. Until its owner calls
 * `handshakeDone()`, frames over {@link HANDSHAKE_MAX_FRAME_BYTES} are refused: nobody gets to
 * make the other side allocate large buffers before it knows who they are.
 */
export class Transport {
  readonly out = new OutBuffer();
  readonly socket: Socket;
  readonly maxFrameBytes: number;
  readonly #handlers: TransportHandlers;
  readonly #splitter: FrameSplitter;
  #scheduled = false;
  #blocked = false;
  #paused = false;
  #closed = false;
  #lastReceived = performance.now();

  constructor(socket: Socket, maxFrameBytes: number, handlers: TransportHandlers) {
    this.socket = socket;
    this.maxFrameBytes = maxFrameBytes;
    this.#handlers = handlers;
    this.#splitter = new FrameSplitter(Math.min(maxFrameBytes, HANDSHAKE_MAX_FRAME_BYTES), (body) => this.#handlers.frame(parseFrame(body)));
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('drain', () => this.#onDrain());
    socket.on('end', () => this.#onEnd());
    socket.on('error', (e: Error) => this.close(new FsError('ENOTCONN', `connection lost: ${e.message}`)));
    socket.on('close', () => this.close(undefined));
  }

  /** True once the connection has closed (nothing more is sent or delivered). */
  get isClosed(): boolean {
    return this.#closed;
  }

  /** Monotonic time (ms) of the last bytes received. */
  get lastReceived(): number {
    return this.#lastReceived;
  }

  /** Accepts frames up to `maxFrameBytes` from now on (the peer is authenticated). */
  handshakeDone(): void {
    this.#splitter.setMax(this.maxFrameBytes);
  }

  /** Schedules a flush of `out` at the end of this event-loop turn. */
  kick(): void {
    if (this.#scheduled || this.#blocked || this.#closed) return;
    this.#scheduled = true;
    setImmediate(() => this.#flush());
  }

  /** Writes what is queued, then half-closes (used to deliver a last error frame). */
  endAfterFlush(): void {
    this.#flush();
    this.socket.end();
  }

  /** Drops the connection; the owner hears `closed(reason)` once. */
  close(reason: FsError | undefined): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#splitter.stop();
    this.socket.destroy();
    this.#handlers.closed(reason);
  }

  #flush(): void {
    this.#scheduled = false;
    if (this.#closed || this.#blocked || this.out.size === 0) return;
    const pieces = this.out.take();
    const sock = this.socket;
    let ok = true;
    if (pieces.length === 1) ok = sock.write(pieces[0]!);
    else {
      sock.cork();
      for (const p of pieces) ok = sock.write(p);
      sock.uncork();
    }
    if (!ok) this.#blocked = true;
  }

  #onDrain(): void {
    this.#blocked = false;
    if (this.#paused) {
      this.#paused = false;
      this.socket.resume();
    }
    this.#flush();
  }

  #onData(chunk: Buffer): void {
    this.#lastReceived = performance.now();
    try {
      this.#splitter.push(chunk);
    } catch (e) {
      // An FsError is the peer's fault (EBADMSG); anything else is a bug on this side, kept
      // with its stack so the owner's log shows where.
      this.close(e instanceof FsError ? e : new FsError('EIO', `internal error handling a frame: ${e instanceof Error ? e.stack : String(e)}`));
      return;
    }
    if (this.#blocked && !this.#paused && this.out.size > PAUSE_READ_BYTES) {
      this.#paused = true;
      this.socket.pause();
    }
  }

  #onEnd(): void {
    const truncated = this.#splitter.midFrame;
    this.close(truncated ? new FsError('EBADMSG', 'connection closed in the middle of a frame') : undefined);
  }
}
