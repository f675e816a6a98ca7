import { PREAMBLE_LENGTH, parsePreamble } from './preamble.js';
import type { Preamble } from './preamble.js';
import { wireError } from './wire-error.js';
import { ByteGatherer } from '../net/byte-gatherer.js';

/** Default cap on one client packet (64 MiB); a larger declared length drops the connection. */
export const DEFAULT_MAX_PACKET_SIZE = 64 * 1024 * 1024;

/** Options of {@link PacketSplitter}. */
export interface PacketSplitterOptions {
  /** Called with each complete packet body (the bytes after the 4-byte length), in order. */
  readonly onPacket: (packet: Buffer) => void;
  /** Called once when the preamble has been read and accepted. */
  readonly onPreamble?: (preamble: Preamble) => void;
  /** Largest accepted packet body in bytes; default {@link DEFAULT_MAX_PACKET_SIZE}. */
  readonly maxPacketSize?: number;
  /** Whether the stream starts with the 7-byte preamble (default true). */
  readonly expectPreamble?: boolean;
}

/**
 * Cuts a client's byte stream into the preamble and then packets framed by a 4-byte big-endian
 * length, whatever the chunk boundaries. A packet inside one chunk is handed out as a view of
 * it; one spread over chunks is assembled once into a buffer of its exact size. `push` throws a
 * WireError (`BAD_PREAMBLE`, `TOO_LARGE`, or `MALFORMED` for an empty packet) before anything
 * is allocated for a bad length; the splitter is then unusable and the connection must be
 * dropped.
 */
export class PacketSplitter {
  readonly #opts: PacketSplitterOptions;
  #max: number;
  readonly #gather = new ByteGatherer();
  #preamble: Preamble | undefined;
  /** Length of the packet body being read; 0 while reading a preamble or a length. */
  #bodyLen = 0;

  constructor(opts: PacketSplitterOptions) {
    this.#opts = opts;
    this.#max = opts.maxPacketSize ?? DEFAULT_MAX_PACKET_SIZE;
    if (opts.expectPreamble === false) this.#preamble = { version: 0, serviceClass: 0, authProtocol: 0 };
  }

  /**
   * Changes the largest accepted packet body from the next length prefix on (the IPC server
   * allows bigger packets once the connection context is in).
   */
  setMaxPacketSize(max: number): void {
    this.#max = max;
  }

  /** The accepted preamble, once read (a placeholder of zeros when none is expected). */
  get preamble(): Preamble | undefined {
    return this.#preamble;
  }

  /** True while a preamble, length or packet has been started but not completed. */
  get midPacket(): boolean {
    return this.#bodyLen > 0 || this.#gather.pending;
  }

  /** Feeds received bytes; calls the callbacks for everything completed, in order. */
  push(chunk: Uint8Array): void {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let off = 0;
    while (off < buf.length) {
      if (this.#bodyLen > 0) {
        const [body, next] = this.#gather.take(buf, off, this.#bodyLen);
        off = next;
        if (!body) return;
        this.#bodyLen = 0;
        this.#opts.onPacket(body);
        continue;
      }
      const [head, next] = this.#gather.take(buf, off, this.#preamble ? 4 : PREAMBLE_LENGTH);
      off = next;
      if (!head) return;
      if (!this.#preamble) {
        this.#preamble = parsePreamble(head);
        this.#opts.onPreamble?.(this.#preamble);
        continue;
      }
      const len = head.readUInt32BE(0);
      if (len > this.#max) throw wireError('TOO_LARGE', `packet of ${len} bytes exceeds the limit of ${this.#max}`);
      if (len === 0) throw wireError('MALFORMED', 'empty packet: no RpcRequestHeaderProto');
      this.#bodyLen = len;
    }
  }
}
