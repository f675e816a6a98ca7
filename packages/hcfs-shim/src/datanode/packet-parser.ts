import { decode, wireError } from '../ipc/index.js';
import { chunkCount } from './checksums.js';
import { PACKET_PREFIX_LENGTH, PacketHeaderProto } from './packet.js';
import type { PacketHeader } from './packet.js';

/** Default cap on a packet's payload (16 MiB, HDFS's own limit); the Go client sends ≤ 64 KiB of data. */
export const DEFAULT_MAX_DATA_PACKET_SIZE = 16 * 1024 * 1024;

/** A PacketHeaderProto is 25 bytes in practice; anything this long is not a header. */
const MAX_HEADER_LENGTH = 4096;

/** One received packet: its header, and views of its checksums and data. */
export interface Packet {
  readonly header: PacketHeader;
  readonly checksums: Buffer;
  readonly data: Buffer;
}

/** Options of {@link PacketParser}. */
export interface PacketParserOptions {
  /** The chunk size the checksums are computed over (from the op's requestedChecksum). */
  readonly bytesPerChecksum: number;
  /** Largest accepted payloadLen; default {@link DEFAULT_MAX_DATA_PACKET_SIZE}. */
  readonly maxPacketSize?: number;
  /** Called with each complete packet, in order. */
  readonly onPacket: (packet: Packet) => void;
}

/**
 * Cuts a write stream into packets (uint32 payloadLen, uint16 headerLen, PacketHeaderProto,
 * checksums, data) whatever the TCP chunking. A packet inside one chunk is handed out as views
 * of it; one spread over chunks is assembled once. `push` throws a WireError — `TOO_LARGE` for a
 * length over the limits (before allocating), `MALFORMED` for a header that does not decode or
 * a payloadLen that disagrees with dataLen — and the parser is then unusable.
 */
export class PacketParser {
  readonly #opts: PacketParserOptions;
  readonly #max: number;
  readonly #prefix = Buffer.alloc(PACKET_PREFIX_LENGTH);
  #prefixLen = 0;
  #body: Buffer | null = null;
  #headerLen = 0;
  #filled = 0;

  constructor(opts: PacketParserOptions) {
    this.#opts = opts;
    this.#max = opts.maxPacketSize ?? DEFAULT_MAX_DATA_PACKET_SIZE;
  }

  /** True while a packet has been started but not completed. */
  get midPacket(): boolean {
    return this.#body !== null || this.#prefixLen > 0;
  }

  /** Feeds received bytes; calls `onPacket` for every packet completed, in order. */
  push(buf: Buffer): void {
    let off = 0;
    while (off < buf.length) {
      if (this.#body) {
        off = this.#fill(buf, off);
        continue;
      }
      const take = Math.min(PACKET_PREFIX_LENGTH - this.#prefixLen, buf.length - off);
      buf.copy(this.#prefix, this.#prefixLen, off, off + take);
      this.#prefixLen += take;
      off += take;
      if (this.#prefixLen < PACKET_PREFIX_LENGTH) return;
      this.#prefixLen = 0;
      off = this.#start(buf, off);
    }
  }

  #start(buf: Buffer, off: number): number {
    const payloadLen = this.#prefix.readUInt32BE(0);
    const headerLen = this.#prefix.readUInt16BE(4);
    if (payloadLen < 4) throw wireError('MALFORMED', `packet payloadLen ${payloadLen} is below 4`);
    if (payloadLen > this.#max) throw wireError('TOO_LARGE', `packet payload of ${payloadLen} bytes exceeds the limit of ${this.#max}`);
    if (headerLen > MAX_HEADER_LENGTH) throw wireError('TOO_LARGE', `packet header of ${headerLen} bytes`);
    // Body = header + checksums + data; payloadLen counts its own 4 bytes.
    const len = headerLen + payloadLen - 4;
    if (buf.length - off >= len) {
      this.#emit(buf.subarray(off, off + len), headerLen);
      return off + len;
    }
    this.#body = Buffer.allocUnsafe(len);
    this.#headerLen = headerLen;
    this.#filled = 0;
    return off;
  }

  #fill(buf: Buffer, off: number): number {
    const body = this.#body!;
    const n = Math.min(buf.length - off, body.length - this.#filled);
    buf.copy(body, this.#filled, off, off + n);
    this.#filled += n;
    if (this.#filled === body.length) {
      this.#body = null;
      this.#emit(body, this.#headerLen);
    }
    return off + n;
  }

  #emit(body: Buffer, headerLen: number): void {
    const header = decode(PacketHeaderProto, body.subarray(0, headerLen));
    const dataLen = header.dataLen;
    const sumsLen = dataLen < 0 ? -1 : chunkCount(dataLen, this.#opts.bytesPerChecksum) * 4;
    if (sumsLen < 0 || headerLen + sumsLen + dataLen !== body.length) {
      throw wireError('MALFORMED', `packet payload of ${body.length - headerLen} bytes does not fit dataLen ${dataLen}`);
    }
    const sumsEnd = headerLen + sumsLen;
    this.#opts.onPacket({ header, checksums: body.subarray(headerLen, sumsEnd), data: body.subarray(sumsEnd) });
  }
}
