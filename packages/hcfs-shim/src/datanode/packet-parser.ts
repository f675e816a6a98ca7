import { decode, wireError } from '../ipc/index.js';
import { chunkCount } from './checksums.js';
import { PACKET_PREFIX_LENGTH, PacketHeaderProto } from './packet.js';
import type { PacketHeader } from './packet.js';
import { ByteGatherer } from '../net/byte-gatherer.js';

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
  readonly #gather = new ByteGatherer();
  /** Header and body lengths of the packet being read; bodyLen 0 while reading its prefix. */
  #headerLen = 0;
  #bodyLen = 0;

  constructor(opts: PacketParserOptions) {
    this.#opts = opts;
    this.#max = opts.maxPacketSize ?? DEFAULT_MAX_DATA_PACKET_SIZE;
  }

  /** True while a packet has been started but not completed. */
  get midPacket(): boolean {
    return this.#bodyLen > 0 || this.#gather.pending;
  }

  /** Feeds received bytes; calls `onPacket` for every packet completed, in order. */
  push(buf: Buffer): void {
    let off = 0;
    while (off < buf.length) {
      if (this.#bodyLen > 0) {
        const [body, next] = this.#gather.take(buf, off, this.#bodyLen);
        off = next;
        if (!body) return;
        this.#bodyLen = 0;
        this.#emit(body, this.#headerLen);
        continue;
      }
      const [prefix, next] = this.#gather.take(buf, off, PACKET_PREFIX_LENGTH);
      off = next;
      if (!prefix) return;
      const payloadLen = prefix.readUInt32BE(0);
      const headerLen = prefix.readUInt16BE(4);
      if (payloadLen < 4) throw wireError('MALFORMED', `packet payloadLen ${payloadLen} is below 4`);
      if (payloadLen > this.#max) throw wireError('TOO_LARGE', `packet payload of ${payloadLen} bytes exceeds the limit of ${this.#max}`);
      if (headerLen > MAX_HEADER_LENGTH) throw wireError('TOO_LARGE', `packet header of ${headerLen} bytes`);
      // Body = header + checksums + data; payloadLen counts its own 4 bytes.
      this.#headerLen = headerLen;
      this.#bodyLen = headerLen + payloadLen - 4;
      if (this.#bodyLen === 0) this.#emit(Buffer.alloc(0), 0);
    }
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
