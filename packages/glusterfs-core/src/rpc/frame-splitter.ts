import { FsError } from '../errors/index.js';
import { LENGTH_BYTES } from './frame.js';

/** Type byte plus call id: no valid frame body is shorter. */
const MIN_BODY = 5;

/**
 * Cuts a byte stream into frame bodies at their u32 length prefixes. A frame that lies wholly
 * inside one received chunk is handed out as a view of it (no copy); one spread over several
 * chunks is assembled once into a buffer of exactly its size. A length over `maxBytes` (or under
 * the minimum) is EBADMSG before anything is allocated for it.
 */
export class FrameSplitter {
  #max: number;
  readonly #onFrame: (body: Buffer) => void;
  readonly #head = Buffer.alloc(LENGTH_BYTES);
  #headLen = 0;
  #body: Buffer | null = null;
  #filled = 0;
  #stopped = false;

  constructor(maxBytes: number, onFrame: (body: Buffer) => void) {
    this.#max = maxBytes;
    this.#onFrame = onFrame;
  }

  /** True while a frame has been started but not completed (a close now truncates it). */
  get midFrame(): boolean {
    return this.#body !== null || this.#headLen > 0;
  }

  /** Changes the largest frame accepted from now on (raised once a handshake is done). */
  setMax(maxBytes: number): void {
    this.#max = maxBytes;
  }

  /** Stops handing out frames (the connection is being dropped). */
  stop(): void {
    this.#stopped = true;
    this.#body = null;
  }

  /** Feeds received bytes; calls onFrame for every completed frame, in order. EBADMSG. */
  push(chunk: Buffer): void {
    let off = 0;
    while (off < chunk.length && !this.#stopped) {
      if (this.#body) {
        off = this.#fill(chunk, off);
        continue;
      }
      let len: number;
      if (this.#headLen > 0 || chunk.length - off < LENGTH_BYTES) {
        while (this.#headLen < LENGTH_BYTES && off < chunk.length) this.#head[this.#headLen++] = chunk[off++]!;
        if (this.#headLen < LENGTH_BYTES) return;
        this.#headLen = 0;
        len = this.#head.readUInt32LE(0);
      } else {
        len = chunk.readUInt32LE(off);
        off += LENGTH_BYTES;
      }
      if (len > this.#max) throw new FsError('EBADMSG', `frame of ${len} bytes exceeds the limit of ${this.#max}`);
      if (len < MIN_BODY) throw new FsError('EBADMSG', `frame of ${len} bytes is too short`);
      if (chunk.length - off >= len) {
        this.#onFrame(chunk.subarray(off, off + len));
        off += len;
      } else {
        this.#body = Buffer.allocUnsafe(len);
        this.#filled = 0;
      }
    }
  }

  #fill(chunk: Buffer, off: number): number {
    const body = this.#body!;
    const n = Math.min(chunk.length - off, body.length - this.#filled);
    chunk.copy(body, this.#filled, off, off + n);
    this.#filled += n;
    if (this.#filled === body.length) {
      this.#body = null;
      this.#onFrame(body);
    }
    return off + n;
  }
}
