import { decodeVarintNumber, isWireError, wireError } from '../ipc/index.js';
import { DATA_TRANSFER_VERSION, DT_OP } from './op-messages.js';

/**
 * Op messages are a few hundred bytes; a block token naming an 8000-character path brings one
 * to ~25 KiB. Anything over this is not a client we serve.
 */
export const MAX_OP_MESSAGE_SIZE = 64 * 1024;

const KNOWN_OPS: ReadonlySet<number> = new Set(Object.values(DT_OP));

/**
 * The first bytes of a connection: version, op code and the varint-delimited op message.
 * `body` is absent when the version or op is one this datanode does not speak (the message's
 * format is then unknown, so it is not read). `rest` holds whatever followed the request.
 */
export interface OpRequest {
  readonly version: number;
  readonly op: number;
  readonly body?: Buffer;
  readonly rest: Buffer;
}

/**
 * Accumulates a connection's first bytes until one op request is complete, whatever the TCP
 * chunking. `push` returns the request once complete (then the reader is done), or undefined
 * while more bytes are needed. Throws a WireError `TOO_LARGE` for a message length over
 * `maxMessageSize` (default {@link MAX_OP_MESSAGE_SIZE}) and `MALFORMED` for a bad varint.
 */
export class OpRequestReader {
  #chunks: Buffer[] = [];
  #size = 0;
  /** Bytes the whole request needs, once its length is known: chunks are only joined then. */
  #need = 3;
  readonly #max: number;

  constructor(maxMessageSize = MAX_OP_MESSAGE_SIZE) {
    this.#max = maxMessageSize;
  }

  /** Feeds received bytes. */
  push(chunk: Buffer): OpRequest | undefined {
    this.#chunks.push(chunk);
    this.#size += chunk.length;
    if (this.#size < this.#need) return undefined;
    const buf = this.#chunks.length === 1 ? this.#chunks[0]! : Buffer.concat(this.#chunks, this.#size);
    this.#chunks = [buf];
    const version = buf.readUInt16BE(0);
    const op = buf[2]!;
    if (version !== DATA_TRANSFER_VERSION || !KNOWN_OPS.has(op)) return { version, op, rest: buf.subarray(3) };
    let len: number;
    let start: number;
    try {
      [len, start] = decodeVarintNumber(buf, 3, 0xffffffff);
    } catch (e) {
      if (isWireError(e) && e.code === 'TRUNCATED') {
        this.#need = buf.length + 1;
        return undefined;
      }
      throw e;
    }
    if (len > this.#max) throw wireError('TOO_LARGE', `op message of ${len} bytes exceeds ${this.#max}`);
    this.#need = start + len;
    if (buf.length < this.#need) return undefined;
    return { version, op, body: buf.subarray(start, start + len), rest: buf.subarray(start + len) };
  }
}
