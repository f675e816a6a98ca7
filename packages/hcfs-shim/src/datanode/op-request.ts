import { decodeVarintNumber, isWireError, wireError } from '../ipc/index.js';
import { DATA_TRANSFER_VERSION, DT_OP } from './op-messages.js';

/** Op messages are a few hundred bytes; anything over this is not a client we serve. */
export const MAX_OP_MESSAGE_SIZE = 1024 * 1024;

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
 * {@link MAX_OP_MESSAGE_SIZE} and `MALFORMED` for a bad varint.
 */
export class OpRequestReader {
  #buf: Buffer = Buffer.alloc(0);

  /** Feeds received bytes. */
  push(chunk: Buffer): OpRequest | undefined {
    this.#buf = this.#buf.length === 0 ? chunk : Buffer.concat([this.#buf, chunk]);
    const buf = this.#buf;
    if (buf.length < 3) return undefined;
    const version = buf.readUInt16BE(0);
    const op = buf[2]!;
    if (version !== DATA_TRANSFER_VERSION || !KNOWN_OPS.has(op)) return { version, op, rest: buf.subarray(3) };
    let len: number;
    let start: number;
    try {
      [len, start] = decodeVarintNumber(buf, 3, 0xffffffff);
    } catch (e) {
      if (isWireError(e) && e.code === 'TRUNCATED') return undefined;
      throw e;
    }
    if (len > MAX_OP_MESSAGE_SIZE) throw wireError('TOO_LARGE', `op message of ${len} bytes exceeds ${MAX_OP_MESSAGE_SIZE}`);
    if (buf.length < start + len) return undefined;
    return { version, op, body: buf.subarray(start, start + len), rest: buf.subarray(start + len) };
  }
}
